using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Caching;

// Which responses the output cache keeps: public pages for anonymous readers, nothing else.
public class PublicPagePolicy(IOptions<SiteOptions> options) : IOutputCachePolicy
{
    // Only these parameters change what a public page shows; the rest are ignored so that
    // random query strings cannot fill the cache with copies.
    static readonly string[] QueryKeys = ["page", "from", "to", "q", "pageSize", "department", "tag", "sort", "kind", "type", "year", "status", "number", "issuer", "lang"];

    public static bool IsPage(HttpContext http) =>
        http.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<ActionDescriptor>() is not null || metadata.GetMetadata<PublicResource>() is not null);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = options.Value.OutputCache
            && IsPage(http)
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization")
            && http.User.Identity?.IsAuthenticated != true
            && !request.Path.StartsWithSegments("/admin")
            && !request.Path.StartsWithSegments("/preview")
            // Links with a subscriber's token are personal.
            && !request.Path.StartsWithSegments("/subscribe")
            && !request.Path.StartsWithSegments("/unsubscribe")
            // Names the page it is about in its query, which is not part of the key.
            && !request.Path.StartsWithSegments("/feedback");
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Readers of a page being rendered wait for it, except one asking again after such a wait failed.
        context.AllowLocking = !SharedRendering.IsRetry(http);
        context.CacheVaryByRules.QueryKeys = QueryKeys;
        // The key has the host already; the site too, because a host's site can change: a name
        // that served the default site until a hromada took it must not go on showing those pages.
        var site = http.SiteId();
        context.CacheVaryByRules.CacheKeyPrefix = $"s{site}";
        // Pages for a device saving data are kept apart (their gallery waits to be opened).
        if (SaveData.Asked(request))
        {
            context.CacheVaryByRules.VaryByValues["save-data"] = "on";
        }
        // Changes evict pages at once by tag; the lifetime only bounds what a site nobody reads
        // holds in memory: no longer than its other copies (SiteCache.Idle). A page read all the
        // time costs one rendering per lifetime.
        context.ResponseExpirationTimeSpan = SiteCache.Idle;
        context.Tags.Add(CacheTags.All);
        context.Tags.Add(CacheTags.OfSite(site, CacheTags.Site));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct)
    {
        Metrics.CacheLookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        Metrics.CacheLookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        var response = context.HttpContext.Response;
        // Never keep errors, redirects, anything that sets a cookie, or a page that says not to.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

// Marks a non-page endpoint (feed, sitemap) as public and cacheable like a page.
public sealed class PublicResource;
