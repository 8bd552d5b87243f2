using System.Threading.RateLimiting;
using Visnyk.Site;

namespace Visnyk.Feedback;

public static class ReportLimits
{
    public const string RateLimit = "reports";

    // Report posts per client address (Visnyk:Reports:PerHour); showing the form is not limited.
    public static IServiceCollection AddVisnykReports(this IServiceCollection services, SiteOptions site) =>
        services.AddRateLimiter(o => o.AddPolicy(RateLimit, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                "reports:" + (http.Connection.RemoteIpAddress?.ToString() ?? ""),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = site.Reports.PerHour, Window = TimeSpan.FromHours(1) })
            : RateLimitPartition.GetNoLimiter("reports-form")));
}
