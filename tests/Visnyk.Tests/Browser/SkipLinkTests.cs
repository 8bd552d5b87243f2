namespace Visnyk.Tests.Browser;

// "Перейти до основного вмісту": the first Tab stop, seen when focused, and it lands in <main>.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class SkipLinkTests(BrowserSite site)
{
    [Theory]
    [InlineData("home")]
    [InlineData("article")]
    public async Task Skip_link_is_the_first_tab_stop_shows_when_focused_and_moves_focus_to_main(string name)
    {
        await using var context = await site.NewContextAsync(BrowserSite.Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Pages[name].Path);
        var link = page.Locator("a.skip-link");
        Assert.False(await OnScreenAsync(), "the skip link is on screen before it has the focus");

        await page.Keyboard.PressAsync("Tab");

        Assert.True(await link.EvaluateAsync<bool>("a => a === document.activeElement"), "the first Tab stop is not the skip link");
        Assert.Equal("#main", await link.GetAttributeAsync("href"));
        Assert.True(await OnScreenAsync(), "the focused skip link is not on screen");

        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("main", await page.EvaluateAsync<string?>("() => document.activeElement?.tagName.toLowerCase()"));
        Assert.Equal("main", await page.EvaluateAsync<string?>("() => document.activeElement?.id"));

        // Inside the viewport, not clipped to a pixel, not transparent.
        Task<bool> OnScreenAsync() => link.EvaluateAsync<bool>("""
            a => { const r = a.getBoundingClientRect(); const s = getComputedStyle(a);
                   return r.width > 10 && r.height > 10 && r.bottom > 0 && r.top < innerHeight
                       && r.right > 0 && r.left < innerWidth && s.visibility !== 'hidden' && s.opacity !== '0'; }
            """);
    }
}
