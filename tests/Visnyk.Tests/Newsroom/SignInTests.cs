using System.Net;
using AngleSharp.Html.Parser;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

public class SignInTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<List<AuditEntry>> AuditOfAsync(string email)
    {
        await using var scope = site.Scope(out var db);
        return await db.AuditEntries.AsNoTracking().Where(e => e.UserName == email || e.Details == email).OrderBy(e => e.Id).ToListAsync();
    }

    // Guessing is slowed, never locked: SignInThrottleTests.

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_as_a_wrong_password()
    {
        var client = site.Client();
        var unknown = await (await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", "nobody@example.gov.ua"), ("Password", "будь-який пароль"))).Content.ReadAsStringAsync();
        Assert.Contains("Невірна адреса або пароль.", unknown);
        Assert.Contains(await AuditOfAsync("nobody@example.gov.ua"), e => e.Action == AuditActions.SignInFailed && e.UserId == null);
    }

    [Fact]
    public async Task Password_alone_does_not_open_the_newsroom_when_two_factor_is_on_and_a_wrong_code_is_refused()
    {
        var chief = await site.CreateAsync(Roles.ChiefEditor);
        var client = site.Client();
        var step1 = await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", chief.Email), ("Password", Newsroom.Password));
        Assert.Equal("/admin/signin/code", step1.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/articles")).StatusCode);

        var wrong = await client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", "000000"));
        Assert.Contains("Невірний код.", await wrong.Content.ReadAsStringAsync());
        var right = await client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", Newsroom.Code(chief.AuthenticatorKey!)));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);
        Assert.Contains(await AuditOfAsync(chief.Email), e => e.Action == AuditActions.SignInTwoFactorFailed);
    }

    [Fact]
    public async Task Administrator_without_two_factor_must_set_it_up_first_and_gets_recovery_codes_that_work_once()
    {
        var admin = await site.CreateAsync(Roles.Administrator, twoFactor: false);
        var client = await site.SignedInAsync(admin);
        var gated = await client.GetAsync("/admin/users");
        Assert.Equal("/admin/account/two-factor", gated.Headers.Location!.OriginalString);

        var setup = new HtmlParser().ParseDocument(await client.GetStringAsync("/admin/account/two-factor"));
        Assert.NotNull(setup.QuerySelector("figure.qr svg"));
        var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var enabled = await client.PostFormAsync("/admin/account/two-factor", "/admin/account/two-factor", ("Code", Newsroom.Code(key)));
        var codes = new HtmlParser().ParseDocument(await enabled.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        // A recovery code instead of the phone: once.
        foreach (var expected in new[] { HttpStatusCode.Redirect, HttpStatusCode.OK })
        {
            var fresh = site.Client();
            await fresh.PostFormAsync("/admin/signin", "/admin/signin", ("Email", admin.Email), ("Password", Newsroom.Password));
            var response = await fresh.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", codes[0]));
            Assert.Equal(expected, response.StatusCode);
        }
        var entries = await AuditOfAsync(admin.Email);
        Assert.Contains(entries, e => e.Action == AuditActions.TwoFactorEnabled);
        Assert.Contains(entries, e => e.Action == AuditActions.RecoveryCodeUsed);
    }

    [Fact]
    public async Task Audit_log_cannot_be_changed_or_deleted_even_by_sql()
    {
        await using var scope = site.Scope(out var db);
        db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = "test.entry", UserName = "test" });
        await db.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else'"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "test.entry" && e.UserName == "test"));
    }

    [Fact]
    public async Task Editor_cannot_reach_administration_pages()
    {
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var client = await site.SignedInAsync(editor);
        foreach (var path in new[] { "/admin/users", "/admin/audit" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/admin/denied", response.Headers.Location!.ToString());
        }
    }
}
