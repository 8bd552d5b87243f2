using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Articles;

// Paged news of one tag or department. The total is counted from the join table's index and kept
// with the latest news (LatestNews.TotalAsync). A list is paged by walking the date index, each
// article checked for the tag, when the page turns up sooner that way than by reading all of the
// list's articles from the join table and sorting them (on SQLite, by a hint: PlanHints): to reach
// `needed` articles the walk visits about needed × all / total rows, the join table reads `total`,
// and a row visited by the walk costs about a fifth of one read by id and sorted (SQLite, 10,000
// and 100,000 articles: ~0.4 µs against ~2 µs; bench/README "Tag pages at 100,000").
public static class ArticleLists
{
    const int WalkCostRatio = 5;

    public static Task<Page<ArticleListItem>> PageWithTagAsync(this VisnykDb db, LatestNews latest, DateTime utcNow, int tagId, int page, CancellationToken ct) =>
        PageAsync(db, latest, utcNow, db.ArticleIds(VisnykDb.ArticleTags, "TagsId", tagId), db.Articles.Published(utcNow).WithTag(tagId), LatestNews.ListKey.Tag(tagId), page, ct);

    public static Task<Page<ArticleListItem>> PageInDepartmentAsync(this VisnykDb db, LatestNews latest, DateTime utcNow, int departmentId, int page, CancellationToken ct) =>
        PageAsync(db, latest, utcNow, db.ArticleIds(VisnykDb.ArticleDepartments, "DepartmentsId", departmentId), db.Articles.Published(utcNow).InDepartment(departmentId), LatestNews.ListKey.Department(departmentId), page, ct);

    // All public news, newest first: the total kept as for a tag's.
    public static async Task<Page<ArticleListItem>> PageOfAllAsync(this VisnykDb db, LatestNews latest, DateTime utcNow, int page, CancellationToken ct) =>
        await db.Articles.Published(utcNow).Newest().AsListItems().ToPageAsync(page, await AllAsync(db, latest, utcNow, ct), ct);

    static Task<int> AllAsync(VisnykDb db, LatestNews latest, DateTime utcNow, CancellationToken ct) =>
        latest.TotalAsync(LatestNews.ListKey.AllNews, utcNow, () => db.Articles.Published(utcNow).CountAsync(ct), ct);

    static async Task<Page<ArticleListItem>> PageAsync(VisnykDb db, LatestNews latest, DateTime utcNow, IQueryable<int> ids, IQueryable<Article> walk, LatestNews.ListKey list, int page, CancellationToken ct)
    {
        var fromJoinTable = db.Articles.Published(utcNow).Where(a => ids.Contains(a.Id)).ByIds();
        var total = await latest.TotalAsync(list, utcNow, () => fromJoinTable.CountAsync(ct), ct);
        var needed = (long)Math.Max(1, page) * Paging.PageSize;
        var query = (long)total * total * WalkCostRatio >= needed * await AllAsync(db, latest, utcNow, ct) ? walk : fromJoinTable;
        return await query.Newest().AsListItems().ToPageAsync(page, total, ct);
    }
}
