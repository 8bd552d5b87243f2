using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Site;

// An oblast's sites administrator creates a hromada's site from the newsroom: it answers on its
// domain at once, under the oblast, with its first administrator's one-time link; a taken or
// malformed domain is refused with a reason and nothing is written; nobody else may create sites.
public class SiteCreationTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    [Fact]
    public async Task The_oblast_s_sites_administrator_creates_a_hromada_site_that_answers_at_once()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.SitesAdministrator));
        Assert.Contains("href=\"/admin/sites\"", await chief.GetStringAsync("/admin/articles"));
        var email = $"first-{Guid.NewGuid():N}@hromada.example.gov.ua";
        var response = await chief.PostFormAsync("/admin/sites", "/admin/sites",
            ("Create.Name", "Громада з редакції"), ("Create.Host", "Newsroom-Made.test"), ("Create.Alias", "www.newsroom-made.test"), ("Create.Admin", email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelector(".form__errors")!.TextContent.Trim());
        var link = page.QuerySelector("code.invitation-link")!.TextContent;
        Assert.StartsWith("https://newsroom-made.test/admin/setup?", link);

        // Served now on its own domain, with its own name; its alias leads there.
        var theirs = OtherSite.ClientOf(site, "newsroom-made.test");
        Assert.Contains("Громада з редакції", await theirs.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.MovedPermanently, (await OtherSite.ClientOf(site, "www.newsroom-made.test").GetAsync("/")).StatusCode);
        int id;
        await using (site.Scope(out var db))
        {
            var created = await db.Sites.SingleAsync(s => s.Name == "Громада з редакції");
            Assert.Equal(Visnyk.Site.Site.Default, created.ParentId);
            id = created.Id;
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Visnyk.Audit.AuditActions.SiteCreated && e.Subject == $"site:{id}"));
        }
        await using (site.Scope(id, out var db))
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal([Roles.Administrator], await SiteRoles.HereAsync(db, user.Id, default));
        }
        // The link opens on the new site and sets the first administrator's password.
        var path = new Uri(link).PathAndQuery;
        var setup = await Html.ParseAsync(await theirs.GetStringAsync(path));
        Assert.Contains(email, setup.Body!.TextContent);
        // The oblast's sites administrator runs the new site too.
        Assert.Equal(HttpStatusCode.OK, (await (await site.SignedInAsync(await site.CreateAsync(Roles.SitesAdministrator), OtherSite.ClientOf(site, "newsroom-made.test"))).GetAsync("/admin/settings")).StatusCode);

        // The same domain again, or one that is no domain: refused, and nothing is added.
        foreach (var (host, message) in new[] { ("newsroom-made.test", string.Format(AdminText.SiteHostTaken, "newsroom-made.test")), ("bad host/<script>", string.Format(AdminText.SiteHostInvalid, "bad host/<script>")) })
        {
            var refused = await chief.PostFormAsync("/admin/sites", "/admin/sites", ("Create.Name", "Друга громада"), ("Create.Host", host));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await Html.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector(".form__errors")!.TextContent);
        }
        await using (site.Scope(out var db))
        {
            Assert.False(await db.Sites.AnyAsync(s => s.Name == "Друга громада"));
        }
    }

    [Fact]
    public async Task Only_a_sites_administrator_may_create_sites()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        Assert.DoesNotContain("href=\"/admin/sites\"", await admin.GetStringAsync("/admin/articles"));
        Assert.Equal("/admin/denied", (await admin.GetAsync("/admin/sites")).Headers.Location?.AbsolutePath);
        var refused = await admin.PostFormAsync("/admin/users", "/admin/sites", ("Create.Name", "Самочинна громада"), ("Create.Host", "self-made.test"));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Sites.AnyAsync(s => s.Name == "Самочинна громада"));
    }

    [Fact]
    public async Task A_first_administrator_invited_by_another_site_gets_no_link_here_and_a_bad_one_creates_nothing()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.SitesAdministrator));
        // Invited on the oblast, no password yet: the new site gives the account its role, never a link.
        var invitee = $"pending-{Guid.NewGuid():N}@example.gov.ua";
        var oblast = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        Assert.Contains("/admin/setup?", await (await oblast.PostFormAsync("/admin/users", "/admin/users", ("Invite.Email", invitee), ("Invite.Role", Roles.ChiefEditor))).Content.ReadAsStringAsync());
        var created = await chief.PostFormAsync("/admin/sites", "/admin/sites", ("Create.Name", "Громада з запрошеним"), ("Create.Host", "pending-admin.test"), ("Create.Admin", invitee));
        var page = await Html.ParseAsync(await created.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelector(".form__errors")!.TextContent.Trim());
        Assert.Contains("Громада з запрошеним", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(page.QuerySelector("code.invitation-link"));

        // An address Identity would refuse as a user name, or an IP address as the domain: refused
        // before anything is written, with the reason.
        foreach (var (host, admin) in new[] { ("apostrophe-admin.test", "o'neil@example.gov.ua"), ("127.0.0.1", "ip@example.gov.ua") })
        {
            var refused = await chief.PostFormAsync("/admin/sites", "/admin/sites", ("Create.Name", "Громада, якої не буде"), ("Create.Host", host), ("Create.Admin", admin));
            Assert.NotEmpty((await Html.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector(".form__errors")!.TextContent.Trim());
        }
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Sites.AnyAsync(s => s.Name == "Громада, якої не буде"));
        Assert.False(await db.Users.AnyAsync(u => u.Email == "o'neil@example.gov.ua"));
    }
}
