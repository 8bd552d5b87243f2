using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Newsletter;
using Visnyk.Tags;

namespace Visnyk.Tests.Data;

// A row of one site cannot point at another site's row, whatever wrote it: the references carry the
// site ((SiteId, ArticleId) → Articles (SiteId, Id), and so on), so the database refuses them. The
// query filter and row-level security keep other sites' rows from being read; this keeps an id
// learnt elsewhere (an old export, a guessed number) from being linked to. On PostgreSQL the
// statements run as the site's own role, under row-level security, which a foreign key check
// does not pass through: before this, a site-1 row could name a site-2 tag.
public class SameSiteReferenceTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<(int Article, int Tag, int Image, int Subscriber)> OtherSiteAsync()
    {
        await site.EnsureSiteAsync(2, "Сусідня громада");
        await using var scope = site.Scope(2, out var db);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Slug == "susidnia");
        if (tag is null)
        {
            db.Subscribers.Add(new Subscriber { Email = "susid@example.org", Stamp = "susid", ConfirmedAt = DateTime.UtcNow });
            tag = new Tag { Name = "Сусідня", Slug = "susidnia" };
            var image = new Image { Key = "susidnia-foto", Width = 800, Height = 600, Widths = "800" };
            db.Add(new Article
            {
                Title = "Стаття сусідньої громади", Slug = "susidnia", Summary = "Сусідня", Body = "<p>Сусідня</p>",
                Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow.AddMinutes(-1),
                Tags = [tag], LeadImage = image,
            });
            await db.SaveChangesAsync();
        }
        var article = await db.Articles.Where(a => a.Slug == "susidnia").Select(a => new { a.Id, a.LeadImageId }).SingleAsync();
        return (article.Id, tag.Id, article.LeadImageId!.Value, await db.Subscribers.Where(x => x.Email == "susid@example.org").Select(x => x.Id).SingleAsync());
    }

    static async Task<int> OwnArticleAsync(VisnykDb db) => await db.Articles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();

    [Fact]
    public async Task SQL_of_its_own_cannot_link_a_sites_article_to_another_sites_tag_or_image()
    {
        var other = await OtherSiteAsync();
        await using var scope = site.Scope(out var db);
        var own = await OwnArticleAsync(db);
        var ownTag = await db.Tags.Select(t => t.Id).FirstAsync();

        // The same statement with the site's own tag is accepted: the refusal below is the site's, not the statement's.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "ArticleTags" WHERE "ArticleId" = {own} AND "TagsId" = {ownTag}""");
            Assert.Equal(1, await db.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "ArticleTags" ("SiteId", "ArticleId", "TagsId") VALUES ({db.SiteId}, {own}, {ownTag})"""));
            await transaction.RollbackAsync();
        }
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "ArticleTags" ("SiteId", "ArticleId", "TagsId") VALUES ({db.SiteId}, {own}, {other.Tag})"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Articles.Where(a => a.Id == own).ExecuteUpdateAsync(s => s.SetProperty(a => a.LeadImageId, other.Image)));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "PinnedRelation" ("SiteId", "ArticleId", "RelatedId", "Position") VALUES ({db.SiteId}, {own}, {other.Article}, 0)"""));
        // A letter of this site to another site's subscriber (the sender updates subscribers by this id, across sites).
        db.Deliveries.Add(new Delivery { To = "susid@example.org", SubscriberId = other.Subscriber, CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.False(await db.Deliveries.IgnoreQueryFilters().AnyAsync(d => d.To == "susid@example.org"));

        await using var otherScope = site.Scope(2, out var otherDb);
        Assert.Equal([other.Tag], await otherDb.Articles.Where(a => a.Id == other.Article).SelectMany(a => a.Tags).Select(t => t.Id).ToListAsync());
        await using var check = site.Scope(out var after);
        Assert.DoesNotContain(other.Tag, await after.Articles.Where(a => a.Id == own).SelectMany(a => a.Tags).Select(t => t.Id).ToListAsync());
    }

    // The SQLite migration's temporary indexes (the parents' unique (SiteId, Id) for the copy) went with the rebuilds.
    [Fact]
    public async Task No_index_of_the_migration_is_left_behind()
    {
        await using var scope = site.Scope(out var db);
        if (db.Database.IsSqlite())
        {
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM sqlite_master WHERE name LIKE '%SiteKeyForRebuild'""").SingleAsync());
            Assert.Equal(7, await db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM sqlite_master WHERE type = 'index' AND name LIKE 'sqlite_autoindex_%' AND tbl_name IN ('Articles', 'Departments', 'Tags', 'Images', 'Subscribers', 'Mailings', 'ChangeNotes')""").SingleAsync());
        }
    }

    // A mailing tells of its own site's change note, and a letter belongs to its own site's mailing:
    // the sender reads both by id, across sites.
    [Fact]
    public async Task A_mailing_cannot_name_another_sites_note_nor_a_letter_another_sites_mailing()
    {
        var other = await OtherSiteAsync();
        int otherNote, otherMailing;
        await using (var otherScope = site.Scope(2, out var otherDb))
        {
            var note = new Visnyk.Newsroom.ChangeNote { ArticleId = other.Article, At = DateTime.UtcNow, Text = "Сусідня поправка" };
            var mailing = new Mailing { Kind = MailingKind.Update, Key = $"update:sameSite:{Guid.NewGuid():N}", ArticleId = other.Article, ChangeNote = note, CreatedAt = DateTime.UtcNow };
            otherDb.Add(mailing);
            await otherDb.SaveChangesAsync();
            (otherNote, otherMailing) = (note.Id, mailing.Id);
        }
        await using var scope = site.Scope(out var db);
        var own = await OwnArticleAsync(db);
        var key = $"update:sameSite:{Guid.NewGuid():N}";

        // The same rows naming the site's own note and mailing are accepted.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var ownNote = new Visnyk.Newsroom.ChangeNote { ArticleId = own, At = DateTime.UtcNow, Text = "Своя поправка" };
            var ownMailing = new Mailing { Kind = MailingKind.Update, Key = key, ArticleId = own, ChangeNote = ownNote, CreatedAt = DateTime.UtcNow };
            db.Add(ownMailing);
            await db.SaveChangesAsync();
            db.Deliveries.Add(new Delivery { MailingId = ownMailing.Id, To = "own@example.org", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        db.ChangeTracker.Clear();

        db.Mailings.Add(new Mailing { Kind = MailingKind.Update, Key = key, ArticleId = own, ChangeNoteId = otherNote, CreatedAt = DateTime.UtcNow });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Deliveries.Add(new Delivery { MailingId = otherMailing, To = "own@example.org", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        await using var check = site.Scope(out var after);
        Assert.False(await after.Mailings.IgnoreQueryFilters().AnyAsync(m => m.Key == key));
        Assert.False(await after.Deliveries.IgnoreQueryFilters().AnyAsync(d => d.To == "own@example.org"));
    }

    [Fact]
    public async Task A_save_that_names_another_sites_image_is_refused_and_writes_nothing()
    {
        var other = await OtherSiteAsync();
        await using var scope = site.Scope(out var db);
        var own = await OwnArticleAsync(db);
        db.Add(new GalleryImage { ArticleId = own, ImageId = other.Image, Position = 900, Alt = "чуже фото" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var check = site.Scope(out var after);
        Assert.False(await after.Set<GalleryImage>().AnyAsync(g => g.Position == 900));
    }
}
