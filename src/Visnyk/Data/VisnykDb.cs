using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Data;

// The model, shared by both databases. The SQLite migrations belong to this class; PostgreSQL's
// to PostgresDb, the same model with its own migrations folder.
public class VisnykDb : IdentityDbContext<User>, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public VisnykDb(DbContextOptions options) : base(options) => SiteStamp.Watch(this);

    // News: pages of the site's tree are left out by a query filter (NewsFilter).
    public DbSet<Article> Articles => Set<Article>();
    // News and pages, for what serves both (the newsroom, Publishing, the schedule, copies of a site).
    public IQueryable<Article> Publications => Articles.IgnoreQueryFilters([NewsFilter]);
    public IQueryable<Article> SitePages => Publications.Where(a => a.Kind == ArticleKind.Page);
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
    public DbSet<Import.WordPressPost> WordPressPosts => Set<Import.WordPressPost>();
    public DbSet<Import.OldAddress> OldAddresses => Set<Import.OldAddress>();
    public DbSet<Site.Site> Sites => Set<Site.Site>();
    public DbSet<Feedback.ProblemReport> ProblemReports => Set<Feedback.ProblemReport>();
    public DbSet<SiteHost> SiteHosts => Set<SiteHost>();

    // The site this context reads and writes: every site-owned table is filtered by it ("Site" query
    // filter) and new rows are stamped with it (SiteStamp).
    public int SiteId
    {
        get;
        set
        {
            field = value;
            SiteStamp.Watch(this);
        }
    } = Site.Site.Default;
    public const string SiteColumn = "SiteId";

    // A bulk load of a whole site (site import) that records itself as one ArticleChange.WholeSite:
    // its saves record no change per article (ChangeRecord), and wake no follower.
    public bool LoadsWholeSite { get; set; }
    public const string SiteFilter = "Site";
    public const string NewsFilter = "News";
    public const string LanguageFilter = "Language";

    // The scope's site and language: a public page reads its language's articles only ("Language"
    // query filter); null (the newsroom, the jobs) reads every language. Read at each query, so a
    // language chosen after the context was made (LanguageEndpoints, after routing) still holds.
    public CurrentSite? Scope { get; set; }
    // Connections whose statements stay compiled, for the hottest reads (SQLite; null on PostgreSQL).
    public PreparedReads? Prepared { get; set; }
    public string? ReadLanguage => Scope?.Language?.Code;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        SiteStamp.Apply(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        SiteStamp.Apply(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }
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
        INSERT INTO "ArticleChanges" ("SiteId", "ArticleId", "At") SELECT {SiteId}, "ArticleId", {utcNow} FROM "ArticleTags" WHERE "SiteId" = {SiteId} AND "TagsId" = {tagId}
        """, ct);

    // SQL uk_fold(text), registered on every connection by TextFold.Registration.
    public static string Fold(string text) => throw new InvalidOperationException("Only for queries");

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every DateTime is UTC; SQLite hands them back without a kind, so restore it on read.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        SiteOwned<Article>(model);
        SiteOwned<Department>(model);
        SiteOwned<Tag>(model);
        SiteOwned<Image>(model);
        SiteOwned<SiteSettings>(model);
        SiteOwned<AuditEntry>(model);
        SiteOwned<ArticleChange>(model);
        SiteOwned<Import.WordPressPost>(model);
        SiteOwned<Import.OldAddress>(model);
        SiteOwned<Newsletter.Subscriber>(model);
        SiteOwned<Newsletter.Mailing>(model);
        SiteOwned<Newsletter.Delivery>(model);
        SiteOwned<Feedback.ProblemReport>(model);
        SiteOwned<People.Person>(model);
        model.Entity<People.Person>(p =>
        {
            p.OwnsMany(x => x.Translations, l => l.ToJson());
            p.Ignore(x => x.Path);
        });
        SiteOwned<Notices.Notice>(model);
        SiteOwned<Documents.SignedFile>(model);
        SiteOwned<Documents.FileContent>(model);
        SiteOwned<Documents.DocumentRelation>(model);
        // Rows that belong to a site through their parent carry its SiteId too, so that row-level
        // security (a column, not a join) and the filter hold for them as well.
        SiteOwned<Newsroom.ArticleRevision>(model);
        SiteOwned<Newsroom.ChangeNote>(model);
        SiteOwned<GalleryImage>(model);
        SiteOwned<PinnedRelation>(model);
        SiteOwned<Newsletter.Subscription>(model);
        SiteOwned<Newsletter.SavedSearch>(model);
        SiteOwned<Newsletter.SavedSearchTerm>(model);
        // Roles per site (Accounts/SiteRoles.cs): one account may hold a role on several sites.
        SiteOwned<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>(model);
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().HasKey("UserId", "RoleId", SiteColumn);
        model.Entity<User>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasMany(x => x.Departments).WithMany().UsingEntity("UserDepartments",
                r => SameSite(r.HasOne(typeof(Department)).WithMany(), "DepartmentsId"),
                l => l.HasOne(typeof(User)).WithMany().HasForeignKey("UserId"),
                j =>
                {
                    SiteOwnedJoin(j);
                    j.HasKey("DepartmentsId", "UserId");
                });
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
            SameSite(r.HasOne<Article>().WithMany(), nameof(Newsroom.ArticleRevision.ArticleId)).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Newsroom.ChangeNote>(n =>
        {
            n.HasIndex(x => new { x.ArticleId, x.At });
            n.Property(x => x.Text).HasMaxLength(1000);
            SiteKey(n);
            SameSite(n.HasOne<Article>().WithMany(), nameof(Newsroom.ChangeNote.ArticleId)).OnDelete(DeleteBehavior.Cascade);
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
        // Features keep the configuration of their own tables (Newsletter/NewsletterModel.cs).
        model.ApplyConfigurationsFromAssembly(typeof(VisnykDb).Assembly);
        model.HasDbFunction(typeof(VisnykDb).GetMethod(nameof(Fold))!).HasName("uk_fold");
        model.Entity<Article>(a =>
        {
            a.Property(x => x.Title).HasMaxLength(300);
            a.Property(x => x.Slug).HasMaxLength(100);
            a.Property(x => x.Summary).HasMaxLength(1000);
            // Public lists filter by site and status and sort by date: with the site first, a small
            // site does not scan a big one's articles, nor a big one sort all of its own (bench/sites.sh).
            a.HasIndex(SiteColumn, nameof(Article.Kind), nameof(Article.Language), nameof(Article.Status), nameof(Article.PublishedAt));
            // Whether given articles are public, without reading their rows: a row holds the whole
            // body, and SQLite reads past it to the status and date (counting a tag's 551 articles
            // of 10,000: 1.9 ms from the rows, 0.2 ms from this index and the join table's).
            a.HasIndex(SiteColumn, nameof(Article.Id), nameof(Article.Status), nameof(Article.PublishedAt), nameof(Article.Kind), nameof(Article.Language));
            // News unless a query asks for pages too (Publications, SitePages): a page must never
            // turn up in a news list, feed, mailing or the API because a query forgot to exclude it.
            a.HasQueryFilter(NewsFilter, x => x.Kind == ArticleKind.News);
            // A reader of one language never meets another's articles in a list, feed or count.
            // EF Core writes a query's SQL knowing which parameters are null (and keeps one text for
            // each case), so a page's query says "Language" = @lang, an equality the indexes serve
            // and walk in date order, and the newsroom's (null: every language) says nothing.
            // EF.Parameter keeps the null test in the query rather than a true/false of its own.
            // (A list, ReadLanguages.Contains, became one parameter per element, whose SQL EF Core 10
            // writes again for every query, one thread at a time: a lock in front of every public
            // page's queries; as one JSON parameter, SQLite sorts the whole list to page it.
            // LanguageFilterTests checks both texts.)
            a.HasQueryFilter(LanguageFilter, x => EF.Parameter(ReadLanguage) == null || x.Language == ReadLanguage);
            a.Property(x => x.Language).HasMaxLength(8);
            a.Property(x => x.OriginalText).HasMaxLength(16);
            // A translation's original, on the same site; at most one translation per language.
            SameSite(a.HasOne<Article>().WithMany(), nameof(Article.OriginalId)).OnDelete(DeleteBehavior.NoAction);
            a.HasIndex(SiteColumn, nameof(Article.OriginalId), nameof(Article.Language)).IsUnique();
            // A page's address is its own in its language (PagePlace); news have none.
            a.HasIndex(SiteColumn, nameof(Article.Language), nameof(Article.PagePath)).IsUnique();
            a.Property(x => x.PagePath).HasMaxLength(Import.OldAddress.MaxPath);
            // Checked at the end of a statement: a restore deletes a parent and its children in one.
            SameSite(a.HasOne<Article>().WithMany(), nameof(Article.ParentId)).OnDelete(DeleteBehavior.NoAction);
            // The join tables are read from both ends: an article's tags, and a tag's newest
            // articles (ids descending, straight from the covering index, site included).
            SiteKey(a);
            a.HasMany(x => x.Departments).WithMany().UsingEntity(ArticleDepartments,
                r => SameSite(r.HasOne(typeof(Department)).WithMany(), "DepartmentsId"),
                l => SameSite(l.HasOne(typeof(Article)).WithMany(), "ArticleId"),
                j =>
            {
                SiteOwnedJoin(j);
                j.HasKey("ArticleId", "DepartmentsId");
                j.HasIndex("DepartmentsId", SiteColumn, "ArticleId");
            });
            a.HasMany(x => x.Tags).WithMany().UsingEntity(ArticleTags,
                r => SameSite(r.HasOne(typeof(Tag)).WithMany(), "TagsId"),
                l => SameSite(l.HasOne(typeof(Article)).WithMany(), "ArticleId"),
                j =>
            {
                SiteOwnedJoin(j);
                j.HasKey("ArticleId", "TagsId");
                j.HasIndex("TagsId", SiteColumn, "ArticleId");
            });
            // No image is deleted alone (a site's are, with its articles, in a restore), so a lead
            // image's row may not go while an article shows it.
            SameSite(a.HasOne(x => x.LeadImage).WithMany(), nameof(Article.LeadImageId)).OnDelete(DeleteBehavior.ClientSetNull);
            SameSite(a.HasMany(x => x.Gallery).WithOne(), nameof(GalleryImage.ArticleId));
            SameSite(a.HasMany(x => x.PinnedRelated).WithOne(), nameof(PinnedRelation.ArticleId));
            a.Ignore(x => x.Path);
            a.Ignore(x => x.IsLive);
            a.Ignore(x => x.IsPage);
            a.Ignore(x => x.IsNews);
            a.Ignore(x => x.Written);
        });
        model.Entity<GalleryImage>(g =>
        {
            g.HasKey(x => new { x.ArticleId, x.Position });
            SameSite(g.HasOne(x => x.Image).WithMany(), nameof(GalleryImage.ImageId)).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<PinnedRelation>(r =>
        {
            r.HasKey(x => new { x.ArticleId, x.RelatedId });
            SameSite(r.HasOne(x => x.Related).WithMany(), nameof(PinnedRelation.RelatedId)).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Department>(d =>
        {
            SiteKey(d);
            d.HasIndex(SiteColumn, nameof(Department.Slug)).IsUnique();
            d.Property(x => x.Name).HasMaxLength(200);
            d.Property(x => x.Slug).HasMaxLength(100);
            d.Property(x => x.ReceptionHours).HasMaxLength(Department.MaxReceptionHours);
            d.OwnsMany(x => x.Translations, l => l.ToJson());
            d.Ignore(x => x.Path);
            d.Ignore(x => x.ReceptionHourList);
        });
        model.Entity<Tag>(t =>
        {
            SiteKey(t);
            t.HasIndex(SiteColumn, nameof(Tag.Slug)).IsUnique();
            t.Property(x => x.Name).HasMaxLength(100);
            t.Property(x => x.Slug).HasMaxLength(100);
            t.Ignore(x => x.Path);
            t.OwnsMany(x => x.Translations, l => l.ToJson());
        });
        model.Entity<Image>(i =>
        {
            SiteKey(i);
            i.HasIndex(SiteColumn, nameof(Image.Key)).IsUnique();
            i.Property(x => x.Key).HasMaxLength(64);
            i.Ignore(x => x.VariantWidths);
        });
        model.Entity<SiteSettings>(s =>
        {
            s.OwnsMany(x => x.SocialLinks, l => l.ToJson());
            s.OwnsMany(x => x.Translations, l => l.ToJson());
        });
        model.Entity<Feedback.ProblemReport>(r =>
        {
            SiteKey(r);
            r.Property(x => x.Page).HasMaxLength(Feedback.ProblemReport.MaxPage);
            r.Property(x => x.Text).HasMaxLength(Feedback.ProblemReport.MaxText);
            r.Property(x => x.Email).HasMaxLength(254);
            r.Property(x => x.HandledBy).HasMaxLength(200);
            r.HasIndex(SiteColumn, nameof(Feedback.ProblemReport.ReceivedAt));
            // Its forwarding goes with it (a report deleted as spam is not mailed after).
            SameSite(r.HasMany<Newsletter.Delivery>().WithOne(), nameof(Newsletter.Delivery.ProblemReportId)).OnDelete(DeleteBehavior.Cascade);
        });
        // Imports: which article each WordPress post became, and the old addresses that lead to it.
        model.Entity<Import.WordPressPost>(p =>
        {
            p.HasIndex(SiteColumn, nameof(Import.WordPressPost.Site), nameof(Import.WordPressPost.PostId)).IsUnique();
            p.Property(x => x.Site).HasMaxLength(200);
            p.Property(x => x.Fingerprint).HasMaxLength(64);
            p.Property(x => x.Author).HasMaxLength(200);
            SameSite(p.HasOne<Article>().WithMany(), nameof(Import.WordPressPost.ArticleId)).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Site.Site>(s =>
        {
            s.Property(x => x.Name).HasMaxLength(200);
            s.HasOne<Site.Site>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<SiteHost>(h =>
        {
            h.Property(x => x.Host).HasMaxLength(253);
            h.HasIndex(x => x.Host).IsUnique();
            h.HasOne<Site.Site>().WithMany(x => x.Hosts).HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Import.OldAddress>(o =>
        {
            o.HasIndex(SiteColumn, nameof(Import.OldAddress.Path)).IsUnique();
            o.Property(x => x.Path).HasMaxLength(Import.OldAddress.MaxPath);
            o.Property(x => x.Target).HasMaxLength(Import.OldAddress.MaxPath);
            SameSite(o.HasOne<Article>().WithMany(), nameof(Import.OldAddress.ArticleId)).OnDelete(DeleteBehavior.Cascade);
        });
    }

    // A table that belongs to a site: its SiteId column (a foreign key to Sites), and a query filter
    // that every query on it passes through, with the context's site as a parameter.
    void SiteOwned<T>(ModelBuilder model) where T : class
    {
        var entity = model.Entity<T>();
        entity.Property<int>(SiteColumn);
        entity.HasOne<Site.Site>().WithMany().HasForeignKey(SiteColumn).OnDelete(DeleteBehavior.Restrict);
        entity.HasQueryFilter(SiteFilter, e => EF.Property<int>(e, SiteColumn) == SiteId);
    }

    // A row that refers to another row of a site refers to it with its site: the foreign key is
    // (SiteId, the reference) to the principal's (SiteId, Id), so the database itself refuses a
    // reference to another site's row, whatever path wrote it (the query filter and row-level
    // security govern what is read, not what a written id points at).
    public static void SiteKey(EntityTypeBuilder principal) => principal.HasAlternateKey(SiteColumn, "Id");

    public static ReferenceCollectionBuilder SameSite(ReferenceCollectionBuilder relation, string reference) =>
        relation.HasForeignKey(SiteColumn, reference).HasPrincipalKey(SiteColumn, "Id");

    // The same for a join table of a many-to-many relation.
    void SiteOwnedJoin(EntityTypeBuilder join)
    {
        join.Property<int>(SiteColumn);
        join.HasOne(typeof(Site.Site)).WithMany().HasForeignKey(SiteColumn).OnDelete(DeleteBehavior.Restrict);
        join.HasQueryFilter(SiteFilter, (Expression<Func<Dictionary<string, object>, bool>>)(e => EF.Property<int>(e, SiteColumn) == SiteId));
    }
}
