using Microsoft.AspNetCore.OutputCaching;
using Visnyk.Caching;
using Visnyk.Site;

namespace Visnyk.Articles;

// Which cached pages a change to an article makes stale. Pages tag themselves with what they
// show (PageCache.Shows); this turns a change into the tags of exactly those pages.
public static class ArticleEviction
{
    // What eviction needs to know of an article, before or after a change.
    // OriginalId: a translation's original, whose page (and its other translations', tagged with
    // it) names this one in its language links.
    public record State(int Id, bool IsPublic, DateTime PublishedAt, IReadOnlyCollection<int> DepartmentIds, IReadOnlyCollection<int> TagIds, int? OriginalId = null)
    {
        public static State Of(Article article, DateTime utcNow) =>
            new(article.Id, article.IsPublicAt(utcNow), article.PublishedAt,
                article.Departments.Select(d => d.Id).ToList(), article.Tags.Select(t => t.Id).ToList(), article.OriginalId);
    }

    // before is null for a new article; after is null for a deleted one.
    public static IReadOnlySet<string> TagsFor(State? before, State? after)
    {
        var id = (before ?? after)?.Id ?? throw new ArgumentException("Nothing changed");
        // Every page that shows the article (its own page, lists with its headline).
        var tags = new HashSet<string> { CacheTags.Article(id) };
        var wasPublic = before?.IsPublic == true;
        var isPublic = after?.IsPublic == true;
        var moved = wasPublic && isPublic && before!.PublishedAt != after!.PublishedAt;
        if (wasPublic != isPublic && (before ?? after)!.OriginalId is { } original)
        {
            // A translation appears or goes: the pages of its original and the original's other translations link to it.
            tags.Add(CacheTags.Article(original));
        }
        if (wasPublic != isPublic || moved)
        {
            // It enters, leaves or moves within every list it belongs to, shifting other articles.
            tags.Add(CacheTags.Latest);
            foreach (var d in (before?.DepartmentIds ?? []).Concat(after?.DepartmentIds ?? []))
            {
                tags.Add(CacheTags.Department(d));
            }
            foreach (var t in (before?.TagIds ?? []).Concat(after?.TagIds ?? []))
            {
                tags.Add(CacheTags.Tag(t));
            }
        }
        else if (isPublic)
        {
            // Still public: only lists it joined or left change shape.
            foreach (var d in Changed(before!.DepartmentIds, after!.DepartmentIds))
            {
                tags.Add(CacheTags.Department(d));
            }
            foreach (var t in Changed(before.TagIds, after.TagIds))
            {
                tags.Add(CacheTags.Tag(t));
            }
        }
        return tags;
    }

    // The article is of the site whose latest news are given (the scope's): its pages only are
    // evicted, and the "Новини громад" of the site it shares its news with (sharesWith), if any.
    public static async Task EvictAsync(IOutputCacheStore store, LatestNews latest, State? before, State? after, int? sharesWith, CancellationToken ct)
    {
        // Any change may touch a headline in the in-memory list of latest news.
        latest.Invalidate();
        foreach (var tag in TagsFor(before, after))
        {
            await store.EvictAsync(latest.Site, tag, ct);
        }
        if (sharesWith is { } parent && (before?.IsPublic == true || after?.IsPublic == true))
        {
            await store.EvictAsync(parent, CacheTags.Hromadas, ct);
        }
    }

    static IEnumerable<int> Changed(IReadOnlyCollection<int> before, IReadOnlyCollection<int> after) =>
        before.Except(after).Concat(after.Except(before));
}
