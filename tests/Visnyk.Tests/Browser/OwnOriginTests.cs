using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// Readers are not tracked: the article page loads nothing from anywhere but the site itself
// (no fonts, scripts, pixels or share widgets from outside).
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class OwnOriginTests(BrowserSite site)
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task Article_page_makes_requests_only_to_its_own_origin(string screen)
    {
        await using var context = await site.NewContextAsync(screen == "phone" ? BrowserSite.Phone : BrowserSite.Desktop);
        var requests = new List<string>();
        context.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.Pages["article"].Path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        // Everything a reader can bring in: the lazy pictures further down and every gallery photo.
        await page.EvaluateAsync("() => scrollTo(0, document.body.scrollHeight)");
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Наступне фото" });
        for (var i = 0; i < 4; i++)
        {
            await next.ClickAsync();
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        string[] seen;
        lock (requests) seen = [.. requests];
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains(seen, url => url.Contains("/media/", StringComparison.Ordinal)); // the pictures were loaded
        var foreign = seen.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, $"requests outside {origin}:\n{string.Join("\n", foreign)}");
    }
}
