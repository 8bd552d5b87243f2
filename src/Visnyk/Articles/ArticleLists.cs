using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Articles;

// Paged news of one tag or department. The total is counted from the join table's index and kept
// with the latest news (LatestNews.TotalAsync). A list holding a good share of all articles is paged
// by walking the date index (a page turns up within a thousand rows); a rarer one from the join
// table, as the walk would visit nearly every article (on SQLite, by a hint: PlanHints).
public static class ArticleLists
{
    // Walk when at least 1 article in 50 belongs to the list.
    const int WalkShare = 50;

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
        var query = total * WalkShare >= await AllAsync(db, latest, utcNow, ct) ? walk : fromJoinTable;
        return await query.Newest().AsListItems().ToPageAsync(page, total, ct);
    }
}
