using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// The README's pictures of the article page, made by tools/screenshots.sh and not by the suite: a
// run of the suite must not rewrite tracked files, and a picture has nothing to compare against.
// The script names the folder in VISNYK_SCREENSHOTS; without it these are skipped, saying why.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Screenshots")]
public class ScreenshotTests(BrowserSite site)
{
    const string Folder = "VISNYK_SCREENSHOTS";

    sealed class ScreenshotAttribute : TheoryAttribute
    {
        public ScreenshotAttribute()
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Folder)))
            {
                Skip = "README pictures: run tools/screenshots.sh";
            }
        }
    }

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Screenshot]
    [InlineData("desktop", "screenshot-article.png")]
    [InlineData("phone", "screenshot-article-phone.png")]
    public async Task Article_page_screenshot_is_saved_for_the_readme(string screen, string file)
    {
        await using var context = await site.NewContextAsync(screen == "phone" ? BrowserSite.Phone : BrowserSite.Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Pages["article"].Path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await LoadLazyImagesAsync(page);

        var png = await page.ScreenshotAsync(new() { FullPage = true, Animations = ScreenshotAnimations.Disabled });

        // A blank or failed capture is not written over the README's picture.
        Assert.True(png.Length > 20_000, $"the {screen} screenshot is only {png.Length} bytes");
        Assert.Equal(PngSignature, png[..8]);
        var folder = Environment.GetEnvironmentVariable(Folder)!;
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, file), png);
    }

    // Lazy pictures load only near the viewport: scroll down the page, back to the top, and wait
    // for every picture on show (the slider's hidden photos never load, and need not).
    static async Task LoadLazyImagesAsync(IPage page)
    {
        var broken = await page.EvaluateAsync<string[]>("""
            async () => {
              for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
                scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));
              }
              scrollTo(0, 0);
              const shown = [...document.images].filter(i => i.checkVisibility());
              const loaded = Promise.all(shown.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
              await Promise.race([loaded, new Promise(r => setTimeout(r, 10000))]);
              return shown.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.currentSrc || i.src);
            }
            """);
        Assert.True(broken.Length == 0, $"pictures not shown: {string.Join(", ", broken)}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
