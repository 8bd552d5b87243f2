using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Notices;
using Visnyk.Site;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Caching;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Notices;

// Site-wide notices: set in the newsroom, at the top of every public page at once (the cached ones
// go), in both languages, the gravest first, in the API and the feed, audited; taken down at once;
// a scheduled one appears when its time comes. All through HTTP.
public class NoticeTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    internal static (string, string)[] Fields(string level, string text, string? link = null, DateTime? startsKyiv = null, DateTime? endsKyiv = null, string? english = null) =>
    [
        ("Form.Level", level), ("Form.Text", text), ("Form.Link", link ?? ""),
        ("Form.StartsAt", startsKyiv?.ToString("yyyy-MM-ddTHH:mm:ss") ?? ""), ("Form.EndsAt", endsKyiv?.ToString("yyyy-MM-ddTHH:mm:ss") ?? ""),
        ("Form.OtherTexts[en]", english ?? ""),
    ];

    // Saved through the form: the notice's id.
    internal static async Task<int> SetAsync(HttpClient client, (string, string)[] fields, int? id = null)
    {
        var path = id is null ? "/admin/notices/edit" : $"/admin/notices/edit/{id}";
        var response = await client.PostFormAsync(path, path, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    static List<IElement> Shown(IDocument page) => [.. page.QuerySelectorAll("body > section.site-notice")];

    static DateTime KyivNow => KyivTime.ToKyiv(DateTime.UtcNow);

    [Fact]
    public async Task A_notice_shows_at_once_on_every_public_page_in_both_languages_and_leaves_at_once()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var reader = site.Browserless();
        string article;
        await using (var scope = site.Scope(out var db))
        {
            var reference = await db.Articles.FirstAsync(a => a.Title.StartsWith(PublicPages.ReferenceTitleStart));
            article = $"/news/{reference.Id}-{reference.Slug}";
        }
        string[] pages = ["/", "/news", article, "/en", "/en/news"];
        await SiteEvictionTests.CachedAsync(reader, pages);

        var id = await SetAsync(chief, Fields("Danger", "Повітряна тривога в області. Пройдіть в укриття.", "/news", english: "Air-raid alert in the region. Go to a shelter."));
        foreach (var path in pages)
        {
            var page = await reader.GetDocumentAsync(path);
            var notice = Assert.Single(Shown(page));
            // A region named by its heading, before the header: found by landmarks and headings, not announced as an alert.
            Assert.Equal($"notice-{id} notice-{id}-text", notice.GetAttribute("aria-labelledby"));
            Assert.Null(notice.GetAttribute("role"));
            Assert.Equal("H2", page.GetElementById($"notice-{id}")!.TagName);
            Assert.Equal("header", notice.NextElementSibling!.LocalName);
            if (path.StartsWith("/en"))
            {
                Assert.Equal("Danger", notice.QuerySelector("h2")!.TextContent);
                Assert.Equal("Air-raid alert in the region. Go to a shelter.", notice.QuerySelector(".site-notice__text span")!.TextContent);
                Assert.Null(notice.QuerySelector(".site-notice__text span")!.GetAttribute("lang"));
            }
            else
            {
                Assert.Equal("Небезпека", notice.QuerySelector("h2")!.TextContent);
                Assert.Equal("Повітряна тривога в області. Пройдіть в укриття.", notice.QuerySelector(".site-notice__text span")!.TextContent);
                Assert.Equal("/news", notice.QuerySelector("a")!.GetAttribute("href"));
            }
        }

        // The API and the feeds say the same.
        using (var json = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/notice")))
        {
            var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
            Assert.Equal(("danger", "Повітряна тривога в області. Пройдіть в укриття.", "uk", "http://localhost/news"),
                (item.GetProperty("level").GetString(), item.GetProperty("text").GetString(), item.GetProperty("language").GetString(), item.GetProperty("link").GetString()));
        }
        using (var json = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/notice?lang=en")))
        {
            Assert.Equal("Air-raid alert in the region. Go to a shelter.", Assert.Single(json.RootElement.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/v1/notice?lang=xx")).StatusCode);
        using (var xml = System.Xml.XmlReader.Create(await reader.GetStreamAsync("/feeds/notices.atom")))
        {
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(xml);
            var entry = Assert.Single(feed.Items, i => i.Id.EndsWith($"#notice-{id}"));
            Assert.Equal("Небезпека: Повітряна тривога в області. Пройдіть в укриття.", entry.Title.Text);
        }
        using (var xml = System.Xml.XmlReader.Create(await reader.GetStreamAsync("/en/feeds/notices.rss")))
        {
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(xml);
            Assert.Contains(feed.Items, i => i.Title.Text == "Danger: Air-raid alert in the region. Go to a shelter.");
        }

        // Audited, and listed in the newsroom as shown.
        await using (var scope = site.Scope(out var db))
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == Visnyk.Audit.AuditActions.NoticeCreated && e.Subject == $"notice:{id}");
            Assert.Contains("Повітряна тривога в області", entry.Details);
        }
        Assert.Contains("Повітряна тривога в області", (await chief.GetDocumentAsync("/admin/notices")).QuerySelector(".notices-current")!.TextContent);

        // Taken down: gone from every page at once (cached again first), and from the API.
        await SiteEvictionTests.CachedAsync(reader, pages);
        var ended = await chief.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        foreach (var path in pages)
        {
            Assert.Empty(Shown(await reader.GetDocumentAsync(path)));
        }
        using (var json = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/notice")))
        {
            Assert.Empty(json.RootElement.GetProperty("items").EnumerateArray());
        }
        Assert.Contains("Повітряна тривога в області", (await chief.GetDocumentAsync("/admin/notices")).QuerySelector(".notices-past")!.TextContent);
        await using (var scope = site.Scope(out var db))
        {
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Visnyk.Audit.AuditActions.NoticeEnded && e.Subject == $"notice:{id}"));
        }
    }

    [Fact]
    public async Task Several_notices_show_the_gravest_first_a_scheduled_one_appears_when_its_time_comes_and_a_day_of_mourning_greys_the_site()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var reader = site.Browserless();
        var ids = new List<int>
        {
            await SetAsync(admin, Fields("Information", "Графік відключень світла на завтра.")),
            await SetAsync(admin, Fields("Danger", "Загроза ракетного удару.")),
            await SetAsync(admin, Fields("Warning", "Зміни в русі транспорту.")),
        };
        await SiteEvictionTests.CachedAsync(reader, "/");
        // Due in a few seconds: not shown yet; shown once the time has come, though nobody saved anything then.
        var soon = await SetAsync(admin, Fields("Information", "Оголошення, заплановане наперед.", startsKyiv: KyivNow.AddSeconds(3)));
        var before = await reader.GetDocumentAsync("/");
        Assert.Equal(["Небезпека", "Увага", "До відома"], Shown(before).Select(n => n.QuerySelector("h2")!.TextContent));
        Assert.Equal("Небезпека", Shown(await reader.GetDocumentAsync("/news")).First().QuerySelector("h2")!.TextContent);
        await SiteEvictionTests.CachedAsync(reader, "/");
        var after = await Mail.EventuallyAsync(() => reader.GetDocumentAsync("/"), page => Shown(page).Count == 4, seconds: 30);
        // Of the two of one level, the newer first.
        Assert.Equal($"{soon}", Shown(after)[2].GetAttribute("data-notice"));

        // A day of mourning: black ribbon, the header in greys, the home page too; to the end of its day unless told.
        Assert.Null(after.Body!.GetAttribute("class"));
        var mourning = await SetAsync(admin, Fields("Mourning", "День жалоби за загиблими внаслідок ракетного удару по Полтаві."));
        var home = await reader.GetDocumentAsync("/");
        Assert.Equal("mourning mourning--home", home.Body!.GetAttribute("class"));
        Assert.NotNull(home.QuerySelector(".site-header svg.mourning-ribbon[aria-hidden=true]"));
        Assert.Equal("День жалоби", Shown(home).First().QuerySelector("h2")!.TextContent);
        Assert.Equal("mourning", (await reader.GetDocumentAsync("/news")).Body!.GetAttribute("class"));
        await using (var scope = site.Scope(out var db))
        {
            var stored = await db.Notices.SingleAsync(n => n.Id == mourning);
            var day = DateOnly.FromDateTime(KyivTime.ToKyiv(stored.StartsAt));
            Assert.Equal(KyivTime.StartOfDay(day.AddDays(1)), stored.EndsAt);
        }

        foreach (var id in ids.Append(soon).Append(mourning))
        {
            await admin.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}?handler=End");
        }
        var clear = await reader.GetDocumentAsync("/");
        Assert.Empty(Shown(clear));
        Assert.Null(clear.Body!.GetAttribute("class"));
    }

    [Fact]
    public async Task Only_administrators_and_chief_editors_set_notices_and_hostile_values_are_refused_with_nothing_saved()
    {
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-okhorony-zdorovia"]));
        Assert.Equal("/admin/denied", (await editor.GetAsync("/admin/notices")).Headers.Location?.AbsolutePath);
        Assert.Equal("/admin/denied", (await editor.GetAsync("/admin/notices/edit")).Headers.Location?.AbsolutePath);
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        // The editor's post, with a token from a page they may open: refused.
        var form = await editor.GetDocumentAsync("/admin/articles/edit");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await editor.PostAsync("/admin/notices/edit", new FormUrlEncodedContent([.. Fields("Danger", "Підробка").Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("__RequestVerificationToken", token)]));
        Assert.Equal("/admin/denied", posted.Headers.Location?.AbsolutePath);
        var anonymous = site.Client();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/admin/notices")).StatusCode);

        (string Name, (string, string)[] Fields)[] hostile =
        [
            ("script link", Fields("Danger", "Текст", link: "javascript:alert(1)")),
            ("other host", Fields("Danger", "Текст", link: "//evil.example/")),
            ("spaces", Fields("Danger", "Текст", link: "/news x")),
            ("level", Fields("99", "Текст")),
            ("level name", Fields("Apocalypse", "Текст")),
            ("empty", Fields("Warning", " ")),
            ("too long", Fields("Warning", new string('я', Notice.MaxText + 1))),
            ("too long in English", Fields("Warning", "Текст", english: new string('x', Notice.MaxText + 1))),
            ("ends before start", Fields("Warning", "Текст", startsKyiv: KyivNow.AddHours(2), endsKyiv: KyivNow.AddHours(1))),
            ("ended", Fields("Warning", "Текст", startsKyiv: KyivNow.AddHours(-2), endsKyiv: KyivNow.AddHours(-1))),
            ("date", [.. Fields("Warning", "Текст").Where(f => f.Item1 != "Form.StartsAt"), ("Form.StartsAt", "31.02.2026")]),
        ];
        int count;
        await using (var scope = site.Scope(out var db))
        {
            count = await db.Notices.CountAsync();
        }
        foreach (var (name, fields) in hostile)
        {
            var response = await chief.PostFormAsync("/admin/notices/edit", "/admin/notices/edit", fields);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode}");
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".form__errors")?.TextContent), $"{name}: no reason given");
        }
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(count, await db.Notices.CountAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync("/admin/notices/edit/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chief.PostFormAsync("/admin/notices/edit", "/admin/notices/edit/999999?handler=End")).StatusCode);
    }
}
