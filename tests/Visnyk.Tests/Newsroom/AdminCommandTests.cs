using System.Net;
using AngleSharp.Html.Parser;
using Visnyk.Cli;
using Visnyk.Tests.Cli;

namespace Visnyk.Tests.Newsroom;

// `admin create` on the data folder of a running site: the link it prints opens on the site,
// sets a password once, and leads to two-factor set-up. There is no default password anywhere.
public class AdminCommandTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Admin_create_prints_a_one_time_link_that_sets_the_password_on_the_site()
    {
        var anonymous = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/admin/signin")).StatusCode); // the site runs

        var run = await CommandRun.RunAsync(["admin", "create", "--email", "first.admin@example.gov.ua", "--name", "Перший адміністратор",
            .. site.DataArgs, "--Visnyk:DemoContent=false", "--Logging:LogLevel:Default=Warning"]);
        Assert.Equal(0, run.Exit);
        var link = run.Out.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/admin/setup?"));
        var path = new Uri(link).PathAndQuery;

        var setup = new HtmlParser().ParseDocument(await anonymous.GetStringAsync(path));
        Assert.Contains("first.admin@example.gov.ua", setup.Body!.TextContent);
        var set = await anonymous.PostFormAsync(path, path, ("user", setup.QuerySelector("input[name=user]")!.GetAttribute("value")!),
            ("Token", setup.QuerySelector("input[name=Token]")!.GetAttribute("value")!),
            ("Password", "нове довге гасло адміністратора"), ("Repeat", "нове довге гасло адміністратора"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/admin/account/two-factor", set.Headers.Location!.OriginalString);

        // The same link again: used up.
        Assert.Equal(HttpStatusCode.Gone, (await site.Client().GetAsync(path)).StatusCode);
        // And the same address cannot be created twice.
        Assert.Equal(1, await Commands.RunAsync(["admin", "create", "--email", "first.admin@example.gov.ua", .. site.DataArgs, "--Visnyk:DemoContent=false"]));
    }

    // The link opens where the site is: its public address, else where it listens (it used to
    // print http://localhost:5000 whatever the site's address).
    [Theory]
    [InlineData("--urls=http://127.0.0.1:8123", "http://127.0.0.1:8123/admin/setup?")]
    [InlineData("--urls=http://*:8124;https://*:8443", "http://localhost:8124/admin/setup?")]
    [InlineData("--Visnyk:PublicUrl=https://news.example.gov.ua", "https://news.example.gov.ua/admin/setup?")]
    public async Task The_link_is_on_the_sites_address(string setting, string start)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.gov.ua";
        var run = await CommandRun.RunAsync(["admin", "create", "--email", email, setting, .. site.DataArgs, "--Visnyk:DemoContent=false", "--Logging:LogLevel:Default=Warning"]);
        Assert.Equal(0, run.Exit);
        Assert.StartsWith(start, run.Out.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/admin/setup?")));
    }
}
