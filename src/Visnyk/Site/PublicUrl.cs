using Microsoft.Extensions.Options;

namespace Visnyk.Site;

// The absolute addresses of a site's links that leave it (canonical, share links, feeds, sitemaps,
// mail). The default site: the configured Visnyk:PublicUrl. Another site: its primary host, on the
// configured address's scheme (https when none is configured). Never a host the request made up:
// a request reaches a site only by one of its own hosts (SiteResolution).
public static class PublicUrl
{
    public static string For(HttpContext http, string path)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value;
        var site = http.SiteId();
        if (site == Site.Default && !string.IsNullOrEmpty(options.PublicUrl))
        {
            return options.PublicUrl.TrimEnd('/') + path;
        }
        var primary = http.RequestServices.GetRequiredService<SiteHosts>().Primary(site);
        // On its own primary host the request's address is the site's (with the port a test or a
        // developer's machine uses); with no hosts (`dotnet run`) it is all there is.
        return primary is null || SiteHosts.Normalize(http.Request.Host.Host) == primary
            ? $"{http.Request.Scheme}://{http.Request.Host}{path}"
            : Origin(options, primary) + path;
    }

    // A site's origin outside a request (mail): as above, and the configured address (or a local
    // one) for a site that has no host of its own, which only the default site can be.
    public static async Task<string> OriginAsync(SiteOptions options, SiteHosts hosts, int site, CancellationToken ct) =>
        await KnownOriginAsync(options, hosts, site, ct) ?? Local(options);

    // The same with the site's primary host in hand (the commands, which have no SiteHosts).
    public static string Origin(SiteOptions options, int site, string? primary) =>
        site == Site.Default && !string.IsNullOrEmpty(options.PublicUrl) ? options.PublicUrl.TrimEnd('/')
            : primary is not null ? Origin(options, primary) : Local(options);

    static string Local(SiteOptions options) => (options.PublicUrl ?? "http://localhost:5000").TrimEnd('/');

    // Only an address the installation knows, never the request's Host (set-up links): null when
    // the default site has no Visnyk:PublicUrl.
    public static async Task<string?> KnownOriginAsync(SiteOptions options, SiteHosts hosts, int site, CancellationToken ct)
    {
        if (site == Site.Default && !string.IsNullOrEmpty(options.PublicUrl))
        {
            return options.PublicUrl.TrimEnd('/');
        }
        return await hosts.PrimaryAsync(site, ct) is { } primary ? Origin(options, primary) : null;
    }

    // A host's address on the installation's scheme.
    public static string Origin(SiteOptions options, string host) => $"{Scheme(options)}://{host}";

    static string Scheme(SiteOptions options) =>
        Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) ? url.Scheme : Uri.UriSchemeHttps;
}
