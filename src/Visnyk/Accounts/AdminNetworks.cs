using System.Net;
using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Answers /admin only to the configured networks; everyone else gets a plain 404, as if there
// were no back office at this address.
public class AdminNetworks(RequestDelegate next, IOptions<SiteOptions> options)
{
    readonly IPNetwork[] allowed = options.Value.Admin.AllowedNetworks.Select(IPNetwork.Parse).ToArray();

    public Task InvokeAsync(HttpContext http)
    {
        if (allowed.Length > 0 && http.Request.Path.StartsWithSegments("/admin") && !IsAllowed(http.Connection.RemoteIpAddress))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    }

    bool IsAllowed(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return allowed.Any(n => n.Contains(address));
    }
}
