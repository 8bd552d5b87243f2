using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Articles;

// Paged news of one tag or department. The total is counted from the join table's index and kept
// with the latest news (LatestNews.TotalAsync). A list holding a good share of all articles is paged
// by walking the date index (a page turns up within a thousand rows); a rarer one from the join
// table, as the walk would visit nearly every article.
public static class ArticleLists
{
    // Walk when at least 1 article in 50 belongs to the list.
    const int WalkShare = 50;

    public static Task<Page<ArticleListItem>> PageWithTagAsync(this IQueryable<Article> published, VisnykDb db, LatestNews latest, int tagId, int page, CancellationToken ct) =>
        PageAsync(published, db.ArticleIds(VisnykDb.ArticleTags, "TagsId", tagId), published.WithTag(tagId), latest, LatestNews.ListKey.Tag(tagId), page, ct);

    public static Task<Page<ArticleListItem>> PageInDepartmentAsync(this IQueryable<Article> published, VisnykDb db, LatestNews latest, int departmentId, int page, CancellationToken ct) =>
        PageAsync(published, db.ArticleIds(VisnykDb.ArticleDepartments, "DepartmentsId", departmentId), published.InDepartment(departmentId), latest, LatestNews.ListKey.Department(departmentId), page, ct);

    // All public news, newest first: the total kept as for a tag's.
    public static async Task<Page<ArticleListItem>> PageOfAllAsync(this IQueryable<Article> published, LatestNews latest, int page, CancellationToken ct) =>
        await published.Newest().AsListItems().ToPageAsync(page, await latest.TotalAsync(LatestNews.ListKey.AllNews, () => published.CountAsync(ct), ct), ct);

    static async Task<Page<ArticleListItem>> PageAsync(IQueryable<Article> published, IQueryable<int> ids, IQueryable<Article> walk, LatestNews latest, LatestNews.ListKey list, int page, CancellationToken ct)
    {
        var fromJoinTable = published.Where(a => ids.Contains(a.Id));
        var total = await latest.TotalAsync(list, () => fromJoinTable.CountAsync(ct), ct);
        var all = await latest.TotalAsync(LatestNews.ListKey.AllNews, () => published.CountAsync(ct), ct);
        var query = total * WalkShare >= all ? walk : fromJoinTable;
        return await query.Newest().AsListItems().ToPageAsync(page, total, ct);
    }
}
