using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Feedback;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Feedback;

// The site with mail to smtp4dev and no per-address limit on reports (every test posts from the
// same address); the limits have their own class below.
public class ReportSite : MailSite
{
    protected virtual int ReportsPerHour => 10_000;
    protected virtual int ReportsPerDay => 10_000;
    protected virtual int ForwardedPerHour => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Visnyk:Reports:PerHour", ReportsPerHour.ToString());
        builder.UseSetting("Visnyk:Reports:PerDay", ReportsPerDay.ToString());
        builder.UseSetting("Visnyk:Reports:ForwardedPerHour", ForwardedPerHour.ToString());
    }
}

public static class Reports
{
    public static Task<HttpResponseMessage> ReportAsync(this HttpClient client, params (string Name, string Value)[] fields) =>
        client.PostAsync("/feedback", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public static async Task<HttpClient> ForwardingAsync(this SiteFactory site, string address)
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var saved = await admin.PostFormAsync("/admin/feedback", "/admin/feedback?handler=Forward", ("ReportsTo", address));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return admin;
    }
}

// "Повідомити про помилку або недоступність": from the link on a page to the back office and the
// administrators' mailbox (a real SMTP server), and what the form refuses.
public class ProblemReportTests(ReportSite site) : IClassFixture<ReportSite>
{
    [Fact]
    public async Task A_report_from_a_page_is_kept_for_administrators_and_forwarded_by_mail()
    {
        var inbox = Mail.NewAddress("admins");
        var admin = await site.ForwardingAsync(inbox);

        // The link on a page names that page; the form shows it.
        var reader = site.Browserless();
        var news = await reader.GetDocumentAsync("/news");
        var link = news.QuerySelector("main .report-link a")!.GetAttribute("href")!;
        Assert.Equal("/feedback?about=%2Fnews", link);
        var form = await reader.GetDocumentAsync(link);
        Assert.Equal("/news", form.QuerySelector("[data-testid=about] a")!.GetAttribute("href"));
        Assert.Equal("/news", form.QuerySelector("input[name=About]")!.GetAttribute("value"));

        var resident = Mail.NewAddress("resident");
        var text = $"Екранний читач не озвучує кнопку пошуку {Guid.NewGuid():N}";
        var sent = await reader.ReportAsync(("About", "/news"), ("Kind", "Inaccessible"), ("Message", text), ("Email", resident));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/feedback/sent", sent.Headers.Location?.OriginalString);

        int id;
        await using (var scope = site.Scope(out var db))
        {
            var report = await db.ProblemReports.AsNoTracking().SingleAsync(r => r.Text == text);
            Assert.Equal(("/news", ProblemKind.Inaccessible, resident, false), (report.Page, report.Kind, report.Email, report.IsHandled));
            id = report.Id;
            // Nothing goes to the address the resident gave: it was never confirmed.
            Assert.False(await db.Deliveries.AnyAsync(d => d.To == resident));
        }

        var mail = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(inbox)).Single());
        Assert.Contains("Не можу скористатися сторінкою", mail.Subject);
        Assert.Contains(text, mail.TextBody);
        Assert.Contains(MailSite.PublicUrl + "/news", mail.TextBody);
        Assert.Contains(resident, mail.TextBody);
        Assert.Contains($"{MailSite.PublicUrl}/admin/feedback#report-{id}", mail.TextBody);
        Assert.Empty(mail.ReplyTo);
        Assert.Null(mail.Headers["List-Unsubscribe"]);

        // In the back office: new, then handled (audited), then deleted with its mail's row.
        // The sender records the mail as sent after the server took it: the list says so then.
        var list = await Mail.EventuallyAsync(() => admin.GetDocumentAsync("/admin/feedback"),
            page => page.QuerySelector($"#report-{id} [data-testid=forwarding]")?.TextContent.StartsWith("переслано на") == true);
        Assert.Contains(text, list.QuerySelector($"#report-{id}")!.TextContent);
        // Deleting is a step away: its button sits in a closed disclosure, and nowhere else.
        var deleteForms = list.QuerySelectorAll($"#report-{id} form").Where(f => f.GetAttribute("action")!.Contains("handler=Delete")).ToList();
        Assert.Equal("confirm", Assert.Single(deleteForms).ParentElement!.ClassName);
        Assert.False(deleteForms[0].ParentElement!.HasAttribute("open"));
        Assert.StartsWith($"переслано на {inbox}, ", list.QuerySelector($"#report-{id} [data-testid=forwarding]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/feedback", $"/admin/feedback?handler=Handle&id={id}")).StatusCode);
        Assert.Null((await admin.GetDocumentAsync("/admin/feedback")).QuerySelector($"#report-{id}"));
        Assert.NotNull((await admin.GetDocumentAsync("/admin/feedback?show=handled")).QuerySelector($"#report-{id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/feedback", $"/admin/feedback?handler=Delete&id={id}")).StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.ProblemReports.AnyAsync(r => r.Id == id));
            Assert.False(await db.Deliveries.AnyAsync(d => d.ProblemReportId == id));
            var actions = await db.AuditEntries.Where(e => e.Subject == AuditActions.Report(id)).Select(e => e.Action).ToListAsync();
            Assert.Equal(new[] { AuditActions.ReportDeleted, AuditActions.ReportHandled }, actions.Order(StringComparer.Ordinal));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SettingsChanged && e.Subject == "reports" && e.Details.Contains(inbox)));
        }
    }

    [Fact]
    public async Task A_bot_that_fills_the_hidden_field_gets_the_same_answer_and_nothing_is_kept()
    {
        var text = $"Купуйте наші товари {Guid.NewGuid():N}";
        var response = await site.Browserless().ReportAsync(("Kind", "Other"), ("Message", text), ("Website", "http://spam.example"));
        Assert.Equal("/feedback/sent", response.Headers.Location?.OriginalString);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.ProblemReports.AnyAsync(r => r.Text == text));
    }

    [Theory]
    [InlineData("Mistake", "закоротко", "", "щонайменше 10 символів")]
    [InlineData("Mistake", null, "", "можна до 4000 символів, а зараз 4001")]
    [InlineData("99", "Помилка в номері телефону на сторінці", "", "")]
    [InlineData("", "Помилка в номері телефону на сторінці", "", "Оберіть, що сталося")]
    [InlineData("Mistake", "Помилка в номері телефону на сторінці", "не-адреса", "")]
    // 236 characters as typed, 317 with the domain in ASCII: too long for what is stored.
    [InlineData("Mistake", "Помилка в номері телефону на сторінці", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@абвгдежзийклмнопрстуфхцчшщ.абвгдежзийклмнопрстуфхцчшщ.абвгдежзийклмнопрстуфхцчшщ.абвгдежзийклмнопрстуфхцчшщ.абвгдежзийклмнопрстуфхцчшщ.абвгдежзийклмнопрстуфхцчшщ.укр", "задовга")]
    [InlineData("Mistake", "Помилка в номері\u0007 телефону на сторінці", "", "керівні символи")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_what_was_written_stays(string kind, string? text, string email, string message)
    {
        text ??= "Задовгий " + new string('ж', 4001 - "Задовгий ".Length);
        var response = await site.Browserless().ReportAsync(("Kind", kind), ("Message", text), ("Email", email), ("About", "/news"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.True(summary.Contains(message), summary);
        Assert.Equal(text, page.QuerySelector("textarea[name=Message]")!.TextContent);
        Assert.Equal("/news", page.QuerySelector("input[name=About]")!.GetAttribute("value"));
        await using var scope = site.Scope(out var db);
        Assert.False(await db.ProblemReports.AnyAsync(r => r.Text.StartsWith(text.Substring(0, 8))));
    }

    [Theory]
    [InlineData("Помилка в номері\0 телефону на сторінці")]
    [InlineData(null)] // 40,000 characters: over the form's limit for one value
    public async Task A_form_the_framework_cannot_read_gets_a_clear_message_not_an_error(string? text)
    {
        text ??= "Помилка в номері " + new string('ж', 40_000);
        var response = await site.Browserless().ReportAsync(("Kind", "Mistake"), ("Message", text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Форму не вдалося прочитати: надіслане завелике або містить керівні символи, яких не можна зберегти. Заповніть форму ще раз."], errors);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.ProblemReports.AnyAsync(r => r.Text.StartsWith("Помилка в номері")));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\\evil.example")]
    [InlineData("/news\"><script>alert(1)</script>")]
    public async Task A_page_that_is_not_this_sites_is_not_named(string about)
    {
        var form = await site.Browserless().GetDocumentAsync("/feedback?about=" + Uri.EscapeDataString(about));
        Assert.Null(form.QuerySelector("[data-testid=about]"));
        var text = $"Повідомлення з чужою адресою {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Redirect, (await site.Browserless().ReportAsync(("Kind", "Other"), ("Message", text), ("About", about))).StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.Equal("", (await db.ProblemReports.SingleAsync(r => r.Text == text)).Page);
    }

    [Theory]
    [InlineData("/subscribe/manage/secret-token", "/subscribe/manage")]
    [InlineData("/unsubscribe/secret-token", "/unsubscribe")]
    [InlineData("/preview/secret-token", "/preview")]
    [InlineData("/news/4-slug", "/news/4-slug")]
    public void A_personal_links_token_is_never_named(string path, string named) => Assert.Equal(named, ProblemReport.PageOf(path));

    [Fact]
    public async Task The_link_on_a_personal_page_does_not_carry_its_token()
    {
        var page = await site.Browserless().GetDocumentAsync("/subscribe/manage/not-a-real-token");
        Assert.Equal("/feedback?about=%2Fsubscribe%2Fmanage", page.QuerySelector("main .report-link a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_report_whose_mail_is_being_sent_is_deleted_after_it_not_meanwhile()
    {
        var text = $"Видалити під час пересилання {Guid.NewGuid():N}";
        await site.Browserless().ReportAsync(("Kind", "Other"), ("Message", text));
        int id;
        await using (var scope = site.Scope(out var db))
        {
            id = (await db.ProblemReports.SingleAsync(r => r.Text == text)).Id;
            // As a sender holds it mid-round (its claim), whether or not forwarding was set.
            db.Deliveries.Add(new Delivery { To = "admins@example.org", ProblemReportId = id, Status = DeliveryStatus.Sending, Claim = Guid.NewGuid(),
                ClaimedUntil = DateTime.UtcNow.AddMinutes(5), CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/feedback", $"/admin/feedback?handler=Delete&id={id}")).StatusCode);
        Assert.Contains("саме пересилається", (await admin.GetDocumentAsync("/admin/feedback")).QuerySelector(".notice")!.TextContent);
        await using (var scope = site.Scope(out var db))
        {
            Assert.True(await db.ProblemReports.AnyAsync(r => r.Id == id));
            await db.Deliveries.Where(d => d.ProblemReportId == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sent));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/feedback", $"/admin/feedback?handler=Delete&id={id}")).StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.ProblemReports.AnyAsync(r => r.Id == id));
        }
    }

    [Fact]
    public async Task A_post_from_another_site_is_refused()
    {
        var client = site.Browserless();
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "cross-site");
        var text = $"Надіслано з чужого сайту {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Forbidden, (await client.ReportAsync(("Kind", "Other"), ("Message", text))).StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.ProblemReports.AnyAsync(r => r.Text == text));
    }

    // A browser too old for Sec-Fetch-Site still sends Origin.
    [Theory]
    [InlineData("https://evil.example", false)]
    [InlineData("null", false)]
    [InlineData("http://localhost", true)]
    public async Task Without_sec_fetch_site_a_post_is_judged_by_its_origin(string origin, bool taken)
    {
        var client = site.Browserless();
        client.DefaultRequestHeaders.Add("Origin", origin);
        var text = $"Надіслано з {origin} {Guid.NewGuid():N}";
        var response = await client.ReportAsync(("Kind", "Other"), ("Message", text));
        Assert.Equal(taken ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.Equal(taken, await db.ProblemReports.AnyAsync(r => r.Text == text));
    }

    [Fact]
    public async Task Only_administrators_of_the_site_see_and_change_its_reports()
    {
        var text = $"Звіт першого сайту {Guid.NewGuid():N}";
        await site.Browserless().ReportAsync(("Kind", "Mistake"), ("Message", text));
        int id;
        await using (var scope = site.Scope(out var db))
        {
            id = (await db.ProblemReports.SingleAsync(r => r.Text == text)).Id;
        }
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        Assert.NotEqual(HttpStatusCode.OK, (await editor.GetAsync("/admin/feedback")).StatusCode);

        var other = await OtherSite.CreateAsync(site, 7311, "hromada-7311.test");
        var theirs = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: other.Id), other.Client(site));
        var list = await theirs.GetDocumentAsync("/admin/feedback?show=all");
        Assert.DoesNotContain(text, list.QuerySelector("main")!.TextContent);
        var handle = await theirs.PostFormAsync("/admin/feedback", $"/admin/feedback?handler=Handle&id={id}");
        Assert.Equal(HttpStatusCode.NotFound, handle.StatusCode);
        var delete = await theirs.PostFormAsync("/admin/feedback", $"/admin/feedback?handler=Delete&id={id}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            Assert.False((await db.ProblemReports.SingleAsync(r => r.Id == id)).IsHandled);
        }
    }
}

public class StrictReportSite : ReportSite
{
    protected override int ReportsPerHour => 3;
    protected override int ReportsPerDay => 2;
    protected override int ForwardedPerHour => 1;
}

// A flood is held off: past the site's daily number the form keeps what was written and says
// where else to write; past the address's hourly number the rate limiter answers; past the
// hourly number of forwarded mails reports are kept but not mailed.
public class ProblemReportLimitTests(StrictReportSite site) : IClassFixture<StrictReportSite>
{
    [Fact]
    public async Task Past_the_limits_reports_are_refused_with_a_clear_page_and_mail_is_not_flooded()
    {
        await site.ForwardingAsync(Mail.NewAddress("limited"));
        var reader = site.Browserless();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await reader.ReportAsync(("Kind", "Mistake"), ("Message", $"Помилка номер {i} у тексті"))).StatusCode);
        }
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(2, await db.ProblemReports.CountAsync());
            // One forwarded this hour, the other kept for the back office only.
            Assert.Equal(1, await db.Deliveries.CountAsync(d => d.ProblemReportId != null));
        }

        var text = "Третє повідомлення за день, зайве";
        var full = await reader.ReportAsync(("Kind", "Mistake"), ("Message", text));
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        var page = await Html.ParseAsync(await full.Content.ReadAsStringAsync());
        Assert.Contains("забагато повідомлень", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Contains("support@poltava-ova.example", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(text, page.QuerySelector("textarea[name=Message]")!.TextContent);

        // The address's hourly number (three, the refused third included) is spent: refused on the form, text kept.
        var limited = await reader.ReportAsync(("Kind", "Mistake"), ("Message", text));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        page = await Html.ParseAsync(await limited.Content.ReadAsStringAsync());
        Assert.Contains("З вашої адреси за останню годину", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(text, page.QuerySelector("textarea[name=Message]")!.TextContent);
        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/feedback")).StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(2, await db.ProblemReports.CountAsync());
        }
    }
}
