using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// A phone that asks to save data (Save-Data: on) fetches none of the article's gallery photos until
// the reader opens the gallery, even with the gallery on screen (PageBudgetTests checks the markup,
// and that other readers get the open gallery). With the site's script the photos are in the closed
// disclosure, lazy, and the browser keeps them back. Browsers lazy-load only while scripting is on
// (HTML's "will lazy load" steps), so the page itself holds links to the photos and an inert
// template of them: with JavaScript switched off (or the script not loaded) the reader gets the
// links, and nothing of the gallery is fetched unless one is followed.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class SaveDataTests(BrowserSite site)
{
    string Article => site.Pages["article"].Path;

    public enum Script { Site, NotLoaded, Off }

    [Theory]
    [InlineData(Script.Site)]
    [InlineData(Script.NotLoaded)]
    [InlineData(Script.Off)]
    public async Task Saving_data_the_gallery_photos_load_only_once_the_reader_asks_for_them(Script script)
    {
        await using var context = await site.NewContextAsync(BrowserSite.Phone, javaScript: script != Script.Off);
        if (script == Script.NotLoaded)
        {
            await context.RouteAsync("**/js/site.*", route => route.AbortAsync());
        }
        await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Save-Data"] = "on" });
        var page = await context.NewPageAsync();
        var photos = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/media/", StringComparison.Ordinal)) lock (photos) photos.Add(new Uri(request.Url).AbsolutePath);
        };
        await page.GotoAsync(Article, new() { WaitUntil = WaitUntilState.NetworkIdle });

        // The gallery's photos, by their files' names (every size and format of a photo shares one):
        // the photos' own with the script, the links' without.
        var gallery = page.Locator(".gallery");
        var withScript = script == Script.Site;
        var keys = await gallery.Locator(withScript ? "img" : ".gallery__links a").EvaluateAllAsync<string[]>(
            $"found => found.map(e => new URL(e.getAttribute('{(withScript ? "src" : "href")}'), location.href).pathname.replace(/-\\d+\\.\\w+$/, ''))");
        Assert.Equal(4, keys.Length);
        Assert.Equal(withScript ? 0 : 4, await gallery.Locator(".gallery__links a").CountAsync());
        Assert.Equal(withScript ? 4 : 0, await gallery.Locator("img").CountAsync()); // without the script, no photo in the page at all
        bool IsGallery(string path) => keys.Any(k => path.StartsWith(k, StringComparison.Ordinal));

        // On screen, closed: nothing of it is fetched.
        await gallery.ScrollIntoViewIfNeededAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (withScript)
        {
            await page.WaitForTimeoutAsync(1000); // lazy images in view are asked for after layout, not at once
        }
        Assert.False(await gallery.Locator(withScript ? ".gallery__list" : ".gallery__links").IsVisibleAsync(), "the gallery shows before it is opened");
        lock (photos) Assert.DoesNotContain(photos, IsGallery);
        Assert.Contains(photos, p => !IsGallery(p)); // the lead photo did load: the check sees requests

        var summary = gallery.Locator("summary");
        Assert.Equal("Показати фото (4)", (await summary.InnerTextAsync()).Trim());
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        if (withScript)
        {
            // Opened: the first photo is fetched and shown.
            var first = gallery.Locator("img").First;
            await first.ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync("i => i.complete && i.naturalWidth > 0", await first.ElementHandleAsync(), new() { Timeout = 10_000 });
            lock (photos) Assert.Contains(photos, p => p.StartsWith(keys[0], StringComparison.Ordinal));
            return;
        }
        // Opened: the links, each named by its photo, still nothing fetched; the first opens its photo.
        var link = gallery.Locator(".gallery__links a").First;
        Assert.True(await link.IsVisibleAsync());
        Assert.StartsWith("Фото 1 з 4", (await link.InnerTextAsync()).Trim());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        lock (photos) Assert.DoesNotContain(photos, IsGallery);
        var opened = await page.GotoAsync(await link.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, opened!.Status);
        Assert.Equal("image/jpeg", opened.Headers["content-type"]);
    }
}
