using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Newsletter;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Data;

// The model, shared by both databases. The SQLite migrations belong to this class; PostgreSQL's
// to PostgresDb, the same model with its own migrations folder.
public class VisnykDb(DbContextOptions options) : IdentityDbContext<User>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Image> Images => Set<Image>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SignInCounter> SignInCounters => Set<SignInCounter>();
    public DbSet<Newsroom.ArticleRevision> Revisions => Set<Newsroom.ArticleRevision>();
    public DbSet<Newsroom.ChangeNote> ChangeNotes => Set<Newsroom.ChangeNote>();
    public DbSet<ArticleChange> ArticleChanges => Set<ArticleChange>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Mailing> Mailings => Set<Mailing>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<UsedConfirmation> UsedConfirmations => Set<UsedConfirmation>();
    public DbSet<Import.WordPressPost> WordPressPosts => Set<Import.WordPressPost>();
    public DbSet<Import.OldAddress> OldAddresses => Set<Import.OldAddress>();
    // Data Protection keys (sign-in cookies, antiforgery, sealed links), shared by every instance.
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    // Join tables of the many-to-many relations, named for queries that start from them.
    public const string ArticleDepartments = "ArticleDepartments";
    public const string ArticleTags = "ArticleTags";

    // Ids of the articles linked to one row of a join table, read from the join table's own index.
    public IQueryable<int> ArticleIds(string joinTable, string column, int id) =>
        Set<Dictionary<string, object>>(joinTable).Where(x => EF.Property<int>(x, column) == id).Select(x => EF.Property<int>(x, "ArticleId"));

    // The other ends (departments or tags) of these articles, from a join table, by article.
    public async Task<ILookup<int, int>> LinksAsync(string joinTable, string column, IReadOnlyCollection<int> articleIds, CancellationToken ct) =>
        (await Set<Dictionary<string, object>>(joinTable)
            .Where(x => articleIds.Contains(EF.Property<int>(x, "ArticleId")))
            .Select(x => new { Article = EF.Property<int>(x, "ArticleId"), Other = EF.Property<int>(x, column) })
            .ToListAsync(ct)).ToLookup(x => x.Article, x => x.Other);

    // Logs a change of every article carrying this tag (renamed, or merged into another), for the search index.
    public Task RecordTagChangeAsync(int tagId, DateTime utcNow, CancellationToken ct) => Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO "ArticleChanges" ("ArticleId", "At") SELECT "ArticleId", {utcNow} FROM "ArticleTags" WHERE "TagsId" = {tagId}
        """, ct);

    // SQL uk_fold(text), registered on every connection by TextFold.Registration.
    public static string Fold(string text) => throw new InvalidOperationException("Only for queries");

    // Records every change to an article's text, state, departments or tags in ArticleChanges, in
    // the same transaction: the search index of every instance follows that log.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        var (changed, renamedTags) = ChangedArticles();
        var mailings = ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity is Mailing or Delivery);
        if (changed.Count == 0 && renamedTags.Count == 0)
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            if (mailings && Database.CurrentTransaction is null)
            {
                Alerts.RaiseDecided();
            }
            return count;
        }
        var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        try
        {
            // New articles get their ids from this first save.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            var at = DateTime.UtcNow;
            ArticleChanges.AddRange(changed.Select(id => id()).Distinct().Select(id => new ArticleChange { ArticleId = id, At = at }));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            foreach (var tag in renamedTags)
            {
                // The articles carrying a renamed tag are found under its new name too.
                await RecordTagChangeAsync(tag, at, ct);
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
                ArticleChange.RaiseCommitted();
                if (mailings)
                {
                    Alerts.RaiseDecided();
                }
            }
            return saved;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    // The ids of the articles this save touches, read after the save (new articles have none
    // before), and the tags renamed (their articles are indexed under the tag's name).
    (List<Func<int>> Articles, List<int> RenamedTags) ChangedArticles()
    {
        var changed = new List<Func<int>>();
        var renamedTags = new List<int>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            if (entry.Entity is Article article)
            {
                changed.Add(() => article.Id);
            }
            else if (entry.Entity is Tag tag && entry.State == EntityState.Modified && entry.Property(nameof(Tag.Name)).IsModified)
            {
                renamedTags.Add(tag.Id);
            }
            else if (entry.Metadata.Name is ArticleDepartments or ArticleTags)
            {
                var link = entry.Property("ArticleId");
                var deletedId = entry.State == EntityState.Deleted ? (int)link.CurrentValue! : 0;
                changed.Add(() => deletedId != 0 ? deletedId : (int)link.CurrentValue!);
            }
        }
        return (changed, renamedTags);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every DateTime is UTC; SQLite hands them back without a kind, so restore it on read.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.Entity<User>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasMany(x => x.Departments).WithMany().UsingEntity("UserDepartments");
        });
        model.Entity<Session>(s =>
        {
            s.Property(x => x.Id).HasMaxLength(32);
            s.HasIndex(x => x.UserId);
            s.HasIndex(x => x.CreatedAt);
            s.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Newsroom.ArticleRevision>(r =>
        {
            r.HasIndex(x => new { x.ArticleId, x.Id });
            r.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Newsroom.ChangeNote>(n =>
        {
            n.HasIndex(x => new { x.ArticleId, x.At });
            n.Property(x => x.Text).HasMaxLength(1000);
            n.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Subject, x.Id });
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Subject).HasMaxLength(128);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Ip).HasMaxLength(64);
        });
        model.Entity<ArticleChange>(c => c.HasIndex(x => x.At));
        model.Entity<SignInCounter>(c =>
        {
            c.HasKey(x => x.Key);
            c.Property(x => x.Key).HasMaxLength(SignInCounter.MaxKeyLength);
            c.HasIndex(x => x.LastFailureAt);
        });
        model.Entity<Subscriber>(s =>
        {
            s.HasIndex(x => x.Email).IsUnique();
            s.Property(x => x.Email).HasMaxLength(EmailAddress.MaxLength);
            s.Property(x => x.Stamp).HasMaxLength(64);
            s.HasMany(x => x.Subscriptions).WithOne().HasForeignKey(x => x.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Subscription>(s =>
        {
            // One frequency per topic and subscriber; expansion reads one frequency in subscriber order.
            s.HasIndex(x => new { x.SubscriberId, x.Kind, x.TopicId }).IsUnique();
            s.HasIndex(x => new { x.Frequency, x.SubscriberId });
        });
        model.Entity<Mailing>(m =>
        {
            m.HasIndex(x => x.Key).IsUnique();
            m.Property(x => x.Key).HasMaxLength(64);
            m.HasIndex(x => x.ExpandedAt);
            // Two instances expanding the same mailing: each batch's save checks the cursor it
            // started from, so only one of them writes that batch's deliveries.
            m.Property(x => x.Cursor).IsConcurrencyToken();
            m.HasOne(x => x.ChangeNote).WithMany().HasForeignKey(x => x.ChangeNoteId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<Delivery>(d =>
        {
            // The sender's queue, the history's counts, and the per-address limit on confirmations.
            d.HasIndex(x => new { x.Status, x.NextAttemptAt });
            d.HasIndex(x => new { x.MailingId, x.Status });
            d.HasIndex(x => x.Claim);
            d.HasIndex(x => new { x.To, x.CreatedAt }).HasFilter("\"MailingId\" IS NULL");
            d.HasIndex(x => x.SubscriberId);
            d.Property(x => x.To).HasMaxLength(EmailAddress.MaxLength);
            d.Property(x => x.Error).HasMaxLength(500);
            d.Property(x => x.Owner).HasMaxLength(200);
        });
        model.Entity<UsedConfirmation>(u =>
        {
            u.Property(x => x.Id).HasMaxLength(64);
            u.HasIndex(x => x.ExpiresAt);
        });
        model.HasDbFunction(typeof(VisnykDb).GetMethod(nameof(Fold))!).HasName("uk_fold");
        model.Entity<Article>(a =>
        {
            a.Property(x => x.Title).HasMaxLength(300);
            a.Property(x => x.Slug).HasMaxLength(100);
            a.Property(x => x.Summary).HasMaxLength(1000);
            // Public lists filter by status and sort by date.
            a.HasIndex(x => new { x.Status, x.PublishedAt });
            // The join tables are read from both ends: an article's tags, and a tag's newest
            // articles (ids descending, straight from the covering index).
            a.HasMany(x => x.Departments).WithMany().UsingEntity(ArticleDepartments, j => j.HasIndex("DepartmentsId", "ArticleId"));
            a.HasMany(x => x.Tags).WithMany().UsingEntity(ArticleTags, j => j.HasIndex("TagsId", "ArticleId"));
            a.HasOne(x => x.LeadImage).WithMany().OnDelete(DeleteBehavior.SetNull);
            a.HasMany(x => x.Gallery).WithOne().HasForeignKey(g => g.ArticleId);
            a.HasMany(x => x.PinnedRelated).WithOne().HasForeignKey(r => r.ArticleId);
            a.Ignore(x => x.Path);
            a.Ignore(x => x.IsLive);
        });
        model.Entity<GalleryImage>(g =>
        {
            g.HasKey(x => new { x.ArticleId, x.Position });
            g.HasOne(x => x.Image).WithMany().HasForeignKey(x => x.ImageId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<PinnedRelation>(r =>
        {
            r.HasKey(x => new { x.ArticleId, x.RelatedId });
            r.HasOne(x => x.Related).WithMany().HasForeignKey(x => x.RelatedId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Department>(d =>
        {
            d.HasIndex(x => x.Slug).IsUnique();
            d.Property(x => x.Name).HasMaxLength(200);
            d.Property(x => x.Slug).HasMaxLength(100);
            d.Ignore(x => x.Path);
        });
        model.Entity<Tag>(t =>
        {
            t.HasIndex(x => x.Slug).IsUnique();
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.Slug).HasMaxLength(100);
            t.Ignore(x => x.Path);
        });
        model.Entity<Image>(i =>
        {
            i.HasIndex(x => x.Key).IsUnique();
            i.Property(x => x.Key).HasMaxLength(64);
            i.Ignore(x => x.VariantWidths);
        });
        model.Entity<SiteSettings>(s => s.OwnsMany(x => x.SocialLinks, l => l.ToJson()));
        // Imports: which article each WordPress post became, and the old addresses that lead to it.
        model.Entity<Import.WordPressPost>(p =>
        {
            p.HasIndex(x => new { x.Site, x.PostId }).IsUnique();
            p.Property(x => x.Site).HasMaxLength(200);
            p.Property(x => x.Fingerprint).HasMaxLength(64);
            p.Property(x => x.Author).HasMaxLength(200);
            p.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Import.OldAddress>(o =>
        {
            o.HasIndex(x => x.Path).IsUnique();
            o.Property(x => x.Path).HasMaxLength(Import.OldAddress.MaxPath);
            o.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
