using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// Sign-ins from chosen client addresses (the test server has none; Kestrel or the proxy's header
// gives one in production), on a clock the test moves instead of waiting.
public class ThrottleSiteFactory : SiteFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton<IStartupFilter, ClientAddress>();
        });
    }

    public HttpClient ClientFrom(string address)
    {
        var client = this.Client();
        client.DefaultRequestHeaders.Add(ClientAddress.Header, address);
        return client;
    }
}

public class SignInThrottleTests(ThrottleSiteFactory site) : IClassFixture<ThrottleSiteFactory>
{
    const string Wrong = "неправильний довгий пароль";

    static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", email), ("Password", password));

    // What a guesser can compare: status, Retry-After, and the page (the typed address aside).
    static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("input[name=Email]")?.RemoveAttribute("value");
        foreach (var token in page.QuerySelectorAll("input[name=__RequestVerificationToken]"))
        {
            token.RemoveAttribute("value");
        }
        return $"{(int)response.StatusCode} {response.Headers.RetryAfter} {page.QuerySelector("main")!.OuterHtml}";
    }

    async Task<List<AuditEntry>> AuditAsync(string email)
    {
        await using var scope = site.Scope(out var db);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Details.StartsWith(email)).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Unknown_address_wrong_password_and_blocked_account_get_the_same_answers_try_after_try()
    {
        var known = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"], twoFactor: false);
        var blocked = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"], twoFactor: false);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(blocked.Id))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }
        var unknown = $"nobody-{Guid.NewGuid():N}@example.gov.ua";
        // Each from its own address; the blocked one even with its right password.
        var tries = new (HttpClient Client, string Email, string Password)[]
        {
            (site.ClientFrom("10.1.0.1"), known.Email, Wrong),
            (site.ClientFrom("10.1.0.2"), unknown, Wrong),
            (site.ClientFrom("10.1.0.3"), blocked.Email, Newsroom.Password),
        };
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 7; round++)
        {
            var answers = new List<string>();
            foreach (var (client, email, password) in tries)
            {
                var response = await SignInAsync(client, email, password);
                answers.Add(await AnswerAsync(response));
                statuses.Add(response.StatusCode);
            }
            Assert.Equal(answers[0], answers[1]);
            Assert.Equal(answers[0], answers[2]);
        }
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(await AuditAsync(blocked.Email), e => e.Action == AuditActions.SignInLockedOut && e.UserId == blocked.Id);
    }

    [Fact]
    public async Task The_owner_signs_in_from_their_own_address_while_an_attacker_elsewhere_gets_nowhere()
    {
        var owner = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"], twoFactor: false);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(site.ClientFrom("10.2.0.1"), owner.Email, Newsroom.Password)).StatusCode);

        var attacker = site.ClientFrom("10.2.0.66");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add((await SignInAsync(attacker, owner.Email, Wrong + i)).StatusCode);
        }
        // Five free failures, then every try waits: the clock has not moved, so all are refused.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 25)), answers);
        // Even the right password gets no further from there.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(attacker, owner.Email, Newsroom.Password)).StatusCode);

        var signedIn = await SignInAsync(site.ClientFrom("10.2.0.1"), owner.Email, Newsroom.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Many_failures_from_one_address_get_429_with_Retry_After_and_growing_delays_whatever_the_accounts()
    {
        var client = site.ClientFrom("10.3.0.1");
        string Guess(int i) => $"guess-{i}-{Guid.NewGuid():N}@example.gov.ua";
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, Guess(i), Wrong)).StatusCode);
        }
        var refused = await SignInAsync(client, Guess(20), Wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
        var message = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".form__errors")!.TextContent;
        Assert.Contains(string.Format(Text.SignInThrottled, SignInThrottle.Describe(TimeSpan.FromSeconds(1))), message);
        await using (var scope = site.Scope(out var db))
        {
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignInThrottled && e.Ip == "10.3.0.1"));
        }

        // Waiting as told lets one more try through, and the next wait is longer.
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, Guess(21), Wrong)).StatusCode);
        var again = await SignInAsync(client, Guess(22), Wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), again.Headers.RetryAfter!.Delta);
        // Another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(site.ClientFrom("10.3.0.2"), Guess(23), Wrong)).StatusCode);
    }

    [Fact]
    public async Task Failures_spread_over_many_addresses_slow_the_account_even_for_the_right_password_and_each_try_is_audited()
    {
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"], twoFactor: false);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(site.ClientFrom($"10.4.1.{i}"), editor.Email, Wrong)).StatusCode);
        }
        var right = await SignInAsync(site.ClientFrom("10.4.2.1"), editor.Email, Newsroom.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var entries = await AuditAsync(editor.Email);
        Assert.Equal(5, entries.Count(e => e.Action == AuditActions.SignInFailed && e.UserId == editor.Id));
        Assert.Single(entries, e => e.Action == AuditActions.SignInThrottled);

        // No lockout: once the wait is over, the right password works from a new address.
        site.Clock.Advance(right.Headers.RetryAfter!.Delta!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(site.ClientFrom("10.4.2.1"), editor.Email, Newsroom.Password)).StatusCode);
    }

    [Fact]
    public async Task Guessing_the_two_factor_code_is_slowed_the_same_way()
    {
        var chief = await site.CreateAsync(Roles.ChiefEditor);
        var client = site.ClientFrom("10.5.0.1");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, chief.Email, Newsroom.Password)).StatusCode);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", $"00000{i}"))).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), answers);
        // Refused before any check: the right code too.
        var right = await client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", Newsroom.Code(chief.AuthenticatorKey!)));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/articles")).StatusCode);
    }
}
