using Dapper;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Articles;

// Paged news: all of a site's, or one tag's or department's. The total is counted from the join
// table's index and kept with the latest news (LatestNews.TotalAsync). A list is paged by walking the
// date index, each article checked for the tag, when the page turns up sooner that way than by
// reading all of the list's articles from the join table and sorting them (on SQLite, by a hint:
// PlanHints): to reach `needed` articles the walk visits about needed × all / total rows, the join
// table reads `total`, and a row visited by the walk costs about a fifth of one read by id and sorted
// (SQLite, 10,000 and 100,000 articles: ~0.4 µs against ~2 µs; bench/README "Tag pages at 100,000").
// The pages are read in plain SQL, as the article page is (ArticlePage, with its published rule;
// HotQueriesTests checks it agrees with ArticleQueries.Published): through EF Core a page cost
// SQLite a fresh compilation of a larger statement and EF's own work on every request (bench/README
// "Lists in plain SQL"); on SQLite the compiled statements are kept (PreparedReads).
public static class ArticleLists
{
    const int WalkCostRatio = 5;

    // A join table that makes a list: its rows name an article and the list's tag or department.
    internal sealed record Linked(string Table, string Column, Func<int, LatestNews.ListKey> Key)
    {
        // Newest first, each article checked for the link (by the join table's primary key).
        public string WalkSql { get; } = PageSql("", $"""EXISTS (SELECT 1 FROM "{Table}" AS l WHERE l."ArticleId" = a."Id" AND l."{Column}" = @list)""");
        // The list's ids from the join table's index, each article read by its key and sorted; on
        // SQLite the articles by key only (PlanHints).
        public string ByIdsSql { get; } = PageSql("", ByIds(Table, Column));
        public string ByIdsSqliteSql { get; } = PageSql(" NOT INDEXED", ByIds(Table, Column));

        static string ByIds(string table, string column) =>
            $"""a."Id" IN (SELECT l."ArticleId" FROM "{table}" AS l WHERE l."{column}" = @list AND l."SiteId" = @site)""";
    }

    internal static readonly Linked Tags = new(VisnykDb.ArticleTags, "TagsId", LatestNews.ListKey.Tag);
    internal static readonly Linked Departments = new(VisnykDb.ArticleDepartments, "DepartmentsId", LatestNews.ListKey.Department);
    internal static readonly string AllSql = PageSql("", "1 = 1");

    static string PageSql(string hint, string condition) => $"""
        SELECT {ArticlePage.ListColumns}, {ArticlePage.ImageColumns}
        FROM "Articles" AS a{hint}
        LEFT JOIN "Images" AS i ON i."Id" = a."LeadImageId"
        WHERE {ArticlePage.IsPublic} AND {condition}
        ORDER BY a."PublishedAt" DESC, a."Id" DESC
        LIMIT @size OFFSET @skip
        """;

    public static Task<Page<ArticleListItem>> PageWithTagAsync(this VisnykDb db, LatestNews latest, DateTime utcNow, int tagId, int page, CancellationToken ct) =>
        PageAsync(db, latest, utcNow, Tags, tagId, page, ct);

    public static Task<Page<ArticleListItem>> PageInDepartmentAsync(this VisnykDb db, LatestNews latest, DateTime utcNow, int departmentId, int page, CancellationToken ct) =>
        PageAsync(db, latest, utcNow, Departments, departmentId, page, ct);

    // All public news, newest first: the total kept as for a tag's.
    public static async Task<Page<ArticleListItem>> PageOfAllAsync(this VisnykDb db, LatestNews latest, DateTime utcNow, int page, CancellationToken ct) =>
        await ReadAsync(db, AllSql, 0, utcNow, page, await AllAsync(db, latest, utcNow, ct), ct);

    static Task<int> AllAsync(VisnykDb db, LatestNews latest, DateTime utcNow, CancellationToken ct) =>
        latest.TotalAsync(LatestNews.ListKey.AllNews, utcNow, () => db.Articles.Published(utcNow).CountAsync(ct), ct);

    static async Task<Page<ArticleListItem>> PageAsync(VisnykDb db, LatestNews latest, DateTime utcNow, Linked linked, int id, int page, CancellationToken ct)
    {
        var ids = db.ArticleIds(linked.Table, linked.Column, id);
        var total = await latest.TotalAsync(linked.Key(id), utcNow, () => db.Articles.Published(utcNow).Where(a => ids.Contains(a.Id)).ByIds().CountAsync(ct), ct);
        var needed = (long)Math.Max(1, page) * Paging.PageSize;
        var sql = (long)total * total * WalkCostRatio >= needed * await AllAsync(db, latest, utcNow, ct) ? linked.WalkSql
            : db.Database.IsSqlite() ? linked.ByIdsSqliteSql : linked.ByIdsSql;
        return await ReadAsync(db, sql, id, utcNow, page, total, ct);
    }

    // One page of the list; a number before the first or past the kept total gives an empty page
    // without asking the database (an OFFSET far past the end would walk the whole date index).
    internal static async Task<Page<ArticleListItem>> ReadAsync(VisnykDb db, string sql, int list, DateTime utcNow, int page, int total, CancellationToken ct)
    {
        var size = Paging.PageSize;
        var skip = ((long)page - 1) * size;
        List<ArticleListItem> items = [];
        if (page >= 1 && skip < total)
        {
            var parameters = new
            {
                site = db.SiteId, now = utcNow, published = (int)ArticleStatus.Published, kind = (int)ArticleKind.News,
                language = db.ReadLanguage ?? SiteLanguage.Default.Code, list, size, skip,
            };
            // On SQLite a connection with the statement compiled already (PreparedReads).
            await using var kept = db.Prepared?.Take();
            items = (await (kept ?? db.Database.GetDbConnection()).QueryAsync<ArticlePage.ListRow, Image?, ArticleListItem>(
                new CommandDefinition(kept is null ? SiteSession.Scoped(db, sql) : sql, parameters, cancellationToken: ct), ArticlePage.ToListItem, splitOn: "Id")).AsList();
        }
        return Paging.Of<ArticleListItem>(items, page, total, size);
    }
}
