using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cli;

// `site create` on a running installation: the new site answers on its host within seconds,
// without a restart, with its own name and nothing of the default site's news; its alias
// redirects to it; a host already taken or not a domain name is refused, and nothing is written.
public class SiteCommandTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task A_site_created_by_the_command_answers_on_its_host_without_a_restart()
    {
        var ours = site.Browserless();
        var defaultHome = await ours.GetStringAsync("/");
        var punycode = "xn--80aahf2bln.xn--j1amh"; // громада.укр
        var theirs = OtherSite.ClientOf(site, punycode);
        Assert.DoesNotContain("Громада з командного рядка", await theirs.GetStringAsync("/")); // unknown yet: the default site

        var created = await CommandRun.RunAsync(["site", "create", "--host", "Громада.УКР", "--name", "Громада з командного рядка", "--alias", "www.hromada-cli.test", .. site.DataArgs]);
        Assert.True(created.Exit == 0, created.Error);
        Assert.Contains(punycode, created.Out);

        var home = await Mail.EventuallyAsync(() => theirs.GetStringAsync("/"), html => html.Contains("Громада з командного рядка"));
        Assert.Contains("Громада з командного рядка", home);
        Assert.DoesNotContain("Громада з командного рядка", await ours.GetStringAsync("/"));
        // A new site has no news: none of the default site's shows on it.
        var firstDefaultArticle = System.Text.RegularExpressions.Regex.Match(defaultHome, @"/news/\d+-[a-z0-9-]+").Value;
        Assert.NotEmpty(firstDefaultArticle);
        Assert.DoesNotContain(firstDefaultArticle, home);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync(firstDefaultArticle)).StatusCode);

        var alias = OtherSite.ClientOf(site, "www.hromada-cli.test");
        var moved = await alias.GetAsync("/news");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"http://{punycode}/news", moved.Headers.Location!.ToString());

        var listed = await CommandRun.RunAsync(["site", "list", .. site.DataArgs]);
        Assert.Contains($"Громада з командного рядка\t{punycode} www.hromada-cli.test", listed.Out);

        var taken = await CommandRun.RunAsync(["site", "create", "--host", "www.hromada-cli.test", "--name", "Друга", .. site.DataArgs]);
        Assert.Equal(1, taken.Exit);
        Assert.Contains("уже належить іншому сайту", taken.Error);
        var invalid = await CommandRun.RunAsync(["site", "create", "--host", "hromada.test:8080/<script>", "--name", "Третя", .. site.DataArgs]);
        Assert.Equal(2, invalid.Exit);
        Assert.DoesNotContain("Друга", (await CommandRun.RunAsync(["site", "list", .. site.DataArgs])).Out);
    }

    [Fact]
    public async Task A_site_created_with_an_administrator_under_the_oblast_gives_them_a_set_up_link_on_its_host()
    {
        var email = $"hromada-admin-{Guid.NewGuid():N}@example.gov.ua";
        var created = await CommandRun.RunAsync(["site", "create", "--host", "admin-cli.test", "--name", "Громада з адміністратором", "--admin", email, "--parent", "1", .. site.DataArgs]);
        Assert.True(created.Exit == 0, created.Error);
        var id = int.Parse(System.Text.RegularExpressions.Regex.Match(created.Out, @"Сайт (\d+)").Groups[1].Value);
        var link = created.Out.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/admin/setup?"));
        Assert.StartsWith("https://admin-cli.test/admin/setup?", link);
        await using (site.Scope(id, out var db))
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal([Roles.Administrator], await SiteRoles.HereAsync(db, user.Id, default));
            // Its creation is in the new site's audit log, not the default site's.
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Subject == AuditActions.User(user.Id)));
        }
        await using (site.Scope(out var db))
        {
            Assert.False(await db.UserRoles.AnyAsync(r => db.Users.Any(u => u.Id == r.UserId && u.Email == email)));
        }
        Assert.Contains($"Громада з адміністратором\tadmin-cli.test\tпід сайтом 1", (await CommandRun.RunAsync(["site", "list", .. site.DataArgs])).Out);
        var orphan = await CommandRun.RunAsync(["site", "create", "--host", "orphan-cli.test", "--name", "Сирота", "--parent", "999", .. site.DataArgs]);
        Assert.Equal(1, orphan.Exit);
        Assert.Contains("сайту 999 немає", orphan.Error);
    }

    [Fact]
    public async Task Commands_with_a_site_work_in_that_site_only()
    {
        var created = await CommandRun.RunAsync(["site", "create", "--host", "seeded-cli.test", "--name", "Громада для команд", .. site.DataArgs]);
        Assert.True(created.Exit == 0, created.Error);
        var id = int.Parse(System.Text.RegularExpressions.Regex.Match(created.Out, @"Сайт (\d+)").Groups[1].Value);
        int before;
        await using (site.Scope(out var db))
        {
            before = await db.Articles.CountAsync();
        }
        var seeded = await CommandRun.RunAsync(["seed", "--synthetic", "3", "--site", id.ToString(), .. site.DataArgs]);
        Assert.True(seeded.Exit == 0, seeded.Error);
        var email = $"site-admin-{Guid.NewGuid():N}@example.gov.ua";
        var admin = await CommandRun.RunAsync(["admin", "create", "--email", email, "--site", id.ToString(), .. site.DataArgs]);
        Assert.True(admin.Exit == 0, admin.Error);
        await using (site.Scope(id, out var db))
        {
            Assert.Equal(3, await db.Articles.CountAsync());
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal([Roles.Administrator], await SiteRoles.HereAsync(db, user.Id, default));
        }
        await using (site.Scope(out var db))
        {
            Assert.Equal(before, await db.Articles.CountAsync());
            Assert.Empty(await SiteRoles.HereAsync(db, (await db.Users.SingleAsync(u => u.Email == email)).Id, default));
        }
        var missing = await CommandRun.RunAsync(["seed", "--synthetic", "1", "--site", "999", .. site.DataArgs]);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("сайту 999 немає", missing.Error);
        var malformed = await CommandRun.RunAsync(["admin", "create", "--email", "x@example.gov.ua", "--site", "two", .. site.DataArgs]);
        Assert.Equal(2, malformed.Exit);
    }
}
