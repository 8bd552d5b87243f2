using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Tests.Newsroom;
using static Visnyk.Tests.Browser.KeyboardOnly;

namespace Visnyk.Tests.Browser;

// Passkeys end to end in Chromium, with its virtual authenticator standing in for a phone's
// fingerprint reader: add one to an account, sign out, sign in with it and no password.
[Trait("Category", "Browser")]
public class PasskeyTests(NewsroomBrowserSite browser) : IClassFixture<NewsroomBrowserSite>
{
    [Fact]
    public async Task A_passkey_added_to_the_account_signs_in_without_a_password()
    {
        // WebAuthn needs a domain, not an IP address, as the relying party: use localhost.
        var origin = $"http://localhost:{browser.BaseAddress.Port}";
        var account = await browser.Site.CreateAsync(Roles.ChiefEditor);
        await using var context = await browser.NewContextAsync(BrowserSite.Desktop);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync($"{origin}/admin/signin");
        await TypeIntoAsync(page, "#Email", account.Email);
        await TypeIntoAsync(page, "#Password", Newsroom.Newsroom.Password);
        await PressForNewPageAsync(page, "Enter");
        await TypeIntoAsync(page, "#Code", Newsroom.Newsroom.Code(account.AuthenticatorKey!));
        await PressForNewPageAsync(page, "Enter");

        await page.GotoAsync($"{origin}/admin/account/passkeys");
        await TypeIntoAsync(page, "#passkey-name", "Робочий ноутбук");
        await PressButtonAsync(page, "form[data-passkey='create'] button[type=submit]");
        Assert.Contains("Ключ доступу додано.", await page.InnerTextAsync("main"));
        Assert.Contains("Робочий ноутбук", await page.InnerTextAsync("main"));

        await PressButtonAsync(page, ".admin-header__signout button");
        Assert.Contains("/admin/signin", page.Url);
        await PressButtonAsync(page, "form[data-passkey='signin'] button[type=submit]");
        Assert.EndsWith("/admin/articles", page.Url);

        await using var scope = browser.Site.Scope(out var db);
        var actions = await db.AuditEntries.Where(e => e.UserId == account.Id).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditActions.PasskeyAdded, actions);
        Assert.Contains(AuditActions.PasskeySignIn, actions);
    }
}
