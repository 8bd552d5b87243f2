using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Caching;

// A change in one site evicts that site's cached pages and none of another's: a hromada that
// edits its settings or publishes leaves the oblast's cached pages (and its memory) alone.
public class SiteEvictionTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string DefaultName = "Полтавська обласна військова адміністрація";

    // Rendered and cached: each is seen to come from the cache (Age) before the test goes on,
    // as the cache stores a page just after sending it.
    internal static async Task CachedAsync(HttpClient client, params string[] paths)
    {
        foreach (var path in paths)
        {
            await client.GetStringAsync(path);
            var hit = await Mail.EventuallyAsync(() => client.GetAsync(path), r => r.Headers.Age is not null, seconds: 10);
            Assert.True(hit.Headers.Age is not null, $"{client.BaseAddress}{path} is not served from the output cache");
        }
    }

    static async Task StillCachedAsync(HttpClient client, string mustShow, params string[] paths)
    {
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.Headers.Age is not null, $"{client.BaseAddress}{path} was evicted by another site's change");
            Assert.Contains(mustShow, await response.Content.ReadAsStringAsync());
        }
    }

    static async Task<string> FreshAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.Headers.Age is null, $"{client.BaseAddress}{path} still came from the cache after its site's change");
        return await response.Content.ReadAsStringAsync();
    }

    // On PostgreSQL the output cache is in Redis. A Redis that stalls past the client's timeout on
    // a loaded machine cuts the site off from it, and once it answers again every cached page of
    // every site is evicted (PeerEviction): a page missing from the cache then says nothing about
    // the change under test. Such a run, and only such a run, is tried again, with new sites.
    async Task WithoutRedisInterruptionAsync(Func<int, Task> scenario)
    {
        var redis = site.Services.GetService<PeerEviction>();
        for (var attempt = 0; ; attempt++)
        {
            var before = redis?.Interruptions;
            try
            {
                await scenario(attempt);
                return;
            }
            catch (Exception) when (attempt < 2 && redis is not null && redis.Interruptions != before)
            {
            }
        }
    }

    async Task<HttpClient> AdministratorOnAsync(OtherSite other) =>
        await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: other.Id), other.Client(site));

    [Fact]
    public Task Editing_a_sites_settings_evicts_its_own_pages_and_none_of_another_sites() => WithoutRedisInterruptionAsync(async attempt =>
    {
        var other = await OtherSite.CreateAsync(site, 2 + 10 * attempt, $"hromada{attempt}.test");
        var ours = site.Browserless();
        var theirs = other.Client(site);
        string[] paths = ["/", "/news", "/sitemap", "/feeds/news.rss"];
        await CachedAsync(ours, paths);
        await CachedAsync(theirs, paths);

        var admin = await AdministratorOnAsync(other);
        var saved = await admin.PostFormAsync("/admin/settings", "/admin/settings", ("Form.BodyName", "Громада з новою назвою"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await StillCachedAsync(ours, DefaultName, paths);
        foreach (var path in paths)
        {
            Assert.Contains("Громада з новою назвою", await FreshAsync(theirs, path));
        }
        // The other site's name in memory was not touched either: a page rendered now still has it.
        Assert.Contains(DefaultName, await ours.GetStringOrErrorAsync("/no-such-page"));
    });

    [Fact]
    public Task Publishing_in_a_site_evicts_its_own_lists_and_none_of_another_sites() => WithoutRedisInterruptionAsync(async attempt =>
    {
        var other = await OtherSite.CreateAsync(site, 3 + 10 * attempt, $"publikuie{attempt}.test");
        var ours = site.Browserless();
        var theirs = other.Client(site);
        string[] paths = ["/", "/news", "/feeds/news.rss"];
        await CachedAsync(ours, paths);
        await CachedAsync(theirs, paths);

        var admin = await AdministratorOnAsync(other);
        const string title = "Громада опублікувала новину про водогін";
        var published = await admin.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Publish",
            ("Form.Title", title), ("Form.Summary", "Анонс"), ("Form.Body", "<p>Текст.</p>"), ("Form.Departments", other.DepartmentId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        await StillCachedAsync(ours, DefaultName, paths);
        foreach (var path in paths)
        {
            Assert.Contains(title, await FreshAsync(theirs, path));
        }
        await using var scope = site.Scope(other.Id, out var db);
        Assert.Equal(1, await db.Articles.CountAsync(a => a.Title == title));
    });

    [Fact]
    public void Tags_name_their_site_and_are_read_back()
    {
        Assert.Equal("s12:article:5", CacheTags.OfSite(12, CacheTags.Article(5)));
        Assert.True(CacheTags.TryParse("s12:article:5", out var site12, out var name));
        Assert.Equal((12, "article:5"), (site12, name));
        Assert.True(CacheTags.TryParse("s1:site", out var site1, out var all));
        Assert.Equal((1, "site"), (site1, all));
        Assert.False(CacheTags.TryParse(CacheTags.All, out _, out _));
        Assert.False(CacheTags.TryParse("site", out _, out _));
        Assert.False(CacheTags.TryParse("sx:site", out _, out _));
    }
}

// With several instances: an eviction another instance says on the Redis channel drops the copies
// of the site it names (its chrome and latest news in memory, its pages), and nothing of another
// site's. PostgreSQL run only (the output cache is in Redis there).
public class PeerEvictionPerSiteTests
{
    [Fact]
    public async Task An_eviction_heard_from_another_instance_drops_only_that_sites_copies()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            return; // no Redis, no other instances on the embedded default
        }
        await using var site = new SiteFactory();
        var other = await OtherSite.CreateAsync(site, 2, "hromada.test");
        var ours = site.Browserless();
        var theirs = other.Client(site);
        foreach (var client in new[] { ours, theirs })
        {
            await client.GetStringAsync("/");
            Assert.NotNull((await Mail.EventuallyAsync(() => client.GetAsync("/"), r => r.Headers.Age is not null, seconds: 10)).Headers.Age);
            await client.GetStringOrErrorAsync("/no-such-page"); // the 404 page: chrome and latest news, never cached
        }

        // Another instance changed both sites: names and a new article each, behind this one's back.
        foreach (var id in new[] { Visnyk.Site.Site.Default, other.Id })
        {
            await using var scope = site.Scope(id, out var db);
            (await db.SiteSettings.SingleAsync()).BodyName = $"Перейменовано деінде {id}";
            db.Articles.Add(new Article
            {
                Title = $"Новина з іншого екземпляра {id}", Slug = "z-inshoho", Summary = "", Body = "<p>Текст.</p>",
                Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        // ...and says it evicted the other site's pages, as its SiteChrome.ChangedAsync does.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.Redis))
        {
            var channel = RedisChannel.Literal($"test-{Path.GetFileName(site.DataDirectory)}:evicted");
            Assert.True(await redis.GetSubscriber().PublishAsync(channel, $"another-instance {CacheTags.OfSite(other.Id, CacheTags.Site)}") > 0);
        }

        var fresh = await Mail.EventuallyAsync(() => theirs.GetStringAsync("/"), page => page.Contains($"Перейменовано деінде {other.Id}"), seconds: 10);
        Assert.Contains($"Перейменовано деінде {other.Id}", fresh);
        Assert.Contains($"Новина з іншого екземпляра {other.Id}", fresh);
        // This site: its page still cached, and its name and latest news in memory as they were.
        var home = await ours.GetAsync("/");
        Assert.NotNull(home.Headers.Age);
        var notFound = await ours.GetStringOrErrorAsync("/no-such-page");
        Assert.DoesNotContain("Перейменовано деінде", notFound);
        Assert.DoesNotContain("Новина з іншого екземпляра", notFound);
    }
}
