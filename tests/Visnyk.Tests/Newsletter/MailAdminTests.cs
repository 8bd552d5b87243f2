using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Newsletter;

// The newsroom's side: publishing alerts, change notes that ask to, and the back office's mail page.
public class MailAdminTests(MailSite site) : IClassFixture<MailSite>
{
    static (string, string)[] Fields(string title, int department, params (string, string)[] more) =>
        [("Form.Title", title), ("Form.Summary", "Анонс для листа"), ("Form.Body", "<p>Текст.</p>"), ("Form.Departments", department.ToString()), .. more];

    [Fact]
    public async Task Publishing_alerts_once_and_a_change_note_alerts_again_only_when_asked()
    {
        var reader = Mail.NewAddress("newsroom");
        await site.SubscriberAsync(reader, Frequency.Immediately);
        int department;
        await using (var scope = site.Scope(out var db))
        {
            department = (await db.Departments.FirstAsync()).Id;
        }
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var created = await chief.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Publish", Fields("Змінено графік прийому громадян", department));
        var edit = created.Headers.Location!.OriginalString;
        var alert = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(reader)).Single());
        Assert.Equal("Змінено графік прийому громадян", alert.Subject);
        Assert.Contains("Анонс для листа", alert.TextBody);

        await chief.PostFormAsync(edit, $"{edit}?handler=Save", Fields("Змінено графік прийому громадян", department, ("Form.ChangeNote", "Уточнено адресу.")));
        await chief.PostFormAsync(edit, $"{edit}?handler=Save", Fields("Змінено графік прийому громадян", department,
            ("Form.ChangeNote", "Прийом перенесено на п’ятницю."), ("Form.NotifySubscribers", "true")));
        var messages = await site.Smtp.WaitForAsync(reader, 2);
        var update = await site.Smtp.MessageAsync(messages[1]);
        Assert.Equal("Оновлено: Змінено графік прийому громадян", update.Subject);
        Assert.Contains("Прийом перенесено на п’ятницю.", update.TextBody);
        // The save without "notify" sent nothing.
        Assert.Equal(2, (await site.SettledAsync(reader)).Count);
    }

    [Fact]
    public async Task An_administrator_pauses_and_resumes_sending_and_nothing_is_lost()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var paused = await admin.PostFormAsync("/admin/mail", "/admin/mail?handler=Pause", ("pause", "true"));
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Contains("Розсилку призупинено", await admin.GetStringAsync("/admin/mail"));
        var email = Mail.NewAddress("paused");
        await site.Browserless().SignUpAsync(email, ("all", "daily"));
        await site.SenderRoundAsync();
        await using (var scope = site.Scope(out var db))
        {
            // Written and waiting, not sent.
            Assert.Equal(DeliveryStatus.Waiting, (await db.Deliveries.AsNoTracking().SingleAsync(d => d.To == email)).Status);
        }
        Assert.Empty(await site.Smtp.MessagesToAsync(email));

        await admin.PostFormAsync("/admin/mail", "/admin/mail?handler=Pause", ("pause", "false"));
        await site.Smtp.WaitForAsync(email);
        await using var after = site.Scope(out var db2);
        var actions = await db2.AuditEntries.Where(e => e.Action == AuditActions.MailPaused || e.Action == AuditActions.MailResumed).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.MailPaused, AuditActions.MailResumed], actions);
    }

    [Fact]
    public async Task An_administrator_sees_counts_sends_a_test_digest_and_exports_with_an_audit_entry()
    {
        var reader = Mail.NewAddress("counted");
        var subscriber = await site.SubscriberAsync(reader, Frequency.Weekly);
        var account = await site.CreateAsync(Roles.Administrator);
        var admin = await site.SignedInAsync(account);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/mail"));
        var all = page.QuerySelectorAll("table tr").Single(r => r.QuerySelector("th")?.TextContent == "Усі новини");
        // Columns: at once, daily, weekly; at least this test's weekly subscriber.
        Assert.True(int.Parse(all.QuerySelectorAll("td")[2].TextContent) >= 1);

        await admin.PostFormAsync("/admin/mail", "/admin/mail?handler=Test");
        var test = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(account.Email)).Single());
        Assert.Contains("Пробний лист", test.TextBody);
        Assert.Contains("/news/", test.TextBody);
        // The test goes to the administrator only.
        Assert.Empty(await site.Smtp.MessagesToAsync(reader));

        var export = await admin.PostFormAsync("/admin/mail", "/admin/mail?handler=Export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("email,confirmed_at,undeliverable_at,topics", csv.TrimStart('\uFEFF'));
        Assert.Contains($"\"{reader}\"", csv);
        Assert.Contains("Усі новини: щотижня", csv);
        await using var scope = site.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SubscribersExported && e.UserId == account.Id));
        Assert.Contains("Новини за добу", test.Subject);
        Assert.Null(test.Headers["List-Unsubscribe"]);
        Assert.Contains(reader, csv);
        Assert.DoesNotContain(subscriber.Stamp, csv);
    }

    // Addresses are the subscribers' own words: a cell that starts with = + - @ would be a formula
    // to a spreadsheet (CSV injection), so it is quoted and starts with an apostrophe. Read back
    // with a real CSV parser.
    [Fact]
    public async Task The_export_never_hands_a_spreadsheet_a_formula()
    {
        var domain = $"csv-{Guid.NewGuid():N}.test";
        string[] hostile = [$"=HYPERLINK(\"http://evil.example\")@{domain}", $"+1-2@{domain}", $"-3@{domain}", $"@x@{domain}", $"plain@{domain}"];
        foreach (var address in hostile)
        {
            await site.SubscriberAsync(address, Frequency.Weekly);
        }
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var export = await admin.PostFormAsync("/admin/mail", "/admin/mail?handler=Export");
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader((await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF')))
        {
            TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true,
        };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }
        var ours = rows.Where(r => r[0].EndsWith(domain, StringComparison.Ordinal)).ToDictionary(r => r[0].TrimStart('\''));
        Assert.Equal(hostile.Order(), ours.Keys.Order());
        foreach (var (address, row) in ours)
        {
            Assert.All(row, cell => Assert.False(cell.Length > 0 && "=+-@".Contains(cell[0]), $"a cell starts a formula: {cell}"));
            Assert.Equal("=+-@".Contains(address[0]) ? "'" + address : address, row[0]);
        }
    }

    [Theory]
    [InlineData(Roles.ChiefEditor)]
    [InlineData(Roles.Editor)]
    public async Task Only_administrators_see_the_mail_page_or_export_subscribers(string role)
    {
        var user = await site.SignedInAsync(await site.CreateAsync(role, ["departament-osvity-i-nauky"]));
        var page = await user.GetAsync("/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/admin/denied", page.Headers.Location!.ToString());
        var token = await user.AntiforgeryTokenAsync("/admin/articles");
        var export = await user.PostAsync("/admin/mail?handler=Export", new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("email,confirmed_at", await export.Content.ReadAsStringAsync());
    }
}
