namespace Visnyk.Site;

// /en/news/… is /news/… read in English. The prefix moves to PathBase, so routing sees the same
// paths in every language, the output cache's key keeps the prefix (it reads PathBase), and "~/"
// links stay in the language. Runs before anything that answers a request.
public sealed class LanguagePrefix(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var language = SiteLanguage.Default;
        foreach (var other in SiteLanguage.All)
        {
            if (!other.IsDefault && http.Request.Path.StartsWithSegments(other.Prefix, StringComparison.Ordinal, out var rest))
            {
                http.Request.PathBase = http.Request.PathBase.Add(other.Prefix);
                http.Request.Path = rest.HasValue ? rest : "/";
                language = other;
                break;
            }
        }
        http.Features.Set(language);
        return next(http);
    }
}

// What reads the site's content in the request's language (public pages, feeds, the API): its
// queries see that language's articles only (VisnykDb's "Language" filter). Prefixed: it also answers
// under the other languages' prefixes; a page not written for them yet answers only at its
// default address. Endpoints without it (the newsroom) see every language; the sitemaps,
// which list every language's news, say so in their queries (IgnoreQueryFilters).
// InDefault: it answers under every prefix in that language's words, but reads the default
// language's content (the register of documents: the acts are in Ukrainian only).
public sealed record ReadsLanguage(bool Prefixed, bool InDefault = false)
{
    public static readonly ReadsLanguage Everywhere = new(true);
    public static readonly ReadsLanguage DefaultOnly = new(false);
    public static readonly ReadsLanguage EverywhereInDefault = new(true, true);
}

// After routing: under another language's prefix only what is written for it answers (the rest
// 404), and what reads one language reads the request's.
public sealed class LanguageEndpoints(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var language = http.Language();
        var reads = http.GetEndpoint()?.Metadata.GetMetadata<ReadsLanguage>();
        if (!language.IsDefault && reads is not { Prefixed: true })
        {
            http.SetEndpoint(null);
        }
        else if (reads is not null)
        {
            http.RequestServices.GetRequiredService<CurrentSite>().Language = reads.InDefault ? SiteLanguage.Default : language;
        }
        return next(http);
    }
}

public static class RequestLanguages
{
    // The language the request's address asked for (LanguagePrefix).
    public static SiteLanguage Language(this HttpContext http) => http.Features.Get<SiteLanguage>() ?? SiteLanguage.Default;
}
