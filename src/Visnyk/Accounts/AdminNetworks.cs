using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Answers /admin only to the configured networks; everyone else gets a plain 404, as if there
// were no back office at this address. The back office answers only at its lower-case address:
// routing ignores case, but a proxy's allow-list may not (nginx's `location /admin` let /ADMIN
// through), and the session cookie's path (/admin) is case-sensitive in browsers.
public class AdminNetworks(RequestDelegate next, IOptions<SiteOptions> options)
{
    readonly Networks allowed = new(options.Value.Admin.AllowedNetworks);

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
            && (!path.StartsWithSegments("/admin", StringComparison.Ordinal) || !allowed.IsEmpty && !allowed.Contain(http.Connection.RemoteIpAddress)))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    }
}
