using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;

namespace Visnyk.Import;

// Answers the old site's addresses with 301 to the articles and lists they became, and a page's
// former addresses (SitePages/PagePlace), the language's prefix included, with its own. It costs the public
// site nothing on its hot path: it looks only at requests that found nothing (404), and at the
// home page when it carries WordPress's ?p=ID (the home page would otherwise answer 200).
public class OldAddresses(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(http);
            return;
        }
        if (request.Path == "/" && request.QueryString.HasValue && request.Query.TryGetValue("p", out var p) && long.TryParse(p, out var postId)
            && await TargetAsync(http, $"/?p={postId}") is { } shortLink)
        {
            MovedTo(http, shortLink);
            return;
        }
        await next(http);
        if (http.Response.StatusCode == StatusCodes.Status404NotFound && !http.Response.HasStarted
            && http.Features.Get<IStatusCodeReExecuteFeature>() is null
            && Key((request.PathBase + request.Path).Value) is { Length: <= OldAddress.MaxPath } key
            && await TargetAsync(http, key) is { } target)
        {
            MovedTo(http, target);
        }
    }

    // How an old address is stored and looked up: decoded, lower-case, no trailing slash.
    public static string Key(string? path)
    {
        var trimmed = (path ?? "").TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed.ToLowerInvariant();
    }

    // Where an old address goes now: the article, if it is public (unpublished ones keep their
    // 404), the list that took an archive's place, or a WordPress pattern (WordPressArchives).
    static async Task<string?> TargetAsync(HttpContext http, string key)
    {
        var db = http.RequestServices.GetRequiredService<VisnykDb>();
        var ct = http.RequestAborted;
        var old = await db.OldAddresses.AsNoTracking().Where(o => o.Path == key).Select(o => new { o.ArticleId, o.Target }).FirstOrDefaultAsync(ct);
        if (old?.ArticleId is { } id)
        {
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            // An article, or a page that moved (SitePages/PagePlace): its address now, if readers may see it.
            var article = await db.Publications.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Id, a.Slug, a.Status, a.PublishedAt, a.Kind, a.PagePath }).FirstOrDefaultAsync(ct);
            if (article is not { Status: ArticleStatus.Published } || article.PublishedAt > now)
            {
                return null;
            }
            if (article.Kind == ArticleKind.Page)
            {
                // Public only while every page above it is (PageTree).
                var tree = (await http.RequestServices.GetRequiredService<Site.SiteChrome>().GetAsync(Site.RequestLanguages.Language(http), ct)).Pages;
                return tree.Find(article.Id)?.Path;
            }
            return $"/news/{article.Id}-{article.Slug}";
        }
        if (old?.Target is { } target)
        {
            return target;
        }
        return await WordPressArchives.ResolveAsync(key, async list =>
            await db.OldAddresses.AsNoTracking().Where(o => o.Path == list && o.Target != null).Select(o => o.Target).FirstOrDefaultAsync(ct));
    }

    static void MovedTo(HttpContext http, string location)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        http.Response.Headers.Location = location;
    }
}
