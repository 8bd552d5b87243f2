using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Visnyk.Feedback;

// Reports taken from one client in an hour (Visnyk:Reports:PerHour). Asked by the form after it
// has checked what was written, so a resident's mistakes do not use up their reports and a
// refusal is shown on the form with their text still in it. An IPv6 client is its /64 (the
// network a home or a phone is given), not one of its many addresses.
public sealed class ReportLimits(IOptions<ReportOptions> options) : IDisposable
{
    readonly PartitionedRateLimiter<string> perClient = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PerHour, Window = TimeSpan.FromHours(1) }));

    public bool TryTake(IPAddress? client)
    {
        using var lease = perClient.AttemptAcquire(Partition(client));
        return lease.IsAcquired;
    }

    static string Partition(IPAddress? client)
    {
        if (client is null)
        {
            return "";
        }
        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4().ToString();
        }
        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => perClient.Dispose();
}

public static class ReportsSetup
{
    public static IServiceCollection AddVisnykReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(Site.SiteOptions.Section + ":Reports").ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<ReportLimits>();
    }
}
