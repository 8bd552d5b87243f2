using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Articles;

// Paged news of one tag or department. The total is counted from the join table's index. A list
// holding a good share of all articles is paged by walking the date index (a page turns up within
// a thousand rows); a rarer one from the join table, as the walk would visit nearly every article.
public static class ArticleLists
{
    // Walk when at least 1 article in 50 belongs to the list.
    const int WalkShare = 50;

    static async Task<bool> WorthWalkingAsync(VisnykDb db, int total, CancellationToken ct) =>
        total * WalkShare >= await db.Articles.MaxAsync(a => (int?)a.Id, ct); // the largest id: O(1), near enough to the count

    public static Task<Page<ArticleListItem>> PageWithTagAsync(this IQueryable<Article> published, VisnykDb db, int tagId, int page, CancellationToken ct) =>
        PageAsync(published, db.ArticleIds(VisnykDb.ArticleTags, "TagsId", tagId), published.WithTag(tagId), db, page, ct);

    public static Task<Page<ArticleListItem>> PageInDepartmentAsync(this IQueryable<Article> published, VisnykDb db, int departmentId, int page, CancellationToken ct) =>
        PageAsync(published, db.ArticleIds(VisnykDb.ArticleDepartments, "DepartmentsId", departmentId), published.InDepartment(departmentId), db, page, ct);

    static async Task<Page<ArticleListItem>> PageAsync(IQueryable<Article> published, IQueryable<int> ids, IQueryable<Article> walk, VisnykDb db, int page, CancellationToken ct)
    {
        var fromJoinTable = published.Where(a => ids.Contains(a.Id));
        var total = await fromJoinTable.CountAsync(ct);
        var list = await WorthWalkingAsync(db, total, ct) ? walk : fromJoinTable;
        return await list.Newest().AsListItems().ToPageAsync(page, total, ct);
    }
}
