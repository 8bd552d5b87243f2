using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Caching;

// The Redis output-cache store, wrapped: every eviction is also said on a Redis channel, so the
// other instances drop the in-memory copies behind those pages; every call goes through the
// breaker, so a Redis that fails or stalls is skipped rather than waited for.
public sealed class PeerEviction(IOutputCacheStore store, IConnectionMultiplexer redis, string prefix, RedisBreaker breaker, TimeProvider clock,
    SiteCache sites, ILogger<PeerEviction> logger)
    : IOutputCacheStore, IOutputCacheBufferStore, IHostedService
{
    readonly RedisChannel channel = RedisChannel.Literal(prefix + "evicted");
    // Messages are "sender tag"; an instance ignores its own.
    readonly string self = Guid.NewGuid().ToString("N");

    // What StackExchange.Redis throws when the server cannot be reached in time.
    internal static bool Unreachable(Exception e) => e is RedisException or TimeoutException;

    // How long Redis takes to answer; null while it is skipped or unreachable (/readyz).
    public ValueTask<TimeSpan?> PingAsync() =>
        breaker.RunAsync<TimeSpan?>(async () => await redis.GetDatabase().PingAsync(), skipped: null);

    // Pages rendered in the moment before a rejoin may come from the old in-memory copies; none is
    // stored until this time (UTC ticks) has passed. A rendering takes milliseconds.
    static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    long storeFrom;

    public async ValueTask EvictByTagAsync(string tag, CancellationToken ct)
    {
        var done = await breaker.RunAsync(async () =>
        {
            await store.EvictByTagAsync(tag, ct);
            await redis.GetSubscriber().PublishAsync(channel, $"{self} {tag}", CommandFlags.FireAndForget);
            return true;
        }, skipped: false);
        if (!done)
        {
            logger.LogWarning("Redis is unreachable: the eviction of {Tag} waits for it", tag);
        }
    }

    // How many times this instance was cut off from Redis (the breaker opened, or the connection
    // dropped and came back): each time, every cached page is evicted once Redis answers again.
    public int Interruptions => breaker.Openings + Volatile.Read(ref restored);
    int restored;

    // Redis answers again after this instance was cut off from it (the breaker closed, or the
    // connection came back). Whatever it evicted meanwhile, and whatever the others said on the
    // channel, never arrived: any site's latest news and chrome may be old (the chrome is only
    // dropped when idle), and Redis may hold pages older than the database. So: forget every
    // site's copies, store no page rendered from them, back on the channel, and evict every page
    // (every page of every site carries the tag "all"), which also tells the others to do the same.
    async Task RejoinAsync()
    {
        sites.Clear();
        Volatile.Write(ref storeFrom, (clock.GetUtcNow() + Settle).UtcTicks);
        try
        {
            if (!subscribed)
            {
                await SubscribeAsync();
            }
            logger.LogInformation("Redis is back: evicting every cached page");
            await EvictByTagAsync(CacheTags.All, default);
            // Pages this instance sent to be stored while Redis was silent can land after that: a
            // connection given up as dead is still read by Redis when it wakes, in no order with
            // the new one. Once Redis has worked through what waited for it, evict them too.
            _ = EvictStragglersAsync(CacheTags.All);
        }
        catch (Exception failed) when (Unreachable(failed))
        {
            logger.LogWarning(failed, "Redis went away again");
        }
    }

    void Restored(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref restored);
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            breaker.Close();
        }
        _ = RejoinAsync();
    }

    void BreakerClosed() => _ = Task.Run(RejoinAsync);

    async Task HeardAsync(string message)
    {
        var (sender, tag) = (message[..message.IndexOf(' ')], message[(message.IndexOf(' ') + 1)..]);
        if (sender == self)
        {
            return;
        }
        // Only the copies of the site the tag names: the others' changes are none of its business.
        if (CacheTags.TryParse(tag, out var site, out var name))
        {
            LatestNews.Forget(sites, site);
            if (name == CacheTags.Site || name.StartsWith("tag:", StringComparison.Ordinal) || name.StartsWith("department:", StringComparison.Ordinal))
            {
                SiteChrome.Forget(sites, site); // renamed, added or removed: menus, names and facets come from the snapshot
            }
        }
        else if (tag == CacheTags.All)
        {
            sites.Clear();
        }
        await store.EvictByTagAsync(tag, default);
        _ = EvictStragglersAsync(tag);
    }

    // A page this instance began to render from the copies just forgotten can be stored after the
    // eviction above, and would stay for its lifetime (SiteCache.Idle): Cluster/TwoSitesTests saw /departments rendered
    // from the old chrome and stored 8 ms after it. So the tag is evicted once more when such
    // renderings are over; pages rendered meanwhile are rendered once again.
    static readonly TimeSpan Stragglers = TimeSpan.FromSeconds(5);

    async Task EvictStragglersAsync(string tag)
    {
        try
        {
            await Task.Delay(Stragglers, clock);
            await store.EvictByTagAsync(tag, default);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not evict {Tag} again after another instance's change", tag);
        }
    }

    volatile bool subscribed;

    // The site starts whether or not Redis answers; the channel is joined when it does.
    public async Task StartAsync(CancellationToken ct)
    {
        redis.ConnectionRestored += Restored;
        breaker.Closed += BreakerClosed;
        try
        {
            await SubscribeAsync();
        }
        catch (Exception e) when (Unreachable(e))
        {
            logger.LogWarning("Redis is unreachable: pages are served uncached until it answers");
        }
    }

    async Task SubscribeAsync()
    {
        await redis.GetSubscriber().SubscribeAsync(channel, async (_, value) =>
        {
            try
            {
                await HeardAsync(value.ToString());
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not apply an eviction from another instance");
            }
        });
        subscribed = true;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        redis.ConnectionRestored -= Restored;
        breaker.Closed -= BreakerClosed;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(channel);
        }
        catch (Exception e) when (Unreachable(e) || e is OperationCanceledException)
        {
            // Stopping while Redis is away (or going), or the host's stop gave up waiting for it: nothing to leave.
        }
    }

    // Redis skipped or unreachable: a miss, and nothing stored.
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken ct) =>
        breaker.RunAsync(() => store.GetAsync(key, ct), skipped: null);

    bool Settling => clock.GetUtcNow().UtcTicks < Volatile.Read(ref storeFrom);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct)
    {
        if (Settling)
        {
            return;
        }
        await breaker.RunAsync(async () =>
        {
            await store.SetAsync(key, value, tags, validFor, ct);
            return true;
        }, skipped: false);
    }

    // Redis's store writes from and reads into buffers without copying; pass that on.
    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken ct) =>
        breaker.RunAsync(() => store is IOutputCacheBufferStore buffers ? buffers.TryGetAsync(key, destination, ct) : CopyAsync(key, destination, ct), skipped: false);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken ct)
    {
        if (Settling)
        {
            return;
        }
        await breaker.RunAsync(async () =>
        {
            await (store is IOutputCacheBufferStore buffers
                ? buffers.SetAsync(key, value, tags, validFor, ct)
                : store.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, ct));
            return true;
        }, skipped: false);
    }

    async ValueTask<bool> CopyAsync(string key, PipeWriter destination, CancellationToken ct)
    {
        if (await store.GetAsync(key, ct) is not { } bytes)
        {
            return false;
        }
        await destination.WriteAsync(bytes, ct);
        return true;
    }
}
