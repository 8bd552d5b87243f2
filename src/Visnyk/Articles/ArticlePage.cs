using Dapper;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Articles;

// Everything the article page shows of the database, in plain SQL: one batch for the article,
// its links, gallery and pinned news, and one statement for the news sharing its tags.
// The page is the most read one and the one that renders when the output cache is cold or
// bypassed. Through EF Core each of its lookups cost ~0.1 ms of CPU for ~10 µs of SQLite work
// (bench/pages.sh, cold); through Dapper they cost little more than SQLite's own work.
// The published rule is the same as ArticleQueries.Published; HotQueriesTests checks they agree.
public static class ArticlePage
{
    // RelatedByTags: the related news are those sharing tags, the search index could not tell.
    // BodyImages: the media library's rows of the pictures inside the text, by key (BodyPictures).
    // Translations: the same article's public versions in the site's other languages (its original
    // and the original's other translations), for hreflang and the language switch.
    public record Data(Article Article, IReadOnlyList<ArticleListItem> Related, IReadOnlyList<Newsroom.ChangeNote> Notes, bool RelatedByTags = false)
    {
        public IReadOnlyDictionary<string, Image> BodyImages { get; init; } = new Dictionary<string, Image>();
        public IReadOnlyList<Alternate> Translations { get; init; } = [];
    }

    // "Новина за темою": the editor's pinned picks first, then the articles sharing most tags
    // with this one, newer first; never the article itself, never an unpublished one.
    public const int RelatedCount = 3;
    const int Candidates = 2 * RelatedCount;
    // Without the search index (before its first build, or for a preview), the articles sharing
    // most tags. Only each tag's newest articles are weighed (by id, read from the join table's
    // covering index), so a tag with thousands of articles costs what a rare one does.
    const int PerTag = 60;
    const int MaxTags = 10;

    internal const string ImageColumns = """i."Id", i."Key", i."Width", i."Height", i."Alt", i."Caption", i."Credit", i."HasAvif", i."Widths", i."CreatedAt" """;
    // The article's photos with the text this article gives them (Article.SetLead, SetGallery), not the library's.
    const string LeadColumns = """i."Id", i."Key", i."Width", i."Height", a."LeadAlt" AS "Alt", a."LeadCaption" AS "Caption", a."LeadCredit" AS "Credit", i."HasAvif", i."Widths", i."CreatedAt" """;
    const string GalleryColumns = """i."Id", i."Key", i."Width", i."Height", g."Alt", g."Caption", g."Credit", i."HasAvif", i."Widths", i."CreatedAt" """;
    internal const string ListColumns = """a."Id", a."Title", a."Slug", a."Summary", a."PublishedAt", a."UpdatedAt" """;
    // The site is part of the rule: an id is unique across sites, but /news/123 on one site's host
    // must never show another site's article (Dapper does not pass through EF's "Site" query filter).
    // Kind: news, or a page of the tree (SitePages) read for its own page; lists hold the same kind.
    // Language: lists hold the reader's language; the article itself is read in any (the page sends
    // a reader who asked for it in another language to its own address).
    const string IsPublicInAnyLanguage = """a."SiteId" = @site AND a."Status" = @published AND a."PublishedAt" <= @now AND a."Kind" = @kind""";
    internal const string IsPublic = $"""{IsPublicInAnyLanguage} AND a."Language" = @language""";

    const string PageSql = $"""
        SELECT a."Id", a."Title", a."Slug", a."Summary", a."Body", a."Status", a."PublishedAt", a."UpdatedAt", a."LeadImageId", a."Kind", a."PagePath", a."ParentId", a."Language", a."OriginalId", {LeadColumns}
        FROM "Articles" AS a LEFT JOIN "Images" AS i ON i."Id" = a."LeadImageId"
        WHERE a."Id" = @id AND {IsPublicInAnyLanguage};

        SELECT 1 AS "Kind", "DepartmentsId" AS "Id" FROM "ArticleDepartments" WHERE "ArticleId" = @id
        UNION ALL SELECT 2, "TagsId" FROM "ArticleTags" WHERE "ArticleId" = @id;

        SELECT {GalleryColumns}
        FROM "GalleryImage" AS g JOIN "Images" AS i ON i."Id" = g."ImageId"
        WHERE g."ArticleId" = @id ORDER BY g."Position";

        SELECT {ListColumns}, {ImageColumns}
        FROM "PinnedRelation" AS p JOIN "Articles" AS a ON a."Id" = p."RelatedId" LEFT JOIN "Images" AS i ON i."Id" = a."LeadImageId"
        WHERE p."ArticleId" = @id AND a."Id" <> @id AND {IsPublic}
        ORDER BY p."Position" LIMIT @count;

        SELECT "Id", "ArticleId", "At", "Text" FROM "ChangeNotes" WHERE "ArticleId" = @id ORDER BY "At";

        SELECT a."Id", a."Slug", a."Language", a."Kind", a."PagePath"
        FROM "Articles" AS a
        WHERE a."Id" <> @id AND {IsPublicInAnyLanguage}
          AND (a."Id" = (SELECT COALESCE(o."OriginalId", o."Id") FROM "Articles" AS o WHERE o."Id" = @id AND o."SiteId" = @site)
            OR a."OriginalId" = (SELECT COALESCE(o."OriginalId", o."Id") FROM "Articles" AS o WHERE o."Id" = @id AND o."SiteId" = @site));
        """;

    // The search index's candidates for related news, read in the same batch when not remembered.
    const string CandidatesSql = $"""

        SELECT {ListColumns}, {ImageColumns}
        FROM "Articles" AS a LEFT JOIN "Images" AS i ON i."Id" = a."LeadImageId"
        WHERE a."Id" IN (@s0, @s1, @s2, @s3, @s4, @s5) AND {IsPublic};
        """;

    // The candidates' cards per article are kept (NewsSearch.RelatedCards) while the index is
    // unchanged for the site (any edit, publication or withdrawal of its articles changes it); bounded, as every article could be read.
    const int MaxRemembered = 20_000;

    // The same for a preview: the article whatever its state (linked and related news stay public only).
    static readonly string PreviewSql = PageSql.Replace($"WHERE a.\"Id\" = @id AND {IsPublicInAnyLanguage};", "WHERE a.\"Id\" = @id AND a.\"SiteId\" = @site AND a.\"Kind\" = @kind;");

    // The same texts as one read transaction, for a kept SQLite connection (PreparedReads.InOneRead).
    static readonly string PageRead = PreparedReads.InOneRead(PageSql);
    static readonly string PageAndCandidatesRead = PreparedReads.InOneRead(PageSql + CandidatesSql);
    static readonly string PreviewRead = PreparedReads.InOneRead(PreviewSql);

    // The article if it is public now, with its departments, tags, gallery and related news.
    public static async Task<Data?> LoadAsync(VisnykDb db, SiteChrome chrome, int id, DateTime utcNow, CancellationToken ct, bool preview = false, Search.NewsSearch? search = null, ArticleKind kind = ArticleKind.News)
    {
        // Candidates for "Новина за темою" from the search index, read in the same batch: enough
        // to leave three once the pinned ones are set aside. Null while the index is not there.
        var similar = preview ? null : search?.Related(db.SiteId, id, Candidates, utcNow);
        // Six fixed parameters (0 is no article) keep the batch's text the same for every article.
        int Candidate(int i) => similar?.Length > i ? similar[i] : 0;
        var parameters = new
        {
            id, site = db.SiteId, now = utcNow, published = (int)ArticleStatus.Published, count = RelatedCount, kind = (int)kind, language = db.ReadLanguage ?? SiteLanguage.Default.Code,
            s0 = Candidate(0), s1 = Candidate(1), s2 = Candidate(2), s3 = Candidate(3), s4 = Candidate(4), s5 = Candidate(5),
        };
        Article? article;
        List<Link> links;
        List<Image> gallery;
        List<ArticleListItem> pinned;
        List<Newsroom.ChangeNote> notes;
        List<Alternate> translations;
        var version = search?.VersionOf(db.SiteId) ?? 0;
        List<ArticleListItem>? candidates = similar is not null && search!.RelatedCards.TryGetValue(id, out var known) && known.Version == version ? known.Cards : null;
        var readCandidates = similar is not null && candidates is null;
        var (sql, inOneRead) = preview ? (PreviewSql, PreviewRead) : readCandidates ? (PageSql + CandidatesSql, PageAndCandidatesRead) : (PageSql, PageRead);
        // On SQLite, a connection whose statements for this batch are compiled already (PreparedReads),
        // the batch in one read transaction (PreparedReads.InOneRead). Dapper reads multi-mapped
        // grids synchronously; the batch has been executed by then.
        await using (var kept = db.Prepared?.Take())
        await using (var results = await (kept ?? db.Database.GetDbConnection()).QueryMultipleAsync(new CommandDefinition(kept is null ? SiteSession.Scoped(db, sql) : inOneRead, parameters, cancellationToken: ct)))
        {
            article = results.Read<ArticleRow, Image?, Article>(ToArticle, splitOn: "Id").SingleOrDefault();
            if (article is null)
            {
                return null;
            }
            links = (await results.ReadAsync<Link>()).AsList();
            gallery = (await results.ReadAsync<Image>()).Select(Utc).ToList();
            pinned = results.Read<ListRow, Image?, ArticleListItem>(ToListItem, splitOn: "Id").AsList();
            notes = (await results.ReadAsync<Newsroom.ChangeNote>()).Select(n => { n.At = AsUtc(n.At); return n; }).ToList();
            translations = (await results.ReadAsync<TranslationRow>()).Select(t =>
            {
                var language = SiteLanguage.Of(t.Language);
                return new Alternate(language, Article.PathOf((ArticleKind)t.Kind, t.Id, t.Slug, t.PagePath, language), t.Id);
            }).ToList();
            if (readCandidates)
            {
                candidates = results.Read<ListRow, Image?, ArticleListItem>(ToListItem, splitOn: "Id").OrderBy(c => Array.IndexOf(similar!, c.Id)).ToList();
                // Kept only when read in the article's own language (asked for in another, it is only redirected).
                var remembered = search!.RelatedCards;
                if (remembered.Count >= MaxRemembered)
                {
                    remembered.Clear();
                }
                if (article.Language == parameters.language)
                {
                    remembered[id] = (version, candidates);
                }
            }
        }

        var departmentIds = links.Where(l => l.Kind == 1).Select(l => l.Id).ToList();
        var tagIds = links.Where(l => l.Kind == 2).Select(l => l.Id).ToList();
        var snapshot = await chrome.GetAsync(ct);
        if (!departmentIds.All(snapshot.DepartmentsById.ContainsKey) || !tagIds.All(snapshot.TagsById.ContainsKey))
        {
            // Created since the snapshot was taken (by another process, say): take a fresh one.
            chrome.Invalidate();
            snapshot = await chrome.GetAsync(ct);
        }
        article.Departments = Known(departmentIds, snapshot.DepartmentsById).OrderBy(d => d.Position).ThenBy(d => d.Name).ToList();
        article.Tags = Known(tagIds, snapshot.TagsById).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        article.Gallery = gallery.Select((photo, i) => new GalleryImage { ArticleId = id, ImageId = photo.Id, Image = photo, Position = i }).ToList();

        IReadOnlyList<ArticleListItem> related = [];
        var byTags = false;
        if (pinned.Count < RelatedCount)
        {
            byTags = candidates is null;
            // Text similarity from the search index; shared tags in SQL while the index is not there.
            related = candidates is not null
                ? candidates.Where(c => pinned.All(p => p.Id != c.Id) && c.PublishedAt <= utcNow).Take(RelatedCount - pinned.Count).ToList()
                : tagIds.Count > 0
                    ? await SharingTagsAsync(db, id, tagIds, pinned.Select(p => p.Id), utcNow, RelatedCount - pinned.Count, ct)
                    : [];
        }
        return new Data(article, pinned.Concat(related).ToList(), notes, byTags) { BodyImages = await BodyImagesAsync(db, article.Body, ct), Translations = translations };
    }

    // Only an article with pictures in its text costs this statement.
    static async Task<IReadOnlyDictionary<string, Image>> BodyImagesAsync(VisnykDb db, string body, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var keys = BodyPictures.Keys(body);
        if (keys.Count == 0)
        {
            return new Dictionary<string, Image>();
        }
        var sql = $"""SELECT {ImageColumns} FROM "Images" AS i WHERE i."SiteId" = @site AND {connection.In("i.\"Key\"", "keys")}""";
        var rows = await connection.QueryAsync<Image>(new CommandDefinition(SiteSession.Scoped(db, sql), new { site = db.SiteId, keys = keys.ToArray() }, cancellationToken: ct));
        return rows.Select(Utc).DistinctBy(i => i.Key).ToDictionary(i => i.Key);
    }

    // The public articles sharing most of these tags, newer first, besides the article itself and those excluded.
    static async Task<IReadOnlyList<ArticleListItem>> SharingTagsAsync(
        VisnykDb db, int id, List<int> tagIds, IEnumerable<int> exclude, DateTime utcNow, int count, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var parameters = new DynamicParameters(new { site = db.SiteId, now = utcNow, published = (int)ArticleStatus.Published, kind = (int)ArticleKind.News, language = db.ReadLanguage ?? SiteLanguage.Default.Code, count, exclude = exclude.Append(id).ToArray() });
        var perTag = tagIds.Take(MaxTags).Select((tag, i) =>
        {
            parameters.Add($"t{i}", tag);
            return $"""SELECT * FROM (SELECT "ArticleId" FROM "ArticleTags" WHERE "TagsId" = @t{i} ORDER BY "ArticleId" DESC LIMIT {PerTag}) AS t{i}""";
        });
        var sql = $"""
            SELECT {ListColumns}, {ImageColumns}
            FROM (SELECT "ArticleId", COUNT(*) AS "Shared" FROM ({string.Join(" UNION ALL ", perTag)}) AS shared GROUP BY "ArticleId") AS c
            JOIN "Articles" AS a ON a."Id" = c."ArticleId"
            LEFT JOIN "Images" AS i ON i."Id" = a."LeadImageId"
            WHERE {IsPublic} AND {connection.NotIn("a.\"Id\"", "exclude")}
            ORDER BY c."Shared" DESC, a."PublishedAt" DESC, a."Id" DESC
            LIMIT @count
            """;
        var rows = await connection.QueryAsync<ListRow, Image?, ArticleListItem>(
            new CommandDefinition(SiteSession.Scoped(db, sql), parameters, cancellationToken: ct), ToListItem, splitOn: "Id");
        return rows.AsList();
    }

    static IEnumerable<T> Known<T>(IEnumerable<int> ids, IReadOnlyDictionary<int, T> byId) =>
        ids.Where(byId.ContainsKey).Select(i => byId[i]);

    // SQLite hands dates back without a kind; they are stored in UTC.
    static DateTime AsUtc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    static Image Utc(Image image)
    {
        image.CreatedAt = AsUtc(image.CreatedAt);
        return image;
    }

    static Article ToArticle(ArticleRow row, Image? lead) => new()
    {
        Id = row.Id,
        Title = row.Title,
        Slug = row.Slug,
        Summary = row.Summary,
        Body = row.Body,
        Status = (ArticleStatus)row.Status,
        PublishedAt = AsUtc(row.PublishedAt),
        UpdatedAt = AsUtc(row.UpdatedAt),
        LeadImageId = row.LeadImageId,
        LeadImage = lead is null ? null : Utc(lead),
        Kind = (ArticleKind)row.Kind,
        PagePath = row.PagePath,
        ParentId = row.ParentId,
        Language = row.Language,
        OriginalId = row.OriginalId,
    };

    internal static ArticleListItem ToListItem(ListRow row, Image? lead) =>
        new(row.Id, row.Title, row.Slug, row.Summary, AsUtc(row.PublishedAt), AsUtc(row.UpdatedAt), lead is null ? null : Utc(lead));

    // Rows as the database returns them; Dapper fills them by column name.
    sealed class ArticleRow
    {
        public int Id { get; set; }
        public string Title { get; set; } = "";
        public string Slug { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Body { get; set; } = "";
        public int Status { get; set; }
        public DateTime PublishedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public int? LeadImageId { get; set; }
        public int Kind { get; set; }
        public string? PagePath { get; set; }
        public int? ParentId { get; set; }
        public string Language { get; set; } = "";
        public int? OriginalId { get; set; }
    }

    sealed class TranslationRow
    {
        public int Id { get; set; }
        public string Slug { get; set; } = "";
        public string Language { get; set; } = "";
        public int Kind { get; set; }
        public string? PagePath { get; set; }
    }

    internal sealed class ListRow
    {
        public int Id { get; set; }
        public string Title { get; set; } = "";
        public string Slug { get; set; } = "";
        public string Summary { get; set; } = "";
        public DateTime PublishedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
    }

    sealed class Link
    {
        public int Kind { get; set; }
        public int Id { get; set; }
    }
}
