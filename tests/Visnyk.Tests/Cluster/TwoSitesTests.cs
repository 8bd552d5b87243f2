using System.Net;
using AngleSharp.Html.Parser;
using Visnyk.Tests.Cli;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cluster;

// Two sites on the two instances behind nginx, which passes on the reader's Host: a hromada made
// by the command answers on its name through either instance, with its own name and news; what
// its newsroom publishes through one instance is fresh on the other, never shows on the oblast's
// name, and leaves the oblast's cached pages alone.
[Collection(AloneCollection.Name)]
public class TwoSitesTests
{
    const string Hromada = "hromada.test";
    const string HromadaName = "Громада за nginx";
    const string Department = "Відділ благоустрою громади";
    const string Title = "Громада за nginx: новина лише для своїх";

    [Fact]
    public async Task Each_instance_answers_each_host_with_its_own_site_and_a_hromadas_news_stay_on_its_host()
    {
        await using var cluster = await Cluster.StartAsync();
        HttpClient[] oblast = [cluster.Client(cluster.First), cluster.Client(cluster.Second)];
        HttpClient[] hromada = [cluster.Client(cluster.First, host: Hromada), cluster.Client(cluster.Second, host: Hromada)];
        var oblastHome = await oblast[0].GetStringAsync("/");
        var oblastName = SiteName(oblastHome);
        var oblastArticle = System.Text.RegularExpressions.Regex.Match(oblastHome, @"/news/\d+-[a-z0-9-]+").Value;
        Assert.NotEmpty(oblastArticle);
        // No site has the name yet: the default site answers it (and each instance caches that page).
        foreach (var client in hromada)
        {
            Assert.Equal(oblastName, SiteName(await client.GetStringAsync("/")));
        }

        var created = await CommandRun.RunAsync(["site", "create", "--host", Hromada, "--name", HromadaName, "--admin", $"admin@{Hromada}",
            .. cluster.DataArgs, "--Logging:LogLevel:Default=Warning"]);
        Assert.True(created.Exit == 0, created.Error);

        // Each instance re-reads the hosts within seconds: then the name is the hromada's, with none of the oblast's news.
        foreach (var client in hromada)
        {
            var home = await Mail.EventuallyAsync(() => client.GetStringAsync("/"), page => SiteName(page) == HromadaName, seconds: 60);
            Assert.Equal(HromadaName, SiteName(home));
            Assert.DoesNotContain(oblastArticle, home);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(oblastArticle)).StatusCode);
        }
        foreach (var client in oblast)
        {
            Assert.Equal(oblastName, SiteName(await client.GetStringAsync("/")));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(oblastArticle)).StatusCode);
        }

        // The hromada's administrator sets up on the second instance; the first knows the session.
        var cookies = new CookieContainer();
        HttpClient[] newsroom = [cluster.Client(cluster.First, cookies, Hromada), cluster.Client(cluster.Second, cookies, Hromada)];
        await ClusterNewsroom.SetUpAsync(ClusterNewsroom.SetupLink(created.Out), newsroom[1], newsroom[0]);

        // Cached now: the oblast's home on the second instance, and the hromada's list there (its home
        // was, while it was polled) and its departments on the first.
        await oblast[1].GetAsync("/");
        var oblastCached = await oblast[1].GetAsync("/");
        Assert.True(oblastCached.Headers.Age is not null, "the oblast's home came without Age: not from the output cache");
        Assert.DoesNotContain(Title, await hromada[1].GetStringAsync("/news"));
        Assert.DoesNotContain(Department, await hromada[0].GetStringAsync("/departments"));

        // A department made through the second instance is in the hromada's menus through the first.
        var made = await newsroom[1].PostFormAsync("/admin/departments/edit", "/admin/departments/edit", ("Form.Name", Department));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var department = int.Parse(made.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.Contains(Department, await Mail.EventuallyAsync(() => hromada[0].GetStringAsync("/departments"), html => html.Contains(Department), seconds: 30));

        // Published through the first: fresh through the second on the hromada's name. Polled, as the
        // eviction reaches the second over Redis (a page it rendered meanwhile goes a few seconds
        // later), but not for long: its latest news in memory would renew themselves after
        // LatestNews.MaxAge (30 s) whatever the eviction did, its cached pages after SiteCache.Idle (10 min).
        await ClusterNewsroom.PublishAsync(newsroom[1], newsroom[0], Title, "<p>Громада ремонтує міст через Ворсклу.</p>", department);
        var articlePath = "";
        foreach (var client in new[] { hromada[1], hromada[0] })
        {
            foreach (var path in new[] { "/", "/news" })
            {
                var page = await Mail.EventuallyAsync(() => client.GetStringAsync(path), html => html.Contains(Title), seconds: 20);
                Assert.True(page.Contains(Title), $"{path} on {Hromada} through {client.BaseAddress} has no news published 20 s ago");
                articlePath = new HtmlParser().ParseDocument(page).QuerySelectorAll("a").First(a => a.TextContent.Contains(Title)).GetAttribute("href")!;
            }
            Assert.Contains(Title, await client.GetStringAsync(articlePath));
        }

        // The oblast: its page cached before is still the cached one (the hromada's evictions were its
        // own), and the hromada's news is on none of its pages, through either instance.
        var oblastAfter = await oblast[1].GetAsync("/");
        Assert.True(oblastAfter.Headers.Age is not null, "the hromada's department or news evicted the oblast's home page");
        Assert.Equal(await oblastCached.Content.ReadAsStringAsync(), await oblastAfter.Content.ReadAsStringAsync());
        foreach (var client in oblast)
        {
            Assert.DoesNotContain(Title, await client.GetStringAsync("/"));
            Assert.DoesNotContain(Title, await client.GetStringAsync("/news"));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(articlePath)).StatusCode);
        }
    }

    static string SiteName(string page) =>
        new HtmlParser().ParseDocument(page).QuerySelector(".site-name__body")?.TextContent.Trim() ?? "";
}
