using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Articles;
using Visnyk.Site;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Site;

// What is kept per site in memory comes with the site's first request and goes when the site is
// idle: 1,500 sites read once leave nothing behind once they have been idle a while, while a
// site still being read keeps its copies. (The per-site memory budget itself is bench/'s figure.)
public class SiteCacheTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const int Sites = 1_500;
    const int FirstSite = 10_000; // ids no site has: settings, departments and news all empty

    [Fact]
    public async Task Chrome_and_latest_news_of_1500_sites_read_once_are_dropped_when_idle()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = new SiteCache(clock);
        var scopes = site.Services.GetRequiredService<IServiceScopeFactory>();
        SiteChrome Chrome(int id) => new(cache, new CurrentSite { Id = id }, scopes, clock);
        LatestNews Latest(int id) => new(cache, new CurrentSite { Id = id }, scopes, clock);

        // Nothing before a site's first request, not even for an invalidation.
        Chrome(FirstSite).Invalidate();
        Latest(FirstSite).Invalidate();
        Assert.Equal(0, cache.Count);

        for (var id = FirstSite; id < FirstSite + Sites; id++)
        {
            await Chrome(id).GetAsync();
            await Latest(id).GetAsync(5, default);
        }
        Assert.Equal(2 * Sites, cache.Count);

        // One site is still read now and then; the rest are idle.
        var busy = FirstSite + 7;
        for (var waited = TimeSpan.Zero; waited <= SiteCache.Idle; waited += TimeSpan.FromMinutes(2))
        {
            clock.Advance(TimeSpan.FromMinutes(2));
            await Chrome(busy).GetAsync();
            await Latest(busy).GetAsync(5, default);
        }
        var left = await Mail.EventuallyAsync(() => Task.FromResult(cache.Count), count => count == 2, seconds: 10);
        Assert.Equal(2, left);
        Assert.True(cache.TryGet<SiteChrome.Snapshot>(busy, out _));

        // Then nobody reads anything at all: the last site goes too, with no request to notice.
        clock.Advance(SiteCache.Idle + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Mail.EventuallyAsync(() => Task.FromResult(cache.Count), count => count == 0, seconds: 10));
    }
}
