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
// script needed), reaches the department's page and, through its contents, the new page. Then the
// editor files an order with its signed PDF, the chief publishes it, and the resident finds it by
// its number and by a word form from inside the PDF.
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

        // The department's editor files an order with its signed PDF; its text is taken from the PDF.
        await editor.GotoAsync("/admin/articles");
        await TabToAsync(editor, "a[href='/admin/documents']");
        await PressForNewPageAsync(editor, "Enter");
        await TabToAsync(editor, "a[href='/admin/documents/edit']");
        await PressForNewPageAsync(editor, "Enter");
        await TypeIntoAsync(editor, "#Form_Title", "Про оздоровлення дітей улітку 2026 року");
        await editor.SelectOptionAsync("#doc-type", "Nakaz");
        await TypeIntoAsync(editor, "#Form_DocNumber", "214-од");
        await editor.FillAsync("#Form_SignedOn", "2025-11-25");
        await editor.SetInputFilesAsync("#doc-files", new FilePayload
        {
            Name = "nakaz-214.pdf", MimeType = "application/pdf",
            Buffer = Visnyk.Documents.DocumentPdf.Write("Наказ № 214-од", ["Організувати оздоровлення дітей пільгових категорій у таборах області.", "Відповідальні — керівники закладів освіти."]),
        });
        await TabToAsync(editor, "input[name='Form.Departments']");
        await editor.Keyboard.PressAsync("Space");
        await PressButtonAsync(editor, "button[formaction*='handler=Submit']");
        Assert.Contains("Надіслано на перевірку", await editor.InnerTextAsync("main"));
        var documentId = int.Parse(editor.Url.Split('/').Last());
        await chief.GotoAsync($"/admin/documents/edit/{documentId}");
        Assert.Contains("оздоровлення дітей", await chief.InnerTextAsync(".rich-text__content"));
        await PressButtonAsync(chief, "button[formaction*='handler=Publish']");
        Assert.Contains("Опубліковано", await chief.InnerTextAsync("main"));

        // The resident finds it by its number as written on paper, and by a word form from inside the PDF.
        await reader.GotoAsync("/documents");
        await TypeIntoAsync(reader, "#number", "наказ № 214-ОД від 25.11.2025");
        await PressButtonAsync(reader, ".documents-filters button[type=submit]");
        await TabToAsync(reader, $"[role=status] a[href^='/documents/{documentId}-']");
        await PressForNewPageAsync(reader, "Enter");
        Assert.Equal("Про оздоровлення дітей улітку 2026 року", await reader.InnerTextAsync("h1"));
        Assert.Equal("Наказ № 214-од від 25.11.2025", await reader.InnerTextAsync(".document__heading"));
        Assert.True(await reader.Locator(".document-files a[href$='.pdf']").IsVisibleAsync());
        await Visnyk.Tests.Search.SearchSite.CaughtUpAsync(browser.Site);
        // "таборі" is not in the PDF ("таборах" is).
        await reader.GotoAsync("/search?q=" + Uri.EscapeDataString("оздоровлення в таборі"));
        Assert.True(await reader.Locator($".search-documents a[href^='/documents/{documentId}-']").IsVisibleAsync());
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
