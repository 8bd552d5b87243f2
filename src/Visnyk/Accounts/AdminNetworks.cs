using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Answers /admin only to the configured networks; everyone else gets a plain 404, as if there
// were no back office at this address.
public class AdminNetworks(RequestDelegate next, IOptions<SiteOptions> options)
{
    readonly Networks allowed = new(options.Value.Admin.AllowedNetworks);

    public Task InvokeAsync(HttpContext http)
    {
        if (!allowed.IsEmpty && http.Request.Path.StartsWithSegments("/admin") && !allowed.Contain(http.Connection.RemoteIpAddress))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    }
}
