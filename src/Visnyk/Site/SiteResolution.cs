using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Visnyk.Site;

// What a host the installation does not know gets ("Visnyk:Sites:UnknownHost").
public enum UnknownHost
{
    // The default site (site 1): one site answers on any name, as `dotnet run` on localhost does.
    Default,
    // A plain 404, with no page and no database work: for installations of many sites.
    NotFound,
}

// "Visnyk:Sites".
public class SitesOptions
{
    public UnknownHost UnknownHost { get; set; } = UnknownHost.Default;

    // How much of the server one site may hold at once ("Visnyk:Sites:Limits").
    public SiteLimitsOptions Limits { get; set; } = new();
}

// Finds the request's site by its host (SiteHosts) and sets the scope's CurrentSite, before
// anything asks for the database: every later stage (old addresses, the error page, the output
// cache's tags, the pages) then works for that site. An alias answers 301 (308 to other methods than GET and HEAD) with the
// site's primary host, so a site's pages are cached and indexed under one name.
public sealed class SiteResolution(RequestDelegate next, SiteHosts hosts, IOptions<SiteOptions> options, ILogger<SiteResolution> logger)
{
    public async Task InvokeAsync(HttpContext http, CurrentSite site)
    {
        // The load balancer, Prometheus and the TLS front ask on whatever name they were given.
        if (AnyHost(http.Request.Path))
        {
            await next(http);
            return;
        }
        SiteHosts.Entry? found;
        try
        {
            found = await hosts.FindAsync(http.Request.Host.Host, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException && !hosts.Loaded)
        {
            // Never read yet, and the database does not answer: no site can be told, none is guessed.
            logger.LogError(e, "Could not read the sites' hosts");
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (found is null)
        {
            if (options.Value.Sites.UnknownHost == UnknownHost.NotFound)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            site.Id = Site.Default;
        }
        else if (found.Primary is { } primary)
        {
            var request = http.Request;
            // A GET (or HEAD) as 301; anything else as 308, which keeps the method and the body.
            http.Response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                ? StatusCodes.Status301MovedPermanently : StatusCodes.Status308PermanentRedirect;
            http.Response.Headers.Location = UriHelper.BuildAbsolute(request.Scheme,
                request.Host.Port is { } port ? new HostString(primary, port) : new HostString(primary), request.PathBase, request.Path, request.QueryString);
            return;
        }
        else
        {
            site.Id = found.Site;
        }
        await next(http);
    }

    // Those addresses themselves (a trailing slash allowed, as routing does), not what is below them.
    public static bool AnyHost(PathString path)
    {
        foreach (var any in AnyHostPaths)
        {
            if (path.StartsWithSegments(any, out var rest) && (!rest.HasValue || rest.Value == "/"))
            {
                return true;
            }
        }
        return false;
    }

    static readonly PathString[] AnyHostPaths = ["/healthz", "/readyz", "/metrics", TlsAsk.Path];
}
