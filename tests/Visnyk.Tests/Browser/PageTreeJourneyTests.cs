using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Visnyk.Tests.Browser.KeyboardOnly;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Browser;

// The site's pages in headless Chromium, with the keyboard alone: a chief editor builds a section
// in the main menu with a department's page in it; that department's editor writes a page under it
// and submits it; the chief publishes it; a resident opens the menu's section (a <details>, no
// script needed), reaches the department's page and, through its contents, the new page.
[Trait("Category", "Browser")]
public class PageTreeJourneyTests(NewsroomBrowserSite browser) : IClassFixture<NewsroomBrowserSite>
{
    const string Education = "departament-osvity-i-nauky";

    [Fact]
    public async Task Chief_builds_the_menu_editor_writes_a_page_resident_finds_it_by_keyboard()
    {
        var chiefAccount = await browser.Site.CreateAsync(Roles.ChiefEditor);
        var editorAccount = await browser.Site.CreateAsync(Roles.Editor, [Education]);
        await using var chiefContext = await browser.NewContextAsync(BrowserSite.Desktop);
        var chief = await SignInAsync(chiefContext, chiefAccount);

        // The section: a new page at the top level, in the main menu.
        await TabToAsync(chief, "a[href='/admin/pages']");
        await PressForNewPageAsync(chief, "Enter");
        await TabToAsync(chief, "a[href='/admin/pages/edit']");
        await PressForNewPageAsync(chief, "Enter");
        await TypeIntoAsync(chief, "#Form_Title", "Послуги громадянам");
        await TypeIntoAsync(chief, "#Form_Slug", "posluhy-hromadianam");
        await TabToAsync(chief, "#Form_InMenu");
        await chief.Keyboard.PressAsync("Space");
        await PressButtonAsync(chief, "button[formaction*='handler=Publish']");
        Assert.Contains("Опубліковано", await chief.InnerTextAsync("main"));

        // The department's page in it, from the tree's "add a page here" link.
        await chief.GotoAsync("/admin/pages");
        var section = await PageIdAsync("Послуги громадянам");
        await TabToAsync(chief, $"a[href='/admin/pages/edit?parent={section}']");
        await PressForNewPageAsync(chief, "Enter");
        await TypeIntoAsync(chief, "#Form_Title", "Освітні послуги");
        await TabToAsync(chief, "#Form_InMenu");
        await chief.Keyboard.PressAsync("Space");
        await TabToAsync(chief, $"input[name='Form.Departments'][value='{await DepartmentIdAsync()}']");
        await chief.Keyboard.PressAsync("Space");
        await PressButtonAsync(chief, "button[formaction*='handler=Publish']");
        Assert.Contains("Опубліковано", await chief.InnerTextAsync("main"));
        var departmentPage = await PageIdAsync("Освітні послуги");

        // The department's editor: a page under their department's, sent for review.
        await using var editorContext = await browser.NewContextAsync(BrowserSite.Desktop);
        var editor = await SignInAsync(editorContext, editorAccount);
        await editor.GotoAsync("/admin/pages");
        await TabToAsync(editor, $"a[href='/admin/pages/edit?parent={departmentPage}']");
        await PressForNewPageAsync(editor, "Enter");
        Assert.Equal(departmentPage.ToString(), await editor.Locator("#Form_ParentId").InputValueAsync());
        await TypeIntoAsync(editor, "#Form_Title", "Гуртки та секції");
        await TypeIntoAsync(editor, ".rich-text__content", "Позашкільні гуртки області приймають дітей безоплатно.");
        await TabToAsync(editor, "input[name='Form.Departments']");
        await editor.Keyboard.PressAsync("Space");
        await PressButtonAsync(editor, "button[formaction*='handler=Submit']");
        Assert.Contains("Надіслано на перевірку", await editor.InnerTextAsync("main"));
        var id = int.Parse(editor.Url.Split('/').Last());
        Assert.EndsWith($"/admin/pages/edit/{id}", editor.Url);

        await chief.GotoAsync($"/admin/pages/edit/{id}");
        await PressButtonAsync(chief, "button[formaction*='handler=Publish']");
        Assert.Contains("Опубліковано", await chief.InnerTextAsync("main"));

        // The resident: the menu's section opens with Enter, its page is a Tab away.
        await using var readerContext = await browser.NewContextAsync(BrowserSite.Desktop);
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync("/");
        var summary = ".site-nav details:has(a[href='/posluhy-hromadianam']) > summary";
        await TabToAsync(reader, summary);
        Assert.Equal("Послуги громадянам", await reader.Locator(summary).InnerTextAsync());
        // Closed, its pages are out of the Tab order; Enter opens it.
        Assert.Equal("false", await reader.Locator(summary).EvaluateAsync<string>("s => String(s.parentElement.open)"));
        await reader.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await reader.Locator(summary).EvaluateAsync<string>("s => String(s.parentElement.open)"));
        await TabToAsync(reader, ".site-nav a[href='/posluhy-hromadianam/osvitni-posluhy']");
        await PressForNewPageAsync(reader, "Enter");
        Assert.Equal("Освітні послуги", await reader.InnerTextAsync("h1"));
        Assert.Equal(["Головна", "Послуги громадянам"], await reader.Locator(".breadcrumbs a").AllInnerTextsAsync());
        await TabToAsync(reader, ".page__sections a[href='/posluhy-hromadianam/osvitni-posluhy/hurtky-ta-sektsii']");
        await PressForNewPageAsync(reader, "Enter");
        Assert.Equal("Гуртки та секції", await reader.InnerTextAsync("h1"));
        Assert.Contains("Позашкільні гуртки", await reader.InnerTextAsync("main"));
    }

    async Task<int> PageIdAsync(string title)
    {
        await using var scope = browser.Site.Scope(out var db);
        return await db.SitePages.Where(p => p.Title == title).Select(p => p.Id).SingleAsync();
    }

    async Task<int> DepartmentIdAsync()
    {
        await using var scope = browser.Site.Scope(out var db);
        return await db.Departments.Where(d => d.Slug == Education).Select(d => d.Id).SingleAsync();
    }
}
