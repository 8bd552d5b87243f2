using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Caching;
using Visnyk.Site;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Hromadas;

// "Новини громад" on the oblast's site: the news of the hromadas under it that chose to share,
// linking to each hromada's own page (its canonical address stays there); nothing of a hromada
// that does not share, nor of another oblast's; the cached list changes when a sharing hromada
// publishes or stops sharing, and only then.
public class HromadaNewsTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_oblast_shows_the_news_its_hromadas_share_with_links_to_their_own_sites()
    {
        var sharing = await OtherSite.CreateAsync(site, 60, "sharing-hromada.test");
        var private_ = await OtherSite.CreateAsync(site, 61, "private-hromada.test");
        var foreign = await OtherSite.CreateAsync(site, 62, "foreign-hromada.test");
        await using (site.Scope(out var db))
        {
            await db.Sites.Where(s => s.Id == sharing.Id || s.Id == private_.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ParentId, Visnyk.Site.Site.Default));
        }
        foreach (var shares in new[] { sharing, foreign })
        {
            await using var scope = site.Scope(shares.Id, out var db);
            (await db.SiteSettings.SingleAsync()).ShareWithParent = true;
            await db.SaveChangesAsync();
        }
        // As site creation does: the oblast's header gains the link.
        SiteChrome.Forget(site.Services.GetRequiredService<SiteCache>(), Visnyk.Site.Site.Default);
        await site.Services.GetRequiredService<IOutputCacheStore>().EvictAsync(Visnyk.Site.Site.Default, CacheTags.Site, default);
        int articleId;
        await using (site.Scope(sharing.Id, out var db))
        {
            articleId = await db.Articles.Select(a => a.Id).SingleAsync();
        }
        var oblast = site.Browserless();
        // The installation has no Visnyk:PublicUrl here: other sites' addresses are https.
        var url = $"https://{sharing.Host}/news/{articleId}-novyna-hromady";

        Assert.Contains("href=\"/hromady\"", await oblast.GetStringAsync("/"));
        var page = await Html.ParseAsync(await oblast.GetStringAsync("/hromady"));
        var links = page.QuerySelectorAll("a.news-item__title").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([(sharing.ArticleTitle, url)], links);
        Assert.Contains(sharing.Name, page.QuerySelector(".news-item__source")!.TextContent);
        Assert.DoesNotContain(private_.ArticleTitle, page.Body!.TextContent);
        Assert.DoesNotContain(foreign.ArticleTitle, page.Body!.TextContent);

        // The feed: the same items, linking out; the canonical stays on the hromada's own page.
        var feed = XDocument.Parse(await oblast.GetStringAsync("/feeds/hromady.rss"));
        Assert.Equal([url], feed.Descendants("item").Select(i => (string)i.Element("link")!).ToList());
        var secure = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{sharing.Host}") });
        var theirs = await Html.ParseAsync(await secure.GetStringAsync($"/news/{articleId}-novyna-hromady"));
        Assert.Equal(url, theirs.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        // A site with nothing under it has no such page, and its header no such link.
        Assert.Equal(HttpStatusCode.NotFound, (await sharing.Client(site).GetAsync("/hromady")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sharing.Client(site).GetAsync("/feeds/hromady.rss")).StatusCode);
        Assert.DoesNotContain("href=\"/hromady\"", await sharing.Client(site).GetStringAsync("/"));

        // Cached; a publication of the sharing hromada evicts it, one of the private one does not.
        var cached = await Mail.EventuallyAsync(() => oblast.GetAsync("/hromady"), r => r.Headers.Age is not null, seconds: 10);
        Assert.True(cached.Headers.Age is not null, "/hromady is not served from the output cache");
        await site.PublishAsync("Приватна новина громади, що не ділиться", siteId: private_.Id);
        Assert.NotNull((await oblast.GetAsync("/hromady")).Headers.Age);
        var published = await site.PublishAsync("Громада, що ділиться, відкрила новий ЦНАП", siteId: sharing.Id);
        var fresh = await oblast.GetAsync("/hromady");
        Assert.Null(fresh.Headers.Age);
        Assert.Contains(published.Title, await fresh.Content.ReadAsStringAsync());

        // The hromada stops sharing (its administrator, on its own settings page): gone at once.
        await Mail.EventuallyAsync(() => oblast.GetAsync("/hromady"), r => r.Headers.Age is not null, seconds: 10);
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: sharing.Id), sharing.Client(site));
        Assert.Contains("Form.ShareWithParent", await admin.GetStringAsync("/admin/settings"));
        var saved = await admin.PostFormAsync("/admin/settings", "/admin/settings", ("Form.BodyName", sharing.Name));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await oblast.GetAsync("/hromady");
        Assert.Null(after.Headers.Age);
        var text = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain(published.Title, text);
        Assert.Contains(Text.HromadaNewsNone, text);
    }
}
