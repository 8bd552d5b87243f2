using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// A session ends on the server: a copy of its cookie, taken before, is worth nothing after
// signing out, being blocked, a new password or a two-factor reset.
public class SessionTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static async Task AssertSentToSignInAsync(HttpClient client)
    {
        var response = await client.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/signin", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_copied_session_cookie_stops_working_when_its_owner_signs_out()
    {
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var (client, cookie) = await site.SignInAsync(editor);
        var copy = site.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin/articles")).StatusCode);

        var signedOut = await client.PostFormAsync("/admin/account", "/admin/signout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await AssertSentToSignInAsync(copy);
        await AssertSentToSignInAsync(client);
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_the_others_and_sign_out_everywhere_ends_them_all()
    {
        var chief = await site.CreateAsync(Roles.ChiefEditor);
        var (office, officeCookie) = await site.SignInAsync(chief);
        var (phone, _) = await site.SignInAsync(chief);
        var (laptop, _) = await site.SignInAsync(chief);
        await laptop.PostFormAsync("/admin/account", "/admin/signout");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/admin/articles")).StatusCode);
        var account = await Html.ParseAsync(await office.GetStringAsync("/admin/account"));
        Assert.Contains(": 2.", account.QuerySelector("[data-testid=session-count]")!.TextContent);

        var ended = await office.PostFormAsync("/admin/account", "/admin/account?handler=EndAll");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        await AssertSentToSignInAsync(phone);
        await AssertSentToSignInAsync(site.WithCookie(officeCookie));
        await using var scope = site.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignOutEverywhere && e.UserId == chief.Id && e.Details == "завершено сеансів: 2"));
    }

    [Fact]
    public async Task Blocking_a_password_change_and_a_two_factor_reset_each_end_the_sessions_at_once()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        foreach (var change in new[] { "block", "password", "two-factor" })
        {
            var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
            var (_, cookie) = await site.SignInAsync(editor);
            var copy = site.WithCookie(cookie);
            Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin/articles")).StatusCode);
            if (change == "password")
            {
                await using var scope = site.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
                var user = (await users.FindByIdAsync(editor.Id))!;
                Assert.True((await users.ChangePasswordAsync(user, Newsroom.Password, "інший довгий пароль редакції")).Succeeded);
            }
            else
            {
                var handler = change == "block" ? "Block" : "ResetTwoFactor";
                var done = await admin.PostFormAsync($"/admin/users/edit/{editor.Id}", $"/admin/users/edit/{editor.Id}?handler={handler}", ("blocked", "true"));
                Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            }
            await AssertSentToSignInAsync(copy);
        }
    }
}

// The site on a clock the test moves.
public class FakeClockSiteFactory : SiteFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public class SessionLifetimeTests(FakeClockSiteFactory site) : IClassFixture<FakeClockSiteFactory>
{
    [Fact]
    public async Task A_session_in_constant_use_still_ends_a_working_day_after_signing_in()
    {
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        // The site checks authenticator codes on its own clock: bring it to the phone's time first.
        site.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var client = await site.SignedInAsync(editor);
        // A request every 20 minutes keeps the 30-minute idle timeout from ever ending it.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(9); elapsed += TimeSpan.FromMinutes(20))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);
            site.Clock.Advance(TimeSpan.FromMinutes(20));
        }
        var late = await client.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("/admin/signin", late.Headers.Location!.AbsolutePath);
    }
}
