using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Visnyk.Tests;

// The test server has no client address; Kestrel (or a proxy's header) gives one in production.
// Registered as a startup filter, this sets it from a test header before any of the site's own
// middleware runs, forwarded headers included, as if the request came from that address.
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }
            return following(context);
        });
        next(app);
    };
}
