using System.Text.Json;
using Microsoft.Playwright;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Browser;

// Reading without a connection, in headless Chromium: a reader visits the site once; offline, the
// home page, the article they read and one of the latest they never opened still show, and any
// other address shows the offline page listing what is kept and since when; the newsroom is never
// answered from the device. Back online, a new article shows at once.
[Trait("Category", "Browser")]
public class OfflineReadingTests(NewsroomBrowserSite site) : IClassFixture<NewsroomBrowserSite>
{
    const string Kept = """
        async () => {
          const pages = await caches.open('visnyk-pages-v1');
          return !!(await pages.match('/__visnyk/offline-index')) && !!navigator.serviceWorker.controller;
        }
        """;

    [Fact]
    public async Task Read_once_online_the_news_stays_readable_offline_and_the_newsroom_never_comes_from_the_device()
    {
        var manifest = JsonDocument.Parse(await site.Site.CreateClient().GetStringAsync("/manifest.webmanifest")).RootElement;
        Assert.Equal(("/", "standalone", "uk"), (manifest.GetProperty("start_url").GetString(), manifest.GetProperty("display").GetString(), manifest.GetProperty("lang").GetString()));
        using var news = JsonDocument.Parse(await site.Site.CreateClient().GetStringAsync("/api/v1/news?pageSize=30"));
        var latest = news.RootElement.GetProperty("items").EnumerateArray().Select(i => (Path: new Uri(i.GetProperty("url").GetString()!).AbsolutePath, Title: i.GetProperty("title").GetString()!)).ToList();
        var (read, neverOpened) = (latest[0], latest[^1]);

        await using var context = await site.NewContextAsync(BrowserSite.Phone, offline: true);
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/");
        // Kept once the service worker controls the page and has fetched the latest news.
        Assert.True(await Mail.EventuallyAsync(() => tab.EvaluateAsync<bool>(Kept), kept => kept, seconds: 60), "the service worker kept nothing in a minute");
        await tab.GotoAsync(read.Path);

        // The network gone: every request of the page and of its service worker fails, as in a blackout.
        await context.RouteAsync("**/*", route => route.AbortAsync("internetdisconnected"));
        // Offline, whatever shows comes from what the service worker kept.
        await tab.GotoAsync("/");
        Assert.Contains(read.Title, await tab.Locator("main").InnerTextAsync());
        foreach (var (path, title) in new[] { read, neverOpened })
        {
            await tab.GotoAsync(path);
            Assert.Equal(title, (await tab.Locator("h1").InnerTextAsync()).Trim());
        }
        // An address never kept: the offline page, with the kept news and their time.
        await tab.GotoAsync("/departments");
        Assert.Equal("Немає з’єднання з мережею", (await tab.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await tab.Locator($".offline-list a[href='{neverOpened.Path}']").IsVisibleAsync(), "the offline page does not list a kept article");
        Assert.Equal(latest.Count + 2, await tab.Locator(".offline-list a").CountAsync());
        Assert.Matches(@"^Новини станом на \d{1,2} \S+ \d{4}", (await tab.Locator(".offline-time").InnerTextAsync()).Trim());
        // Nothing of the newsroom or the API is kept, and the newsroom is never answered from the device.
        var keys = await tab.EvaluateAsync<string[]>("async () => (await (await caches.open('visnyk-pages-v1')).keys()).map(r => new URL(r.url).pathname)");
        Assert.DoesNotContain(keys, k => k.StartsWith("/admin", StringComparison.Ordinal) || k.StartsWith("/api", StringComparison.Ordinal));
        await Assert.ThrowsAsync<PlaywrightException>(() => tab.GotoAsync("/admin"));

        // Online again: a new article shows at once.
        await context.UnrouteAllAsync();
        var fresh = await site.Site.PublishAsync("Нова новина після відновлення зв’язку");
        var shown = await Mail.EventuallyAsync(async () => { await tab.GotoAsync("/news"); return await tab.Locator("main").InnerTextAsync(); }, text => text.Contains(fresh.Title), seconds: 20);
        Assert.Contains(fresh.Title, shown);
    }
}
