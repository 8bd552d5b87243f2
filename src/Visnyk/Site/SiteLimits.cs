using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Visnyk.Site;

// "Visnyk:Sites:Limits": how much of the server one site's requests may hold at once.
public class SiteLimitsOptions
{
    // Requests of one site handled at the same time; 0: one fewer than the processor count (at
    // least one), so a site under a flood always leaves a processor to the others.
    public int RequestsAtOnce { get; set; }

    // Requests of one site waiting for their turn, first come first served; more are refused with
    // 503 and Retry-After (nginx then answers with its stale copy of the page, where it has one).
    public int Waiting { get; set; } = 100;

    // The same for the site's newsroom, apart from its public pages: uploads of large photos from
    // a slow connection hold theirs for a while, and several editors work at once.
    public int NewsroomAtOnce { get; set; } = 4;

    // Off: every site takes what it can, as a single site always does.
    public bool Enabled { get; set; } = true;

    // Checked at start-up (SiteApp): a bad value would otherwise fail every request once there are several sites.
    public bool IsValid => RequestsAtOnce >= 0 && Waiting >= 0 && NewsroomAtOnce >= 1;

    public int PermitsAtOnce => RequestsAtOnce > 0 ? RequestsAtOnce : Math.Max(1, Environment.ProcessorCount - 1);
}

// A noisy neighbour: one site flooded (a crawler, a layer-7 attack on its search) must not slow the
// others. Once the installation has more than one site, each site holds at most RequestsAtOnce
// requests in the pipeline at once and queues the rest; its newsroom has a partition of its own, so
// a flood of the public site does not lock its editors out. One site alone is never limited here:
// it has no one to share with (nginx limits each client address in front).
public sealed class SiteLimits
{
    readonly RequestDelegate next;
    readonly SiteHosts hosts;
    readonly SiteLimitsOptions options;
    readonly PartitionedRateLimiter<(int Site, bool Newsroom)> limiter;

    public SiteLimits(RequestDelegate next, SiteHosts hosts, IOptions<SiteOptions> site)
    {
        (this.next, this.hosts, options) = (next, hosts, site.Value.Sites.Limits);
        // One concurrency limiter per partition, made at its first request and dropped by the
        // library once idle: 1,500 quiet sites hold none.
        limiter = PartitionedRateLimiter.Create<(int Site, bool Newsroom), (int, bool)>(key => RateLimitPartition.GetConcurrencyLimiter(key, partition => new ConcurrencyLimiterOptions
        {
            PermitLimit = partition.Item2 ? options.NewsroomAtOnce : options.PermitsAtOnce,
            QueueLimit = options.Waiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    public async Task InvokeAsync(HttpContext http, CurrentSite site)
    {
        if (!options.Enabled || !hosts.Many || SiteResolution.AnyHost(http.Request.Path))
        {
            await next(http);
            return;
        }
        using var lease = await limiter.AcquireAsync((site.Id, http.Request.Path.StartsWithSegments("/admin")), 1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            // A short plain answer, not the error page: rendering it is the work being refused.
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            http.Response.Headers.CacheControl = "no-store";
            if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(Text.SiteBusy, http.RequestAborted);
            return;
        }
        await next(http);
    }
}
