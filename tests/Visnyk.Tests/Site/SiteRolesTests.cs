using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Site;

// Accounts are global, roles per site: a hromada's administrator runs the hromada and nothing
// else, whatever host or cookie they try; the oblast's "sites administrator" runs the hromadas
// under the oblast and no other oblast's; and an account that also works elsewhere cannot be
// blocked, stripped of its second factor or handed a password link by one site's administrators.
public class SiteRolesTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    static bool Administers(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task A_hromada_administrator_runs_the_hromada_and_not_the_oblast_by_any_host_or_cookie()
    {
        var hromada = await OtherSite.CreateAsync(site, 40, "roles-hromada.test");
        var admin = await site.CreateAsync(Roles.Administrator, siteId: hromada.Id);
        var (theirs, cookie) = await site.SignInAsync(admin, hromada.Client(site));
        Assert.True(Administers(await theirs.GetAsync("/admin/settings")));
        Assert.Contains(hromada.Name, await theirs.GetStringAsync("/admin/settings"));

        // The same account signed in on the oblast's host: a user with no role there.
        var oblast = await site.SignedInAsync(admin);
        var settings = await oblast.GetAsync("/admin/settings");
        Assert.False(Administers(settings));
        Assert.Equal("/admin/denied", settings.Headers.Location?.AbsolutePath);
        Assert.False(Administers(await oblast.GetAsync("/admin/users")));
        // The hromada's cookie sent to the oblast's host is no session there.
        var replayed = await site.WithCookie(cookie).GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/admin/signin", new Uri(new Uri("http://localhost"), replayed.Headers.Location!).AbsolutePath);
        // And the oblast's users are not on the hromada's list, nor can it open them by id.
        var oblastEditor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        Assert.DoesNotContain(oblastEditor.Email, await theirs.GetStringAsync("/admin/users"));
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/admin/users/edit/{oblastEditor.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_oblast_s_sites_administrator_runs_its_hromadas_and_not_another_oblast_s()
    {
        var own = await OtherSite.CreateAsync(site, 41, "roles-own.test");
        var foreign = await OtherSite.CreateAsync(site, 42, "roles-foreign.test");
        await using (site.Scope(out var db))
        {
            await db.Sites.Where(s => s.Id == own.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ParentId, Visnyk.Site.Site.Default));
        }
        var chief = await site.CreateAsync(Roles.SitesAdministrator);
        Assert.True(Administers(await (await site.SignedInAsync(chief)).GetAsync("/admin/settings")));
        Assert.True(Administers(await (await site.SignedInAsync(chief, own.Client(site))).GetAsync("/admin/settings")));
        Assert.False(Administers(await (await site.SignedInAsync(chief, foreign.Client(site))).GetAsync("/admin/settings")));
        // A plain administrator of the oblast is not one of its hromadas'.
        var plain = await site.CreateAsync(Roles.Administrator);
        Assert.False(Administers(await (await site.SignedInAsync(plain, own.Client(site))).GetAsync("/admin/settings")));
    }

    [Fact]
    public async Task A_hromada_administrator_cannot_act_on_an_account_that_works_for_another_site()
    {
        var hromada = await OtherSite.CreateAsync(site, 43, "roles-shared.test");
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: hromada.Id), hromada.Client(site));
        var shared = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var sharedAtOblast = await site.SignedInAsync(shared);

        // Inviting the oblast editor's address gives that account a role here; no new account, no link.
        var invited = await admin.PostFormAsync("/admin/users", "/admin/users", ("Invite.Email", shared.Email), ("Invite.Role", Roles.ChiefEditor));
        var page = await invited.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains(string.Format(AdminText.UserGranted, shared.Email), page);
        Assert.DoesNotContain("/admin/setup?", page);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.Equal([Roles.ChiefEditor], await SiteRoles.HereAsync(db, shared.Id, default));
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == shared.Email));
        }

        // Nothing that acts on the account itself, nor the power over the sites below.
        var edit = $"/admin/users/edit/{shared.Id}";
        Assert.Contains(AdminText.UserOnOtherSites, await admin.GetStringAsync(edit));
        foreach (var (handler, field) in new[] { ("Block", ("blocked", "true")), ("ResetTwoFactor", ("x", "")), ("Link", ("x", "")) })
        {
            var refused = await admin.PostFormAsync(edit, $"{edit}?handler={handler}", field);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(AdminText.UserOnOtherSites, new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".form__errors")!.TextContent);
        }
        var promoted = await admin.PostFormAsync(edit, $"{edit}?handler=Role", ("role", Roles.SitesAdministrator));
        Assert.Contains(AdminText.SitesAdministratorOnly, await promoted.Content.ReadAsStringAsync());
        await using (var scope = site.Scope(out var db))
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == shared.Id);
            Assert.True(account.TwoFactorEnabled);
            Assert.Null(account.LockoutEnd);
            Assert.Equal([Roles.Editor], await SiteRoles.HereAsync(db, shared.Id, default));
        }

        // Its role changed here; its session on the oblast's site stands (not this site's to end).
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, $"{edit}?handler=Role", ("role", Roles.Editor))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sharedAtOblast.GetAsync("/admin/articles")).StatusCode);

        // Taking it off the hromada leaves it the oblast's editor.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(edit, $"{edit}?handler=Remove")).StatusCode);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.Empty(await SiteRoles.HereAsync(db, shared.Id, default));
        }
        await using (site.Scope(out var db))
        {
            Assert.Equal([Roles.Editor], await SiteRoles.HereAsync(db, shared.Id, default));
        }
        // An account of the hromada alone is the hromada's to block.
        var own = await site.CreateAsync(Roles.Editor, siteId: hromada.Id);
        var ownEdit = $"/admin/users/edit/{own.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(ownEdit, $"{ownEdit}?handler=Block", ("blocked", "true"))).StatusCode);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.True((await db.Users.AsNoTracking().SingleAsync(u => u.Id == own.Id)).LockoutEnd > DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task Another_site_s_open_invitation_or_sites_administrator_is_out_of_a_site_administrator_s_reach()
    {
        var hromada = await OtherSite.CreateAsync(site, 44, "roles-reach.test");
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: hromada.Id), hromada.Client(site));

        // The oblast invited someone who has not set a password yet: the hromada may give them a
        // role, but never a link that would set their password.
        var oblastAdmin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var invitee = $"invitee-{Guid.NewGuid():N}@example.gov.ua";
        var invited = await oblastAdmin.PostFormAsync("/admin/users", "/admin/users", ("Invite.Email", invitee), ("Invite.Role", Roles.Administrator));
        Assert.Contains("/admin/setup?", await invited.Content.ReadAsStringAsync());
        var granted = await admin.PostFormAsync("/admin/users", "/admin/users", ("Invite.Email", invitee), ("Invite.Role", Roles.ChiefEditor));
        var page = await granted.Content.ReadAsStringAsync();
        Assert.Contains(string.Format(AdminText.UserGrantedInvitedElsewhere, invitee), page);
        Assert.DoesNotContain("/admin/setup?", page);
        string id;
        await using (site.Scope(hromada.Id, out var db))
        {
            id = await db.Users.Where(u => u.Email == invitee).Select(u => u.Id).SingleAsync();
        }
        var edit = $"/admin/users/edit/{id}";
        Assert.Contains(AdminText.UserOnOtherSites, (await (await admin.PostFormAsync(edit, $"{edit}?handler=Link")).Content.ReadAsStringAsync()));

        // A sites administrator of this site administers the sites below it: a plain administrator
        // here cannot reset their second factor nor hand out their password link.
        var above = await site.CreateAsync(Roles.SitesAdministrator, siteId: hromada.Id);
        var aboveEdit = $"/admin/users/edit/{above.Id}";
        foreach (var handler in new[] { "ResetTwoFactor", "Link", "Block" })
        {
            var refused = await admin.PostFormAsync(aboveEdit, $"{aboveEdit}?handler={handler}", ("blocked", "true"));
            Assert.Contains(AdminText.UserOnOtherSites, await refused.Content.ReadAsStringAsync());
        }
        await using (site.Scope(hromada.Id, out var db))
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == above.Id);
            Assert.True(account.TwoFactorEnabled);
            Assert.Null(account.LockoutEnd);
        }
    }
}
