using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Articles;

// The newest published articles, compiled once (LatestNews keeps them in memory). EF Core's per-call work (walking and caching
// the expression) costs about as much as SQLite's own; compiling saved ~15 % of a cold render per
// query in bench/pages.sh. A compiled query cannot call our extension methods, so the published
// rule is written out here; HotQueriesTests checks both ways give the same answer.
public static class HotQueries
{
    static readonly Func<VisnykDb, DateTime, int, IAsyncEnumerable<ArticleListItem>> LatestQuery =
        EF.CompileAsyncQuery((VisnykDb db, DateTime now, int count) =>
            db.Articles.AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now)
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Take(count)
                .Select(a => new ArticleListItem(a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt, a.LeadImage)));

    public static Task<List<ArticleListItem>> LatestAsync(this VisnykDb db, DateTime utcNow, int count, CancellationToken ct) =>
        LatestQuery(db, utcNow, count).ToListAsync(ct).AsTask();
}
