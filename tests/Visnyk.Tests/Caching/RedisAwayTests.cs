using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Caching;
using StackExchange.Redis;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Caching;

// The output cache configured in Redis, with Redis away when the site starts: pages are served
// all the while (uncached; /readyz says degraded, not down), and cached in Redis once it is back.
public class RedisAwayTests : IAsyncLifetime
{
    readonly RedisAwaySite site = new();
    Process? redis;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (redis is { HasExited: false })
        {
            redis.Kill();
            await redis.WaitForExitAsync();
        }
        await site.DisposeAsync();
    }

    [Fact]
    public async Task Without_Redis_pages_are_served_uncached_and_cached_in_redis_once_it_is_back()
    {
        var client = site.Browserless();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/news")).StatusCode);
        }
        Assert.Equal("Degraded", await CacheStateAsync(client));
        Assert.True(site.Services.GetRequiredService<PeerEviction>().Interruptions > 0); // what SiteEvictionTests looks at

        redis = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", site.Port.ToString(), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        await Mail.EventuallyAsync(() => CacheStateAsync(client), state => state == "Healthy", seconds: 60);
        await using var direct = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{site.Port}");
        var keys = await Mail.EventuallyAsync(async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/news")).StatusCode);
            return await direct.GetServer($"127.0.0.1:{site.Port}").KeysAsync(pattern: site.Prefix + "*").CountAsync(); // async: a blocking SCAN starved the loaded CI's thread pool (5 s timeout)
        }, count => count > 0, seconds: 30);
        Assert.True(keys > 0);
    }

    static async Task<string?> CacheStateAsync(HttpClient client)
    {
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // degraded still serves
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("cache").GetProperty("status").GetString();
    }

    public class RedisAwaySite : SiteFactory
    {
        public int Port { get; } = Smtp4dev.FreePort();
        public string Prefix { get; } = $"away-{Guid.NewGuid():N}:";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Visnyk:Redis", $"127.0.0.1:{Port},connectTimeout=500,syncTimeout=1000,asyncTimeout=1000");
            builder.UseSetting("Visnyk:RedisInstance", Prefix);
        }
    }
}
