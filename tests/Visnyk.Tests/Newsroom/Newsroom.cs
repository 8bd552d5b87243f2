using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Visnyk.Accounts;
using Visnyk.Data;

namespace Visnyk.Tests.Newsroom;

// Newsroom accounts for tests, made through Identity itself, and browsers-without-a-browser
// that sign in over HTTP the way a person does (form, antiforgery token, authenticator code).
public static class Newsroom
{
    public const string Password = "довгий пароль редакції 2026";

    public record Account(string Id, string Email, string? AuthenticatorKey);

    // Its role (and departments) on one site, the default one unless told.
    public static async Task<Account> CreateAsync(this SiteFactory site, string role, string[]? departmentSlugs = null, bool twoFactor = true, int siteId = Visnyk.Site.Site.Default)
    {
        await using var scope = site.Scope(siteId, out var db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.gov.ua";
        var slugs = departmentSlugs ?? [];
        var user = new User
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = role,
            Departments = await db.Departments.Where(d => slugs.Contains(d.Slug)).ToListAsync(),
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        string? key = null;
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return new Account(user.Id, email, key);
    }

    public static HttpClient Client(this SiteFactory site) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    // The site takes each authenticator code once (a later time step than the last one it took,
    // one step of drift at most), so each call hands out the next unused step: now, or the next
    // one; past that, it waits for the clock to reach a new step, as a person would.
    public static string Code(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        while (true)
        {
            var now = DateTime.UtcNow;
            var current = (long)(now - DateTime.UnixEpoch).TotalSeconds / 30;
            lock (LastSteps)
            {
                var step = Math.Max(current, LastSteps.GetValueOrDefault(key, long.MinValue) + 1);
                if (step <= current + 1)
                {
                    LastSteps[key] = step;
                    return totp.ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
                }
            }
            Thread.Sleep(DateTime.UnixEpoch.AddSeconds((current + 1) * 30) - now + TimeSpan.FromMilliseconds(50));
        }
    }

    static readonly Dictionary<string, long> LastSteps = [];

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var document = new HtmlParser().ParseDocument(html);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPath, string postPath, params (string Name, string Value)[] fields)
    {
        var token = await client.AntiforgeryTokenAsync(formPath);
        var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await client.PostAsync(postPath, content);
    }

    // Password, then the authenticator code if the account has two factors. Returns the client
    // (a new one, or the one given), signed in.
    public static async Task<HttpClient> SignedInAsync(this SiteFactory site, Account account, HttpClient? client = null) =>
        (await site.SignInAsync(account, client)).Client;

    // The same, with the session cookie as set at sign-in (to copy it into another client).
    public static async Task<(HttpClient Client, string Cookie)> SignInAsync(this SiteFactory site, Account account, HttpClient? client = null)
    {
        client ??= site.Client();
        var response = await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", account.Email), ("Password", Password));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.Contains("/admin/signin/code"))
        {
            response = await client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", Code(account.AuthenticatorKey!)));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("visnyk.session=", StringComparison.Ordinal));
        return (client, cookie);
    }

    // A client that sends only the given cookie: a copy of a session, as a thief would hold it.
    public static HttpClient WithCookie(this SiteFactory site, string cookie)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
