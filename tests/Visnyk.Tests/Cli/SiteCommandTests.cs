using System.Net;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cli;

// `site create` on a running installation: the new site answers on its host within seconds,
// without a restart, with its own name and nothing of the default site's news; its alias
// redirects to it; a host already taken or not a domain name is refused, and nothing is written.
[Collection(Newsroom.ConsoleCollection.Name)]
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
}
