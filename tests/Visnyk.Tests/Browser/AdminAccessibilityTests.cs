using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Visnyk.Accounts;
using Visnyk.People;
using Visnyk.Documents;
using Visnyk.Tests.Newsroom;
using static Microsoft.Playwright.Assertions;
using static Visnyk.Tests.Browser.KeyboardOnly;

namespace Visnyk.Tests.Browser;

// axe-core on every back-office page, as an administrator (who sees all of them): the newsroom is
// a workplace, and editors use screen readers too.
[Trait("Category", "Browser")]
public class AdminAccessibilityTests(NewsroomBrowserSite browser) : IClassFixture<NewsroomBrowserSite>
{
    static async Task CheckAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response!.Ok, $"{path}: {response.Status}");
        await page.AddScriptTagAsync(new() { Path = TestTools.NodeModule("axe-core", "axe.min.js") });
        var violations = (await page.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe)).EnumerateArray().ToList();
        Assert.True(violations.Count == 0, AccessibilityTests.Describe(path, violations));
    }

    [Fact]
    public async Task Every_newsroom_page_has_no_accessibility_violations()
    {
        int articleId, imageId, departmentId, pageId, personId, documentId, translationId;
        await using (var scope = browser.Site.Scope(out var db))
        {
            articleId = (await db.Articles.OrderBy(a => a.Id).FirstAsync()).Id;
            imageId = (await db.Images.OrderBy(i => i.Id).FirstAsync()).Id;
            departmentId = (await db.Departments.OrderBy(d => d.Id).FirstAsync()).Id;
            // A page of the demo tree that has a department (the editor shows its place and departments).
            pageId = (await db.SitePages.OrderBy(p => p.Id).FirstAsync(p => p.Departments.Any())).Id;
            personId = (await db.People.OrderBy(p => p.Id).FirstAsync()).Id;
            documentId = (await db.Documents.OrderBy(d => d.Id).FirstAsync()).Id;
            // The demo's English version of the reference article (its editor shows the original beside the form).
            translationId = (await db.Articles.OrderBy(a => a.Id).FirstAsync(a => a.OriginalId != null)).Id;
            // A new report and a handled one, so the reports page shows both kinds.
            db.ProblemReports.AddRange(
                new Visnyk.Feedback.ProblemReport { Kind = Visnyk.Feedback.ProblemKind.Inaccessible, Page = "/news", Text = "Кнопка пошуку не має назви для екранного читача.", Email = "resident@example.org", ReceivedAt = DateTime.UtcNow },
                new Visnyk.Feedback.ProblemReport { Kind = Visnyk.Feedback.ProblemKind.Mistake, Text = "Помилка в номері телефону приймальні.", ReceivedAt = DateTime.UtcNow, HandledAt = DateTime.UtcNow, HandledBy = "admin@example.gov.ua" });
            await db.SaveChangesAsync();
        }
        // The sign-in pages, before signing in.
        await using (var anonymous = await browser.NewContextAsync(BrowserSite.Desktop, forTools: true))
        {
            var page = await anonymous.NewPageAsync();
            await CheckAsync(page, "/admin/signin");
        }

        var admin = await browser.Site.CreateAsync(Roles.Administrator);
        await using var context = await browser.NewContextAsync(BrowserSite.Desktop, forTools: true);
        var signedIn = await SignInAsync(context, admin);
        // One save, so the history has two versions to compare.
        await signedIn.GotoAsync($"/admin/articles/edit/{articleId}");
        await PressButtonAsync(signedIn, "button[formaction*='handler=Save']");

        foreach (var path in new[]
        {
            "/admin/articles", "/admin/articles?status=Published", "/admin/articles/edit", $"/admin/articles/edit/{articleId}",
            $"/admin/articles/history/{articleId}", "/admin/media", $"/admin/media/edit/{imageId}", "/admin/users",
            "/admin/audit", "/admin/account/two-factor", "/admin/departments", "/admin/departments/edit",
            $"/admin/departments/edit/{departmentId}", "/admin/tags", "/admin/settings", "/admin/settings/accessibility", $"/admin/users/edit/{admin.Id}",
            "/admin/account/passkeys", "/admin/mail", "/admin/feedback", "/admin/feedback?show=all",
            "/admin/pages", "/admin/pages/edit", $"/admin/pages/edit/{pageId}", "/admin/people", "/admin/people/edit", $"/admin/people/edit/{personId}",
            "/admin/documents", "/admin/documents/edit", $"/admin/documents/edit/{documentId}",
            "/admin/translations", "/admin/translations?kind=pages", $"/admin/articles/edit/{translationId}",
        })
        {
            await CheckAsync(signedIn, path);
        }

        // The two-factor set-up page as a new administrator sees it (QR code, key, form).
        var newcomer = await browser.Site.CreateAsync(Roles.Administrator, twoFactor: false);
        await using var newContext = await browser.NewContextAsync(BrowserSite.Phone, forTools: true);
        var first = await newContext.NewPageAsync();
        await first.GotoAsync("/admin/signin");
        await TypeIntoAsync(first, "#Email", newcomer.Email);
        await TypeIntoAsync(first, "#Password", Newsroom.Newsroom.Password);
        await PressForNewPageAsync(first, "Enter");
        await CheckAsync(first, "/admin/account/two-factor");
    }

    // The statement's check from an axe run over the site's own pages: axe-core in Chromium, its
    // results as axe.run() gives them, uploaded by an administrator.
    [Fact]
    public async Task The_statements_check_comes_from_an_axe_run_over_the_sites_own_pages()
    {
        var admin = await browser.Site.CreateAsync(Roles.Administrator);
        await using var context = await browser.NewContextAsync(BrowserSite.Desktop, forTools: true);
        var reader = await context.NewPageAsync();
        var results = new List<string>();
        foreach (var path in new[] { "/", "/news", "/accessibility" })
        {
            await reader.GotoAsync(path);
            await reader.AddScriptTagAsync(new() { Path = TestTools.NodeModule("axe-core", "axe.min.js") });
            results.Add(await reader.EvaluateAsync<string>("async () => JSON.stringify(await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))"));
        }
        var signedIn = await SignInAsync(context, admin);
        await signedIn.GotoAsync("/admin/settings/accessibility");
        await signedIn.SetInputFilesAsync("#report", new FilePayload { Name = "axe-results.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes($"[{string.Join(",", results)}]") });
        await signedIn.GetByRole(AriaRole.Button, new() { Name = "Заповнити зі звіту" }).ClickAsync();
        await Expect(signedIn.GetByRole(AriaRole.Status)).ToContainTextAsync("сторінок — 3, порушень — 0");

        var version = JsonDocument.Parse(await File.ReadAllTextAsync(TestTools.NodeModule("axe-core", "package.json"))).RootElement.GetProperty("version").GetString();
        await reader.GotoAsync("/accessibility");
        var check = reader.Locator("[data-testid=checked]");
        await Expect(check).ToContainTextAsync($"axe-core {version} (3 стор.; порушень: 0)");
        Assert.Equal(Visnyk.Site.KyivTime.ToKyiv(DateTime.UtcNow).ToString("yyyy-MM-dd"), await check.Locator("time").GetAttributeAsync("datetime"));
    }
}
