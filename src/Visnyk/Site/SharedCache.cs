using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;
using Visnyk.Articles;

namespace Visnyk.Site;

// The output cache. One instance: in memory. Several (Visnyk:Redis set): in Redis, where evicting
// a tag reaches every instance; and an instance that evicts also says so on a Redis channel, so
// the others drop the in-memory copies behind those pages (latest news, site chrome) and evict
// again what they may have rendered from an old copy in the moment between. While Redis is away
// the site serves every page uncached rather than failing, and evicts everything once it is back
// (evictions made meanwhile were lost).
public static class SharedCache
{
    public static IServiceCollection AddVisnykOutputCache(this IServiceCollection services, SiteOptions site)
    {
        services.AddOutputCache(o => o.AddBasePolicy(p => p.AddPolicy<PublicPagePolicy>()));
        if (!site.UsesRedis)
        {
            return services;
        }
        var options = ConfigurationOptions.Parse(site.Redis!);
        options.AbortOnConnectFail = false; // start, and keep reconnecting, while Redis is away
        options.ClientName ??= "visnyk";
        var redis = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(redis);
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
            o.InstanceName = site.RedisInstance;
        });
        // The Redis store, wrapped so that every eviction is also told to the other instances.
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton(s => new PeerEviction(Create(s, store), redis, site.RedisInstance,
            s.GetRequiredService<LatestNews>(), s.GetRequiredService<SiteChrome>(), s.GetRequiredService<ILogger<PeerEviction>>()));
        services.AddSingleton<IOutputCacheStore>(s => s.GetRequiredService<PeerEviction>());
        services.AddHostedService(s => s.GetRequiredService<PeerEviction>());
        return services;
    }

    static IOutputCacheStore Create(IServiceProvider services, ServiceDescriptor store) =>
        (IOutputCacheStore)(store.ImplementationInstance
            ?? store.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, store.ImplementationType!));
}

public sealed class PeerEviction(IOutputCacheStore store, IConnectionMultiplexer redis, string prefix, LatestNews latest, SiteChrome chrome, ILogger<PeerEviction> logger)
    : IOutputCacheStore, IOutputCacheBufferStore, IHostedService
{
    readonly RedisChannel channel = RedisChannel.Literal(prefix + "evicted");
    // Messages are "sender tag"; an instance ignores its own.
    readonly string self = Guid.NewGuid().ToString("N");

    // What StackExchange.Redis throws when the server cannot be reached in time.
    internal static bool Unreachable(Exception e) => e is RedisException or TimeoutException;

    // Set when an eviction could not reach Redis; everything is evicted when it is back.
    volatile bool lostEvictions;

    public async ValueTask EvictByTagAsync(string tag, CancellationToken ct)
    {
        try
        {
            await store.EvictByTagAsync(tag, ct);
            await redis.GetSubscriber().PublishAsync(channel, $"{self} {tag}", CommandFlags.FireAndForget);
        }
        catch (Exception e) when (Unreachable(e))
        {
            lostEvictions = true;
            logger.LogWarning(e, "Redis is unreachable: the eviction of {Tag} waits for it", tag);
        }
    }

    async void Restored(object? sender, ConnectionFailedEventArgs e)
    {
        try
        {
            if (!subscribed)
            {
                await SubscribeAsync();
            }
            if (lostEvictions && e.ConnectionType == ConnectionType.Interactive)
            {
                lostEvictions = false;
                logger.LogInformation("Redis is back: evicting every cached page");
                await EvictByTagAsync(CacheTags.Site, default); // every page carries the site tag
            }
        }
        catch (Exception failed) when (Unreachable(failed))
        {
            logger.LogWarning(failed, "Redis went away again");
        }
    }

    async Task HeardAsync(string message)
    {
        var (sender, tag) = (message[..message.IndexOf(' ')], message[(message.IndexOf(' ') + 1)..]);
        if (sender == self)
        {
            return;
        }
        latest.Invalidate();
        if (tag == CacheTags.Site || tag.StartsWith("tag:", StringComparison.Ordinal) || tag.StartsWith("department:", StringComparison.Ordinal))
        {
            chrome.Invalidate(); // renamed, added or removed: menus, names and facets come from the snapshot
        }
        await store.EvictByTagAsync(tag, default);
    }

    volatile bool subscribed;

    // The site starts whether or not Redis answers; the channel is joined when it does.
    public async Task StartAsync(CancellationToken ct)
    {
        redis.ConnectionRestored += Restored;
        try
        {
            await SubscribeAsync();
        }
        catch (Exception e) when (Unreachable(e))
        {
            lostEvictions = true;
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
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(channel);
        }
        catch (Exception e) when (Unreachable(e))
        {
            // Stopping while Redis is away (or going): nothing to leave.
        }
    }

    // Unreachable Redis: a miss, and nothing stored.
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            return await store.GetAsync(key, ct);
        }
        catch (Exception e) when (Unreachable(e))
        {
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct)
    {
        try
        {
            await store.SetAsync(key, value, tags, validFor, ct);
        }
        catch (Exception e) when (Unreachable(e))
        {
        }
    }

    // Redis's store writes from and reads into buffers without copying; pass that on.
    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken ct)
    {
        try
        {
            return store is IOutputCacheBufferStore buffers ? await buffers.TryGetAsync(key, destination, ct) : await CopyAsync(key, destination, ct);
        }
        catch (Exception e) when (Unreachable(e))
        {
            return false;
        }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken ct)
    {
        try
        {
            await (store is IOutputCacheBufferStore buffers
                ? buffers.SetAsync(key, value, tags, validFor, ct)
                : store.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, ct));
        }
        catch (Exception e) when (Unreachable(e))
        {
        }
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
