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

    // A site counts as busy this long after its last request. While no other site is busy, a site
    // takes every processor (a crawler of the oblast's site at night slows no one); the shares
    // hold from another site's first request until it has been quiet this long.
    public TimeSpan BusyFor { get; set; } = TimeSpan.FromSeconds(2);

    // Checked at start-up (SiteApp): a bad value would otherwise fail every request once there are several sites.
    public bool IsValid => RequestsAtOnce >= 0 && Waiting >= 0 && NewsroomAtOnce >= 1 && BusyFor > TimeSpan.Zero;

    public int PermitsAtOnce => RequestsAtOnce > 0 ? RequestsAtOnce : Math.Max(1, Environment.ProcessorCount - 1);
}

// A noisy neighbour: one site flooded (a crawler, a layer-7 attack on its search) must not slow the
// others. Once the installation has more than one site, each site holds at most RequestsAtOnce
// requests in the pipeline at once and queues the rest; its newsroom has a partition of its own, so
// a flood of the public site does not lock its editors out. The shares only hold while more than
// one site is busy (a request within BusyFor): a site alone with its requests, or an installation
// of one site, takes the whole server, as nothing waits for it (nginx limits each client address
// in front). Requests let in while a site was alone run on when another arrives; they last
// milliseconds, and from then on the site keeps to its share.
public sealed class SiteLimits
{
    readonly RequestDelegate next;
    readonly SiteHosts hosts;
    readonly SiteLimitsOptions options;
    readonly TimeProvider clock;
    readonly PartitionedRateLimiter<(int Site, bool Newsroom)> limiter;
    // The sites with a request within BusyFor: their last request's timestamp (the clock's). Only
    // those: a quiet site holds nothing here.
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> busy = new();
    int busyCount;
    long nextSweep;

    public SiteLimits(RequestDelegate next, SiteHosts hosts, IOptions<SiteOptions> site, TimeProvider clock)
    {
        (this.next, this.hosts, options, this.clock) = (next, hosts, site.Value.Sites.Limits, clock);
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
        if (!options.Enabled || !hosts.Many || SiteResolution.AnyHost(http.Request.Path) || !Shared(site.Id))
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

    // Marks the site busy; whether another one is too.
    bool Shared(int site)
    {
        var now = clock.GetTimestamp();
        // Updated only while present, so that a sweep removing it meanwhile is counted once.
        while (!(busy.TryGetValue(site, out var last) ? busy.TryUpdate(site, now, last) : busy.TryAdd(site, now) && Interlocked.Increment(ref busyCount) > 0))
        {
        }
        if (now >= Volatile.Read(ref nextSweep) && Interlocked.Exchange(ref nextSweep, now + clock.TimestampFrequency / 4) <= now)
        {
            Sweep(now);
        }
        return Volatile.Read(ref busyCount) > 1;
    }

    // Forgets the sites quiet for BusyFor; at most every quarter of a second, by one request.
    void Sweep(long now)
    {
        var quiet = (long)(options.BusyFor.TotalSeconds * clock.TimestampFrequency);
        foreach (var (site, last) in busy)
        {
            // Only if no request has marked it since it was read here.
            if (now - last > quiet && busy.TryRemove(KeyValuePair.Create(site, last)))
            {
                Interlocked.Decrement(ref busyCount);
            }
        }
    }
}
