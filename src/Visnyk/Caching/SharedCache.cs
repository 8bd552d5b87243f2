using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Caching;

// The output cache. One instance: in memory. Several (Visnyk:Redis set): in Redis, where evicting
// a tag reaches every instance; and an instance that evicts also says so on a Redis channel, so
// the others drop the in-memory copies behind those pages (that site's latest news and chrome) and evict
// again what they may have rendered from an old copy in the moment between. Redis is only a
// cache: when it fails the site skips it for a while (RedisBreaker) and serves pages uncached
// rather than failing or waiting. Once it is back, every instance that was cut off forgets its
// in-memory copies and evicts everything: evictions made meanwhile, its own or told by others on
// the channel, were lost.
public static class SharedCache
{
    public static IServiceCollection AddVisnykOutputCache(this IServiceCollection services, SiteOptions site)
    {
        services.AddOutputCache(o => o.AddBasePolicy(p => p.AddPolicy<PublicPagePolicy>()));
        if (!site.UsesRedis)
        {
            return services;
        }
        var redis = ConnectionMultiplexer.Connect(ClientOptions(site.Redis!));
        services.AddSingleton<IConnectionMultiplexer>(redis);
        services.AddStackExchangeRedisOutputCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
            o.InstanceName = site.RedisInstance;
        });
        // The Redis store, wrapped so that every eviction is also told to the other instances.
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton(s => new PeerEviction(Create(s, store), redis, site.RedisInstance, new RedisBreaker(s.GetRequiredService<TimeProvider>(), site.RedisBackoff),
            s.GetRequiredService<TimeProvider>(), s.GetRequiredService<SiteCache>(), s.GetRequiredService<ILogger<PeerEviction>>()));
        services.AddSingleton<IOutputCacheStore>(s => s.GetRequiredService<PeerEviction>());
        services.AddHostedService(s => s.GetRequiredService<PeerEviction>());
        return services;
    }

    // StackExchange.Redis waits 5 s for an answer by default, and queues commands while it
    // reconnects: a page would wait that long for a cache. Timeouts named in Visnyk:Redis win.
    public static ConfigurationOptions ClientOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        bool Names(string setting) => configuration.Contains(setting + "=", StringComparison.OrdinalIgnoreCase);
        options.AbortOnConnectFail = false; // start, and keep reconnecting, while Redis is away
        options.ClientName ??= "visnyk";
        if (!Names("connectTimeout"))
        {
            options.ConnectTimeout = 1000;
        }
        if (!Names("syncTimeout"))
        {
            options.SyncTimeout = 500;
        }
        if (!Names("asyncTimeout"))
        {
            options.AsyncTimeout = 500;
        }
        options.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected, fail at once
        return options;
    }

    static IOutputCacheStore Create(IServiceProvider services, ServiceDescriptor store) =>
        (IOutputCacheStore)(store.ImplementationInstance
            ?? store.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, store.ImplementationType!));
}
