using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Articles;

// The queries every article page runs, compiled once. EF Core's per-call work (walking and caching
// the expression) costs about as much as SQLite's own; compiling saved ~15 % of a cold render per
// query in bench/pages.sh. A compiled query cannot call our extension methods, so the published
// rule is written out here; HotQueriesTests checks both ways give the same answer.
public static class HotQueries
{
    static readonly Func<VisnykDb, int, DateTime, Task<Article?>> PublishedByIdQuery =
        EF.CompileAsyncQuery((VisnykDb db, int id, DateTime now) =>
            db.Articles.AsNoTracking().Include(a => a.LeadImage)
                .FirstOrDefault(a => a.Id == id && a.Status == ArticleStatus.Published && a.PublishedAt <= now));

    static readonly Func<VisnykDb, DateTime, int, IAsyncEnumerable<ArticleListItem>> LatestQuery =
        EF.CompileAsyncQuery((VisnykDb db, DateTime now, int count) =>
            db.Articles.AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now)
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Take(count)
                .Select(a => new ArticleListItem(a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt, a.LeadImage)));

    // The article with its lead image, if it is public now.
    public static Task<Article?> PublishedArticleAsync(this VisnykDb db, int id, DateTime utcNow) =>
        PublishedByIdQuery(db, id, utcNow);

    public static Task<List<ArticleListItem>> LatestAsync(this VisnykDb db, DateTime utcNow, int count, CancellationToken ct) =>
        LatestQuery(db, utcNow, count).ToListAsync(ct).AsTask();
}
