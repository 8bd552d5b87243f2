using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Site;

namespace Visnyk.Tests.Newsroom;

// Addresses in the settings become links in every page's footer: only http(s) is accepted, and
// whatever is stored, the page never links to another scheme (issue 13, finding 9).
public class WebAddressTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    const string Body = "Полтавська обласна військова адміністрація";

    public static TheoryData<string> Hostile =>
    [
        "javascript:alert(1)", "JavaScript:alert(document.cookie)", "  javascript:alert(1)", "\tjavascript:alert(1)",
        "java\tscript:alert(1)", "\u0001javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "//evil.example/x", "/relative/path", "https://", "file:///etc/passwd",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Every_address_setting_refuses_anything_but_http_and_https(string value)
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        foreach (var field in new[] { "Form.LicenceUrl", "Form.SocialLinks[0].Url" })
        {
            var response = await admin.PostFormAsync("/admin/settings", "/admin/settings",
                ("Form.BodyName", Body), ("Form.LicenceText", "Матеріали доступні за ліцензією"), ("Form.LicenceName", "CC BY 4.0"),
                ("Form.SocialLinks[0].Name", "Telegram"), (field, value));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with the message
            var form = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Contains("https://", form.QuerySelector(".form__errors")!.TextContent);
            await using var scope = site.Scope(out var db);
            var stored = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync();
            Assert.NotEqual(value.Trim(), stored?.LicenceUrl);
            Assert.DoesNotContain(stored?.SocialLinks ?? [], l => l.Url == value.Trim());
        }
        await AssertFooterLinksAreWebAsync();
    }

    [Fact]
    public async Task Addresses_stored_before_the_check_are_shown_as_text_not_as_links()
    {
        await using (var scope = site.Scope(out var db))
        {
            var settings = await db.SiteSettings.OrderBy(s => s.Id).FirstAsync();
            settings.LicenceText = "Матеріали доступні за ліцензією";
            settings.LicenceName = "CC BY 4.0";
            settings.LicenceUrl = "javascript:alert(1)";
            settings.SocialLinks = [new SocialLink { Name = "Шкідливе", Url = " javascript:alert(2)" }, new SocialLink { Name = "Telegram", Url = "https://t.me/poltava_oda" }];
            await db.SaveChangesAsync();
        }
        site.Services.GetRequiredService<SiteChrome>().Invalidate();
        var home = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync("/"));
        Assert.Contains("CC BY 4.0", home.QuerySelector(".licence")!.TextContent);
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://t.me/poltava_oda");
        await AssertFooterLinksAreWebAsync();
    }

    [Fact]
    public async Task Http_and_https_addresses_and_e_mail_contacts_are_kept()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var saved = await admin.PostFormAsync("/admin/settings", "/admin/settings",
            ("Form.BodyName", Body), ("Form.SupportEmail", "support@example.gov.ua"),
            ("Form.LicenceText", "Матеріали доступні за ліцензією"), ("Form.LicenceName", "CC BY 4.0"),
            ("Form.LicenceUrl", " https://creativecommons.org/licenses/by/4.0/ "),
            ("Form.SocialLinks[0].Name", "Старий сайт"), ("Form.SocialLinks[0].Url", "http://old.example.gov.ua/"));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect,
            new HtmlParser().ParseDocument(await saved.Content.ReadAsStringAsync()).QuerySelector(".form__errors")?.TextContent);
        var refused = await admin.PostFormAsync("/admin/settings", "/admin/settings", ("Form.BodyName", Body), ("Form.SupportEmail", "javascript:alert(1)"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var home = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync("/"));
        var hrefs = home.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("https://creativecommons.org/licenses/by/4.0/", hrefs);
        Assert.Contains("http://old.example.gov.ua/", hrefs);
        Assert.Contains("mailto:support@example.gov.ua", hrefs);
    }

    // Every link in the page's footer goes to this site, to the web, or to a phone or mailbox.
    async Task AssertFooterLinksAreWebAsync()
    {
        var home = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync("/"));
        foreach (var link in home.QuerySelectorAll("footer a[href]"))
        {
            var href = link.GetAttribute("href")!;
            var ok = href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
                || Uri.TryCreate(href, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" or "mailto" or "tel";
            Assert.True(ok, $"footer link: {href}");
        }
    }
}
