using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// The newsroom's own site and browser: what its tests publish must not change the public pages
// the other browser tests look at.
public class NewsroomBrowserSite : BrowserSite
{
    protected override Task PrepareAsync() => Task.CompletedTask;
}

// Moving through newsroom pages with the keyboard, as a person without a mouse does.
public static class KeyboardOnly
{
    // Presses Tab until the element matching the selector has focus: proves it is reachable by keyboard.
    public static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        var count = await page.EvaluateAsync<int>("s => document.querySelectorAll(s).length", selector);
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? ''");
        Assert.Fail($"{selector} ({count} on the page) cannot be reached with Tab on {page.Url}; focus stays at {focused}");
    }

    // Presses a key that leads to another page (a form sent, a link followed) and waits for that page.
    public static async Task PressForNewPageAsync(IPage page, string key)
    {
        await page.EvaluateAsync("() => { window.visnykOldPage = true; }");
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => !window.visnykOldPage && document.readyState === 'complete'", null, new() { Timeout = 30_000 });
    }

    public static async Task TypeIntoAsync(IPage page, string selector, string text)
    {
        await TabToAsync(page, selector);
        await page.Keyboard.TypeAsync(text);
    }

    // A file input reached with the keyboard, and files chosen for it.
    public static async Task ChooseFilesAsync(IPage page, string selector, params string[] files)
    {
        await TabToAsync(page, selector);
        // The file dialog itself belongs to the operating system, not the page; opening it with
        // Space proved flaky under load in headless Chromium, so the files are handed to the
        // focused input directly.
        await page.Locator(selector).SetInputFilesAsync(files);
    }

    public static async Task PressButtonAsync(IPage page, string selector)
    {
        await TabToAsync(page, selector);
        await PressForNewPageAsync(page, "Enter");
    }

    public static async Task<IPage> SignInAsync(IBrowserContext context, Newsroom.Newsroom.Account account)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/signin");
        await TypeIntoAsync(page, "#Email", account.Email);
        await TypeIntoAsync(page, "#Password", Newsroom.Newsroom.Password);
        await PressForNewPageAsync(page, "Enter");
        Assert.Contains("/admin/signin/code", page.Url);
        await TypeIntoAsync(page, "#Code", Newsroom.Newsroom.Code(account.AuthenticatorKey!));
        await PressForNewPageAsync(page, "Enter");
        Assert.EndsWith("/admin/articles", page.Url);
        return page;
    }
}
