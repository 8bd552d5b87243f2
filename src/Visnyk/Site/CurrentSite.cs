namespace Visnyk.Site;

// The site this request or job works for. Scoped: set once at the start of the scope (by the host
// of the request, SiteResolution, or by a job for the site it is doing), before anything asks for
// the database. Every VisnykDb of the scope reads and writes that site only (VisnykDb.SiteId).
public class CurrentSite
{
    public int Id { get; set; } = Site.Default;
    // The language whose content it reads (a public page's, LanguageEndpoints), or null: every
    // language (the newsroom, the jobs).
    public SiteLanguage? Language { get; set; }
}

public static class SiteScopes
{
    // A scope working for one site: what a job does for that site (publish its due articles, say)
    // reads and writes that site only, as its requests do; and work shared by a site's requests (a
    // snapshot they all read) must not borrow one request's context, nor default to site 1.
    public static AsyncServiceScope CreateSiteScope(this IServiceScopeFactory scopes, int siteId, SiteLanguage? language = null)
    {
        var scope = scopes.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentSite>();
        current.Id = siteId;
        current.Language = language;
        return scope;
    }

    // The site of this request (SiteResolution set it).
    public static int SiteId(this HttpContext http) => http.RequestServices.GetRequiredService<CurrentSite>().Id;
}
