using Microsoft.AspNetCore.OutputCaching;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Caching;

// Names of the output-cache tags. A page is tagged with everything it shows, so that a change
// evicts exactly the pages that show it (see ArticleEviction). The names below are a site's own:
// a page carries them as "s{site}:{name}" (OfSite; PageCache.Tag adds the request's site), and
// evictions name the site (PageCache.EvictAsync), so that one hromada's change evicts none of the
// other sites' pages.
public static class CacheTags
{
    // Every cached page of every site: a Redis rejoin evicts them all.
    public const string All = "all";
    // Every cached page of a site: the header and footer show its settings and departments.
    public const string Site = "site";
    // Pages that list the newest articles of the whole site (home, /news, "Останні новини").
    public const string Latest = "latest";
    // Search results, feeds of searches and API text queries: evicted when the index changes.
    public const string Search = "search";
    // Article pages whose related news came from shared tags because the search index could not
    // answer (not built yet, or not yet holding the article): evicted when the index changes.
    public const string RelatedByTags = "related-by-tags";
    // The oblast's "Новини громад" (page and feeds): evicted when a sharing hromada's news change.
    public const string Hromadas = "hromadas";
    // The register of documents: its list, feeds and every document's page (which shows the
    // documents it amends or cancels, and those that amend or cancel it).
    public const string Documents = "documents";
    public static string Article(int id) => $"article:{id}";
    public static string Department(int id) => $"department:{id}";
    public static string Tag(int id) => $"tag:{id}";

    public static string OfSite(int site, string name) => $"s{site}:{name}";

    // The site and name of a tag made by OfSite (what another instance says it evicted).
    public static bool TryParse(string tag, out int site, out string name)
    {
        var colon = tag.IndexOf(':');
        if (tag.StartsWith('s') && colon > 1 && int.TryParse(tag.AsSpan(1, colon - 1), System.Globalization.NumberStyles.None, null, out site))
        {
            name = tag[(colon + 1)..];
            return true;
        }
        (site, name) = (0, tag);
        return false;
    }
}

public static class PageCache
{
    const string LastModifiedKey = "Visnyk.LastModified";

    // Records that the page being rendered shows these articles: tags it for eviction and moves
    // its Last-Modified time forward.
    public static void Shows(this HttpContext http, IEnumerable<(int Id, DateTime UpdatedAt)> articles)
    {
        var tags = http.Features.Get<IOutputCacheFeature>()?.Context.Tags;
        var site = tags is null ? 0 : http.SiteId();
        foreach (var (id, updatedAt) in articles)
        {
            tags?.Add(CacheTags.OfSite(site, CacheTags.Article(id)));
            http.Touched(updatedAt);
        }
    }

    public static void Shows(this HttpContext http, IEnumerable<ArticleListItem> articles) =>
        http.Shows(articles.Select(a => (a.Id, a.UpdatedAt)));

    // Tags the page being rendered with names of CacheTags, as its site's.
    public static void Tag(this HttpContext http, params string[] tags)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context.Tags is not { } set)
        {
            return;
        }
        var site = http.SiteId();
        foreach (var tag in tags)
        {
            set.Add(CacheTags.OfSite(site, tag));
        }
    }

    // Evicts the pages of one site that carry a name of CacheTags.
    public static ValueTask EvictAsync(this IOutputCacheStore store, int site, string tag, CancellationToken ct) =>
        store.EvictByTagAsync(CacheTags.OfSite(site, tag), ct);

    public static void Touched(this HttpContext http, DateTime updatedAt)
    {
        if (http.Items[LastModifiedKey] is not DateTime known || updatedAt > known)
        {
            http.Items[LastModifiedKey] = updatedAt;
        }
    }

    public static DateTime? LastModified(this HttpContext http) => http.Items[LastModifiedKey] as DateTime?;
}
