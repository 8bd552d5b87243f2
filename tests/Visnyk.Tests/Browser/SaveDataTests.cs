using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// A phone that asks to save data (Save-Data: on) fetches none of the article's gallery photos until
// the reader opens the gallery, even with the gallery on screen, with or without the site's script
// (PageBudgetTests checks the markup, and that other readers get the open gallery). It is the
// browser's lazy loading that keeps a closed disclosure's photos back, and browsers lazy-load only
// while scripting is on (HTML's "will lazy load" steps): with JavaScript switched off, Chromium
// fetches them at once.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class SaveDataTests(BrowserSite site)
{
    string Article => site.Pages["article"].Path;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Saving_data_the_gallery_photos_load_only_once_the_reader_opens_the_gallery(bool siteScript)
    {
        await using var context = await site.NewContextAsync(BrowserSite.Phone);
        if (!siteScript)
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

        // The gallery's photos, by their files' names (every size and format of a photo shares one).
        var gallery = page.Locator(".gallery");
        var keys = await gallery.Locator("img").EvaluateAllAsync<string[]>(
            "images => images.map(i => new URL(i.getAttribute('src'), location.href).pathname.replace(/-\\d+\\.\\w+$/, ''))");
        Assert.Equal(4, keys.Length);
        bool IsGallery(string path) => keys.Any(k => path.StartsWith(k, StringComparison.Ordinal));

        // On screen, closed: nothing of it is fetched.
        await gallery.ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(1000);
        Assert.False(await gallery.Locator(".gallery__list").IsVisibleAsync(), "the gallery shows before it is opened");
        lock (photos) Assert.DoesNotContain(photos, IsGallery);
        Assert.Contains(photos, p => !IsGallery(p)); // the lead photo did load: the check sees requests

        var summary = gallery.Locator("summary");
        Assert.Equal("Показати фото (4)", (await summary.InnerTextAsync()).Trim());
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Opened: the first photo is fetched and shown.
        var first = gallery.Locator("img").First;
        await first.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("i => i.complete && i.naturalWidth > 0", await first.ElementHandleAsync(), new() { Timeout = 10_000 });
        lock (photos) Assert.Contains(photos, p => p.StartsWith(keys[0], StringComparison.Ordinal));
    }
}
