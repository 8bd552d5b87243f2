using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Visnyk.Mirror;
using Visnyk.Tests.Cli;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cluster;

// Many sites, one instance keeping the mirror (Visnyk:Mirror:Directory and SitesDirectory) behind
// the shipped nginx configuration: a hromada made by the command while the site runs gets its own
// folder under its host's name, read whole; its publication and its notice reach that folder and
// none of the oblast's; and with the instance down nginx answers each name from its own folder,
// and a name no site has with 503.
[Collection(AloneCollection.Name)]
public class SitesMirrorTests
{
    const string Hromada = "hromada-mirror.test";
    const string HromadaName = "Громада з власним дзеркалом";
    const string Title = "Громада з дзеркалом: міст через Ворсклу відкрито";
    const string Notice = "Громада з дзеркалом: відключення світла до 18:00.";

    [Fact]
    public async Task Each_site_keeps_its_own_mirror_and_nginx_answers_each_name_from_its_own()
    {
        await using var deployed = await DeployedSite.StartAsync(1, mirror: true);
        var oblast = deployed.MirrorDirectory;
        var hromada = Path.Combine(deployed.SitesMirrorDirectory, Hromada);
        try
        {
            Assert.True(await Mail.EventuallyAsync(() => Task.FromResult(File.Exists(Path.Combine(oblast, ".visnyk-mirror"))), done => done, seconds: 180),
                "the oblast's first pass did not end");
            var oblastArticle = Regex.Match(await File.ReadAllTextAsync(Path.Combine(oblast, "index.html")), @"news/\d+-[a-z0-9-]+").Value;
            Assert.NotEmpty(oblastArticle);

            // A site made while the instance runs: read whole into its own folder, with none of the oblast's news.
            var created = await CommandRun.RunAsync(["site", "create", "--host", Hromada, "--name", HromadaName, "--admin", $"admin@{Hromada}",
                .. deployed.DataArgs, "--Logging:LogLevel:Default=Warning"]);
            Assert.True(created.Exit == 0, created.Error);
            Assert.True(await Mail.EventuallyAsync(() => Task.FromResult(File.Exists(Path.Combine(hromada, ".visnyk-mirror"))), done => done, seconds: 120),
                "the hromada's first pass did not end");
            var home = await File.ReadAllTextAsync(Path.Combine(hromada, "index.html"));
            Assert.Equal(HromadaName, SiteName(home));
            Assert.DoesNotContain(oblastArticle, home);
            Assert.False(Directory.Exists(Path.Combine(hromada, oblastArticle)), "the oblast's article is in the hromada's mirror");

            // Its newsroom, through nginx on its name: a department, a publication and a notice.
            var cookies = new CookieContainer();
            var newsroom = deployed.Client(DeployedSite.Allowed, cookies);
            newsroom.DefaultRequestHeaders.Host = Hromada;
            await ClusterNewsroom.SetUpAsync(ClusterNewsroom.SetupLink(created.Out), newsroom, newsroom);
            var made = await newsroom.PostFormAsync("/admin/departments/edit", "/admin/departments/edit", ("Form.Name", "Відділ благоустрою громади"));
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
            await ClusterNewsroom.PublishAsync(newsroom, newsroom, Title, "<p>Громада відкрила міст через Ворсклу.</p>", int.Parse(made.Headers.Location!.OriginalString.Split('/')[^1]));
            var reader = deployed.Client(DeployedSite.Denied);
            var article = new HtmlParser().ParseDocument(await GetStringAsync(reader, Hromada, "/news")).QuerySelectorAll("a")
                .First(a => a.TextContent.Contains(Title)).GetAttribute("href")!;
            var articleFile = Path.Combine(hromada, MirrorPaths.FileFor(article)!);
            Assert.Contains(Title, await Mail.EventuallyAsync(() => ReadAsync(articleFile), html => html.Contains(Title), seconds: 60));
            Assert.Contains(Title, await Mail.EventuallyAsync(() => ReadAsync(Path.Combine(hromada, "index.html")), html => html.Contains(Title), seconds: 60));

            var saved = await newsroom.PostFormAsync("/admin/notices/edit", "/admin/notices/edit", ("Form.Level", "Warning"), ("Form.Text", Notice));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            foreach (var file in new[] { Path.Combine(hromada, "index.html"), articleFile, Path.Combine(hromada, "api", "v1", "notice.json") })
            {
                Assert.Contains(Notice, await Mail.EventuallyAsync(() => ReadAsync(file), text => text.Contains(Notice), seconds: 60));
            }

            // Nothing of the hromada's in the oblast's folder.
            Assert.False(File.Exists(Path.Combine(oblast, MirrorPaths.FileFor(article)!)), "the hromada's article is in the oblast's mirror");
            foreach (var file in Directory.EnumerateFiles(oblast, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".html") || f.EndsWith(".json")))
            {
                var text = await File.ReadAllTextAsync(file);
                Assert.False(text.Contains(Title) || text.Contains(Notice) || text.Contains(HromadaName), $"{file} of the oblast's mirror shows the hromada's news");
            }

            // The instance down: each name from its own folder, a name without one 503.
            await deployed.StopSiteAsync();
            foreach (var (host, path, expected, absent) in new[]
            {
                (Hromada, "/", Notice, oblastArticle), (Hromada, article, Title, oblastArticle), (Hromada, "/api/v1/notice", Notice, oblastArticle),
                (DeployedSite.Host, "/", oblastArticle, Title), (DeployedSite.Host, "/" + oblastArticle, "<main", Notice),
            })
            {
                var response = await GetAsync(reader, host, path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{host}{path}: {(int)response.StatusCode}");
                Assert.Equal("mirror", Assert.Single(response.Headers.GetValues("X-Visnyk-Source")));
                var body = await response.Content.ReadAsStringAsync();
                Assert.Contains(expected, body);
                Assert.DoesNotContain(absent, body);
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(reader, DeployedSite.Host, article)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(reader, "no-site-here.test", "/")).StatusCode);
        }
        catch
        {
            Console.WriteLine(deployed.LoggedFailures());
            throw;
        }
    }

    static Task<HttpResponseMessage> GetAsync(HttpClient client, string host, string path) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = host } });

    static async Task<string> GetStringAsync(HttpClient client, string host, string path)
    {
        var response = await GetAsync(client, host, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    static async Task<string> ReadAsync(string file) => File.Exists(file) ? await File.ReadAllTextAsync(file) : "";

    static string SiteName(string page) =>
        new HtmlParser().ParseDocument(page).QuerySelector(".site-name__body")?.TextContent.Trim() ?? "";
}
