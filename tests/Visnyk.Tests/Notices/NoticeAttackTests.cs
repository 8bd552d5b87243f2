using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Site;
using Visnyk.Tests.Newsroom;
using Visnyk.Notices;
using Visnyk.Tests.Site;
using static Visnyk.Tests.Notices.NoticeTests;

namespace Visnyk.Tests.Notices;

// The notices as an attacker (or a hurried chief editor) would try them: odd times, characters
// XML cannot carry, a notice corrected after it ended or cancelled before it started, another site.
public class NoticeAttackTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static DateTime KyivNow => KyivTime.ToKyiv(DateTime.UtcNow);

    static async Task AssertRefusedAsync(HttpResponseMessage response, string name)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode}\n{body[..Math.Min(body.Length, 2000)]}");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".form__errors")?.TextContent), $"{name}: no reason given");
    }

    // 29 March 2026, 03:00 → 04:00 in Kyiv: 03:30 does not exist. ConvertTimeToUtc throws.
    [Fact]
    public async Task A_start_in_the_hour_skipped_by_summer_time_is_refused_not_a_500()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var fields = Fields("Warning", "Текст", startsKyiv: new DateTime(2026, 3, 29, 3, 30, 0), endsKyiv: new DateTime(2036, 1, 1));
        await AssertRefusedAsync(await chief.PostFormAsync("/admin/notices/edit", "/admin/notices/edit", fields), "DST gap start");
    }

    // A day of mourning with no end ends at the start of the next Kyiv day: DateOnly.AddDays overflows.
    [Fact]
    public async Task A_day_of_mourning_on_the_last_day_of_the_calendar_is_refused_not_a_500()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var fields = Fields("Mourning", "Текст", startsKyiv: new DateTime(9999, 12, 31, 23, 0, 0));
        var response = await chief.PostFormAsync("/admin/notices/edit", "/admin/notices/edit", fields);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{response.StatusCode}");
    }

    // A control character (or U+FFFF) in the text is saved, shown in HTML and JSON, and then the
    // feeds (XmlWriter: invalid XML character) answer 500 for every reader, and the mirror's crawl of
    // /feeds/notices.atom with them.
    [Theory]
    [InlineData("Повітряна\u0001тривога")]
    [InlineData("Повітряна\uFFFFтривога")]
    [InlineData("Повітряна\u001Bтривога")]
    public async Task A_control_character_in_the_text_does_not_break_the_feeds(string text)
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var response = await chief.PostFormAsync("/admin/notices/edit", "/admin/notices/edit", Fields("Information", text));
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return; // refused: fine
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        try
        {
            var reader = site.Browserless();
            foreach (var feed in new[] { "/feeds/notices.rss", "/feeds/notices.atom" })
            {
                var got = await reader.GetAsync(feed);
                Assert.True(got.StatusCode == HttpStatusCode.OK, $"{feed}: {got.StatusCode}");
            }
        }
        finally
        {
            await chief.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}?handler=End");
        }
    }

    // Taken down, a notice stays in the feeds (they list ended ones too), so a mistake in it must
    // still be correctable through its own form, as the form gives its end back.
    [Fact]
    public async Task A_notice_once_ended_can_still_be_corrected_and_the_feeds_stay_whole()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var id = await SetAsync(chief, Fields("Information", "Збій стрічки з помилкою"));
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}?handler=End")).StatusCode);
        var reader = site.Browserless();
        var feedAfterEnd = (await reader.GetAsync("/feeds/notices.atom")).StatusCode;

        // Correct it through its own form, as the form shows it.
        var form = await chief.GetDocumentAsync($"/admin/notices/edit/{id}");
        string Value(string name) => form.QuerySelector($"[name='{name}']") is { } e ? (e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? "") : "";
        var level = form.QuerySelector("select[name='Form.Level'] option[selected]")?.GetAttribute("value") ?? "Information";
        var corrected = await chief.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}",
            ("Form.Level", level), ("Form.Text", "Виправлено"), ("Form.Link", Value("Form.Link")),
            ("Form.StartsAt", Value("Form.StartsAt")), ("Form.EndsAt", Value("Form.EndsAt")), ("Form.OtherTexts[en]", ""));
        var body = await corrected.Content.ReadAsStringAsync();
        var errors = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body).QuerySelector(".form__errors")?.TextContent.Trim();
        Assert.True(feedAfterEnd == HttpStatusCode.OK && corrected.StatusCode == HttpStatusCode.Redirect,
            $"feed after End: {feedAfterEnd}; correcting the ended notice: {corrected.StatusCode} {errors} (EndsAt in form: {Value("Form.EndsAt")})");
    }

    // A notice scheduled by mistake ("Повітряна тривога" for tomorrow) and taken down before it
    // starts is never shown: its end is its start. Once that time has passed it is in no feed, and
    // the newsroom lists it among the ended ones (here its time is moved to the past, as if it had come).
    [Fact]
    public async Task A_scheduled_notice_taken_down_before_its_start_never_reaches_the_feeds()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var id = await SetAsync(chief, Fields("Danger", "Скасоване оголошення, помилково заплановане.", startsKyiv: KyivNow.AddDays(1)));
        var ended = await chief.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            var stored = await db.Notices.SingleAsync(n => n.Id == id);
            Assert.Equal(stored.StartsAt, stored.EndsAt);
            var past = DateTime.UtcNow.AddMinutes(-5);
            await db.Notices.Where(n => n.Id == id).ExecuteUpdateAsync(u => u.SetProperty(n => n.StartsAt, past).SetProperty(n => n.EndsAt, past));
        }
        var reader = site.Browserless();
        Assert.DoesNotContain($"#notice-{id}", await reader.GetStringAsync("/feeds/notices.atom"));
        Assert.DoesNotContain($"#notice-{id}", await reader.GetStringAsync("/feeds/notices.rss"));
        var list = await chief.GetDocumentAsync("/admin/notices");
        Assert.DoesNotContain("Скасоване оголошення", list.QuerySelector(".notices-current")!.TextContent);
        Assert.Contains("Скасоване оголошення", list.QuerySelector(".notices-past")!.TextContent);
    }

    // Another site (its host, its administrator) neither sees nor ends this site's notice.
    [Fact]
    public async Task Another_sites_administrator_and_readers_never_reach_this_sites_notice()
    {
        var other = await OtherSite.CreateAsync(site, 71, "notices-other.test");
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var id = await SetAsync(chief, Fields("Danger", "Тривога лише для області.", "/news"));
        try
        {
            var theirAdmin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: other.Id), other.Client(site));
            Assert.Equal(HttpStatusCode.NotFound, (await theirAdmin.GetAsync($"/admin/notices/edit/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await theirAdmin.PostFormAsync("/admin/notices/edit", $"/admin/notices/edit/{id}?handler=End")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await theirAdmin.PostFormAsync("/admin/notices/edit", $"/admin/notices/edit/{id}", Fields("Information", "Перехоплено"))).StatusCode);
            var reader = other.Client(site);
            foreach (var path in new[] { "/", "/news", "/api/v1/notice", "/feeds/notices.atom", "/feeds/notices.rss" })
            {
                Assert.DoesNotContain("Тривога лише для області", await reader.GetStringAsync(path));
            }
            // Still shown at home.
            Assert.Contains("Тривога лише для області", await site.Browserless().GetStringAsync("/"));
        }
        finally
        {
            await chief.PostFormAsync($"/admin/notices/edit/{id}", $"/admin/notices/edit/{id}?handler=End");
        }
    }
}
