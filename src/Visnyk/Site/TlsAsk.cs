namespace Visnyk.Site;

// For a TLS front that obtains certificates on demand (Caddy's on_demand_tls `ask`): before it asks
// a CA for a name, it asks here. 200 for a host of a site of this installation (a primary host or
// an alias, or the default site's Visnyk:PublicUrl), 404 for any other name, so nobody can make the server request certificates for names
// it does not serve. From loopback and Visnyk:MetricsNetworks only, as /metrics; any Host.
public static class TlsAsk
{
    public const string Path = "/tls/ask";

    public static void MapTlsAsk(this IEndpointRouteBuilder app, SiteOptions site)
    {
        var allowed = new Networks(site.MetricsNetworks, loopback: true);
        // The default site answers on its public address without a host row of its own.
        var own = Uri.TryCreate(site.PublicUrl, UriKind.Absolute, out var url) ? SiteHosts.Normalize(url.Host) : null;
        app.MapGet(Path, async (string? domain, HttpContext http, SiteHosts hosts, CancellationToken ct) =>
        {
            // A bare 404: no error page rendered (names are cheap to make up).
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            if (!allowed.Contain(http.Connection.RemoteIpAddress))
            {
                return Results.NotFound();
            }
            return domain is { Length: > 0 and <= 253 } && (SiteHosts.Normalize(domain) == own || await hosts.FindAsync(domain, ct) is not null)
                ? Results.Text("ok")
                : Results.NotFound();
        }).WithMetadata(new Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute { NoStore = true });
    }
}
