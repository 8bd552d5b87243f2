using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// The article's photo gallery: a plain list without JavaScript, a slider usable by keyboard with it.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class GalleryTests(BrowserSite site)
{
    const int Photos = 4; // the reference article's gallery in the demo content

    string Article => site.Pages["article"].Path;

    [Fact]
    public async Task Without_JavaScript_every_photo_is_shown_as_a_list_and_the_controls_are_hidden()
    {
        await using var context = await site.NewContextAsync(BrowserSite.Desktop, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Article);

        var items = page.Locator(".gallery ul.gallery__list > li.gallery__item");
        Assert.Equal(Photos, await items.CountAsync());
        for (var i = 0; i < Photos; i++)
        {
            Assert.True(await items.Nth(i).IsVisibleAsync(), $"photo {i + 1} is hidden without JavaScript");
        }
        Assert.False(await page.Locator(".gallery__controls").IsVisibleAsync(), "the slider controls show without JavaScript");
    }

    [Fact]
    public async Task With_JavaScript_the_keyboard_moves_through_the_photos_one_at_a_time()
    {
        await using var context = await site.NewContextAsync(BrowserSite.Desktop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Article);
        var status = page.Locator(".gallery__status");
        Assert.Equal("Фото 1 з 4", await status.TextContentAsync());
        await AssertOneVisibleAsync(page, 1);

        // Tab from the top of the page until the "next photo" button has the focus.
        var reached = false;
        for (var presses = 0; presses < 200 && !reached; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('aria-label')") == "Наступне фото";
        }
        Assert.True(reached, "Tab never reached the «Наступне фото» button");
        await AssertFocusIsVisibleAsync(page);

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Фото 2 з 4", await status.TextContentAsync());
        await AssertOneVisibleAsync(page, 2);

        await page.Keyboard.PressAsync(" ");
        Assert.Equal("Фото 3 з 4", await status.TextContentAsync());
        await AssertOneVisibleAsync(page, 3);

        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal("Фото 2 з 4", await status.TextContentAsync());
        await AssertOneVisibleAsync(page, 2);

        // Alt+← stays the browser's "back".
        await page.Keyboard.PressAsync("Alt+ArrowLeft");
        Assert.Equal("Фото 2 з 4", await status.TextContentAsync());

        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("Фото 1 з 4", await status.TextContentAsync()); // past the last photo comes the first
        await AssertOneVisibleAsync(page, 1);

        // The buttons keep the focus while they work, so a keyboard user does not lose their place.
        Assert.Equal("Наступне фото", await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('aria-label')"));
        await AssertFocusIsVisibleAsync(page);
    }

    static async Task AssertOneVisibleAsync(IPage page, int number)
    {
        var items = page.Locator(".gallery__item");
        var visible = new List<int>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            if (await items.Nth(i).IsVisibleAsync()) visible.Add(i + 1);
        }
        Assert.Equal([number], visible);
    }

    // WCAG 2.4.7: a focused control shows it, by an outline or a ring drawn with box-shadow.
    static async Task AssertFocusIsVisibleAsync(IPage page)
    {
        var style = await page.EvaluateAsync<string[]>("""
            () => { const s = getComputedStyle(document.activeElement);
                    return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }
            """);
        var outline = style[0] != "none" && style[1] != "0px";
        var ring = style[2] != "none";
        Assert.True(outline || ring, $"the focused button shows no focus: outline-style {style[0]}, outline-width {style[1]}, box-shadow {style[2]}");
    }
}
