using Microsoft.AspNetCore.OutputCaching;
using Visnyk.Articles;

namespace Visnyk.Caching;

// Names of the output-cache tags. A page is tagged with everything it shows, so that a change
// evicts exactly the pages that show it (see ArticleEviction).
public static class CacheTags
{
    // Every cached page: the header and footer show site settings and departments.
    public const string Site = "site";
    // Pages that list the newest articles of the whole site (home, /news, "Останні новини").
    public const string Latest = "latest";
    // Search results, feeds of searches and API text queries: evicted when the index changes.
    public const string Search = "search";
    // Article pages whose related news came from shared tags because the search index could not
    // answer (not built yet, or not yet holding the article): evicted when the index changes.
    public const string RelatedByTags = "related-by-tags";
    public static string Article(int id) => $"article:{id}";
    public static string Department(int id) => $"department:{id}";
    public static string Tag(int id) => $"tag:{id}";
}

public static class PageCache
{
    const string LastModifiedKey = "Visnyk.LastModified";

    // Records that the page being rendered shows these articles: tags it for eviction and moves
    // its Last-Modified time forward.
    public static void Shows(this HttpContext http, IEnumerable<(int Id, DateTime UpdatedAt)> articles)
    {
        var tags = http.Features.Get<IOutputCacheFeature>()?.Context.Tags;
        foreach (var (id, updatedAt) in articles)
        {
            tags?.Add(CacheTags.Article(id));
            http.Touched(updatedAt);
        }
    }

    public static void Shows(this HttpContext http, IEnumerable<ArticleListItem> articles) =>
        http.Shows(articles.Select(a => (a.Id, a.UpdatedAt)));

    public static void Tag(this HttpContext http, params string[] tags)
    {
        var set = http.Features.Get<IOutputCacheFeature>()?.Context.Tags;
        foreach (var tag in tags)
        {
            set?.Add(tag);
        }
    }

    public static void Touched(this HttpContext http, DateTime updatedAt)
    {
        if (http.Items[LastModifiedKey] is not DateTime known || updatedAt > known)
        {
            http.Items[LastModifiedKey] = updatedAt;
        }
    }

    public static DateTime? LastModified(this HttpContext http) => http.Items[LastModifiedKey] as DateTime?;
}
