using System.Net;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// /admin/audit: each filter (who, what, subject, Kyiv days, older entries) narrows the list to
// exactly the entries it names; values that no entry has, or that are not values at all, give an
// empty list or a 400, never an error page.
public class AuditPageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    // Entries of one test, told apart from the rest of the log by a marker in every field.
    readonly string m = Guid.NewGuid().ToString("N")[..12];

    async Task AddAsync(params (string User, string Action, string Subject, DateTime At)[] entries)
    {
        await using var scope = site.Scope(out var db);
        db.AuditEntries.AddRange(entries.Select(e => new AuditEntry { UserName = e.User, Action = e.Action, Subject = e.Subject, At = e.At, Details = m }));
        await db.SaveChangesAsync();
    }

    // The rows shown, as "user action subject", newest first.
    static async Task<List<string>> RowsAsync(HttpClient admin, string query)
    {
        var response = await admin.GetAsync($"/admin/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        return page.QuerySelectorAll("table.audit tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())
            .Select(c => $"{c[1]} {c[3]} {c[4]}").ToList();
    }

    [Fact]
    public async Task Each_filter_narrows_the_list_to_the_entries_it_names()
    {
        var (olena, petro) = ($"olena-{m}@example.gov.ua", $"petro-{m}@example.gov.ua");
        var (alpha, beta) = ($"test.{m}.alpha", $"test.{m}.beta");
        var (article, user) = ($"article:{m}", $"user:{m}");
        // 23:30 on 10 March in Kyiv (UTC+2), half past midnight on 11 March, then 12 March.
        await AddAsync(
            (olena, alpha, article, new DateTime(2024, 3, 10, 21, 30, 0, DateTimeKind.Utc)),
            (petro, beta, article, new DateTime(2024, 3, 10, 22, 30, 0, DateTimeKind.Utc)),
            (olena, beta, user, new DateTime(2024, 3, 12, 10, 0, 0, DateTimeKind.Utc)));
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        string E1 = $"{olena} {alpha} {article}", E2 = $"{petro} {beta} {article}", E3 = $"{olena} {beta} {user}";

        Assert.Equal([E3, E2, E1], await RowsAsync(admin, $"user={m}"));
        Assert.Equal([E3, E1], await RowsAsync(admin, $"user=olena-{m}"));
        Assert.Equal([E3, E2], await RowsAsync(admin, $"action={beta}"));
        Assert.Equal([E2, E1], await RowsAsync(admin, $"subject=%20{article}%20"));
        Assert.Equal([E3], await RowsAsync(admin, $"user=olena-{m}&action={beta}"));
        // Whole days in Kyiv time: the entry at 22:30 UTC on the 10th belongs to the 11th.
        Assert.Equal([E2], await RowsAsync(admin, "from=2024-03-11&to=2024-03-11"));
        Assert.Equal([E1], await RowsAsync(admin, "to=2024-03-10"));
        Assert.Equal([E3], await RowsAsync(admin, $"user={m}&from=2024-03-12"));
        Assert.Empty(await RowsAsync(admin, $"user={m}&from=2024-03-13"));
    }

    [Fact]
    public async Task The_older_entries_link_pages_through_keeping_the_filters()
    {
        // A plus-addressed mailbox: the link must carry the '+' as itself, not as a space.
        var (user, action) = ($"bulk+{m}@example.gov.ua", $"test.{m}.bulk");
        var start = new DateTime(2024, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        await AddAsync([.. Enumerable.Range(0, 103).Select(i => (user, action, $"n:{i:D3}", start.AddMinutes(i)))]);
        await AddAsync(($"other-{m}@example.gov.ua", action, "n:999", start.AddMinutes(-1)), (user, $"test.{m}.other", "n:998", start.AddMinutes(-2)));
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));

        var first = await Html.ParseAsync(await admin.GetStringAsync($"/admin/audit?user={Uri.EscapeDataString(user)}&action={action}"));
        var subjects = first.QuerySelectorAll("table.audit tbody tr td:nth-child(5)").Select(c => c.TextContent).ToList();
        Assert.Equal(Enumerable.Range(3, 100).Reverse().Select(i => $"n:{i:D3}"), subjects);
        var older = first.QuerySelectorAll("main a").Single(a => a.TextContent == AdminText.AuditOlder).GetAttribute("href")!;
        var second = await Html.ParseAsync(await admin.GetStringAsync(new Uri(new Uri("http://localhost/admin/audit"), older).PathAndQuery));
        Assert.Equal(["n:002", "n:001", "n:000"], second.QuerySelectorAll("table.audit tbody tr td:nth-child(5)").Select(c => c.TextContent));
        Assert.DoesNotContain(second.QuerySelectorAll("main a"), a => a.TextContent == AdminText.AuditOlder);
    }

    [Fact]
    public async Task Hostile_filter_values_give_an_empty_list_or_a_400_never_an_error()
    {
        await AddAsync(($"plain-{m}@example.gov.ua", $"test.{m}.plain", $"article:{m}", DateTime.UtcNow.AddMinutes(-5)));
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        Assert.NotEmpty(await RowsAsync(admin, ""));

        // Wildcards and quotes are text to find, not patterns or SQL.
        foreach (var query in new[] { "user=%25", "user=_", "user=%27%20OR%20%271%27%3D%271", "action=%27%20OR%201%3D1%20--", "subject=%25", "before=-1", "before=0", $"user={new string('ж', 5000)}" })
        {
            Assert.Empty(await RowsAsync(admin, query));
        }
        // Not dates, or dates the Kyiv day arithmetic cannot take, and repeated filters: refused.
        foreach (var query in new[] { "from=2024-02-30", "to=9999-12-31", "from=0001-01-01", "from=yesterday", "to=2024-03-10&to=2024-03-11", "user=%00" })
        {
            var response = await admin.GetAsync($"/admin/audit?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
        }
        // What does not bind (an id that is not a number) is left out, as an empty filter.
        foreach (var query in new[] { "before=abc", "before=99999999999999999999999" })
        {
            var response = await admin.GetAsync($"/admin/audit?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode}");
        }
    }
}
