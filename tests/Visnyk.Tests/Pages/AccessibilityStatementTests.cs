using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Tests.Caching;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Pages;

// The accessibility statement (/accessibility): the EU model's sections, filled from the site's own
// settings, linked from every page's footer and the site map, edited by an administrator only
// (audited, the cached page following at once), and each site's its own.
public class AccessibilityStatementTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_statement_shows_the_sites_own_facts_and_follows_an_administrators_change()
    {
        var reader = site.Browserless();
        var home = await reader.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("footer a[href='/accessibility']"));
        Assert.NotNull((await reader.GetDocumentAsync("/sitemap")).QuerySelector("main a[href='/accessibility']"));

        // The demonstration statement: partly conforming, two known exceptions, checked today.
        var page = await reader.GetDocumentAsync("/accessibility");
        Assert.Equal("Заява про доступність", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("частково відповідає", page.QuerySelector("[data-testid=conformance]")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=exceptions] li").Length);
        Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent.Contains("Процедура оскарження"));
        Assert.Contains(page.QuerySelectorAll("main a[href^='mailto:']"), a => a.TextContent == "support@poltava-ova.example");

        await SiteEvictionTests.CachedAsync(reader, "/accessibility");
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var saved = await admin.PostFormAsync("/admin/settings/accessibility", "/admin/settings/accessibility",
            ("Form.Conformance", "Full"), ("Form.Exceptions", "  \n"), ("Form.PreparedOn", "2026-11-30"), ("Form.CheckedOn", "2026-12-01"),
            ("Form.CheckMethod", "перевірка сторонньою організацією"), ("Form.Enforcement", "Зверніться до Уповноваженого."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await reader.GetDocumentAsync("/accessibility");
        Assert.Contains("повністю відповідає", page.QuerySelector("[data-testid=conformance]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=exceptions]"));
        var check = page.QuerySelector("[data-testid=checked]")!;
        Assert.Equal("2026-12-01", check.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("1 грудня 2026", check.TextContent);
        Assert.Contains("перевірка сторонньою організацією", check.TextContent);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Contains(await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SettingsChanged && e.Subject == "accessibility").ToListAsync(),
                e => e.Details.Contains("перевірка сторонньою організацією"));
        }

        // A check dated in the future is refused, and nothing changes.
        var refused = await admin.PostFormAsync("/admin/settings/accessibility", "/admin/settings/accessibility",
            ("Form.Conformance", "None"), ("Form.CheckedOn", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("не може бути пізнішою", await refused.Content.ReadAsStringAsync());
        // A state that does not exist is refused too.
        var hostile = await admin.PostFormAsync("/admin/settings/accessibility", "/admin/settings/accessibility", ("Form.Conformance", "99"));
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        Assert.Contains("повністю відповідає", (await reader.GetDocumentAsync("/accessibility")).QuerySelector("[data-testid=conformance]")!.TextContent);
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string json)
    {
        var token = await admin.AntiforgeryTokenAsync("/admin/settings/accessibility");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "report", "axe.json" },
        };
        return await admin.PostAsync("/admin/settings/accessibility?handler=Report", form);
    }

    // axe's result for one page, as axe.run() gives it (trimmed to what the site reads, and passes).
    static string Result(string url, DateTime at, string violations = "[]") =>
        $$"""{"testEngine":{"name":"axe-core","version":"4.14.1"},"testRunner":{"name":"axe"},"timestamp":"{{at:yyyy-MM-ddTHH:mm:ss.fffZ}}","url":"{{url}}","passes":[{"id":"html-has-lang","nodes":[{}]}],"incomplete":[],"violations":{{violations}}}""";

    [Fact]
    public async Task An_axe_report_of_the_sites_pages_fills_the_check_and_anything_else_is_refused_with_a_reason()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var reader = site.Browserless();
        var run = DateTime.UtcNow.AddDays(-2);
        var report = $"[{Result("http://localhost/", run)},{Result("http://localhost/news", run.AddMinutes(1), """[{"id":"color-contrast","impact":"serious","nodes":[{},{}]}]""")}]";

        var filled = await UploadAsync(admin, report);
        Assert.Equal(HttpStatusCode.Redirect, filled.StatusCode);
        var message = (await admin.GetDocumentAsync("/admin/settings/accessibility")).QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("color-contrast (2)", message);
        var check = (await reader.GetDocumentAsync("/accessibility")).QuerySelector("[data-testid=checked]")!;
        var day = Visnyk.Site.KyivTime.ToKyiv(run.AddMinutes(1)).ToString("yyyy-MM-dd");
        Assert.Equal(day, check.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("axe-core 4.14.1 (2 стор.; порушень: 2)", check.TextContent);

        // Each refused with its reason, and the statement keeps the check it has.
        (string Json, string Reason)[] refused =
        [
            ("це не JSON", "не є JSON"),
            ("""{"violations":[]}""", "не звіт axe-core"),
            ("[]", "не звіт axe-core"),
            ($"[{Result("http://localhost/", run)}, 5]", "не звіт axe-core"),
            (Result("http://localhost/", run, """[{"impact":"serious"}]"""), "не звіт axe-core"),
            (Result("javascript:alert(1)", run), "не звіт axe-core"),
            (Result("https://hromada-other.example/news", run), "іншого сайту: hromada-other.example"),
            (Result("http://localhost/", DateTime.UtcNow.AddDays(2)), "пізніше, ніж зараз"),
            (new string('[', 5000) + new string(']', 5000), "не є JSON"),
            ("""{"testEngine":{"name":"\uDC00"}}""", "не звіт axe-core"),
            (Result("http://localhost/", run, """[{"id":"<b>x</b>","nodes":[]}]"""), "не звіт axe-core"),
            (Result("http://localhost/", run).Replace(run.ToString("yyyy-MM-dd"), "0001-01-01"), "не звіт axe-core"),
        ];
        foreach (var (json, reason) in refused)
        {
            var response = await UploadAsync(admin, json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(reason, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#report-error")!.TextContent);
        }
        Assert.Equal(day, (await reader.GetDocumentAsync("/accessibility")).QuerySelector("[data-testid=checked] time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Only_an_administrator_edits_the_statement_and_another_site_has_its_own()
    {
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var denied = await editor.GetAsync("/admin/settings/accessibility");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);

        var other = await OtherSite.CreateAsync(site, 7301, "hromada-7301.test");
        var page = await other.Client(site).GetDocumentAsync("/accessibility");
        // Its own body, and no assessment stated yet (never "full" by default).
        Assert.Contains(other.Name, page.QuerySelector("main")!.TextContent);
        Assert.Contains("ще не оцінено", page.QuerySelector("[data-testid=conformance]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=exceptions]"));
    }
}
