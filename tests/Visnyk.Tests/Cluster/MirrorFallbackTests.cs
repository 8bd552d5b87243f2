using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Visnyk.Mirror;
using Visnyk.Tests.Browser;
using Visnyk.Tests.Cli;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cluster;

// Two instances behind the shipped nginx configuration; the first keeps the static mirror
// (Visnyk:Mirror:Directory). A publication reaches the mirror by itself, and only what shows it is
// written again; an urgent notice set through one instance is on the other's pages within two
// seconds and in the mirror within a minute; and with both instances down nginx serves the
// mirror: the home page, the new article and the notice, until the instances are back.
[Collection(AloneCollection.Name)]
public class MirrorFallbackTests
{
    [Fact]
    public async Task The_mirror_follows_publications_and_notices_and_answers_when_both_instances_are_down()
    {
        await using var deployed = await DeployedSite.StartAsync(2, mirror: true);
        var mirror = deployed.MirrorDirectory;
        try
        {
            // The first pass over the whole site ends with the mirror's marker.
            Assert.True(await Mail.EventuallyAsync(() => Task.FromResult(File.Exists(Path.Combine(mirror, ".visnyk-mirror"))), done => done, seconds: 180),
                "the mirror's first pass did not end");
            Assert.Contains("<main", await File.ReadAllTextAsync(Path.Combine(mirror, "index.html")));

            var created = await CommandRun.RunAsync(["admin", "create", "--email", $"admin-{Guid.NewGuid():N}@mirror.test", .. deployed.DataArgs,
                "--Visnyk:DemoContent=false", "--Logging:LogLevel:Default=Warning"]);
            Assert.Equal(0, created.Exit);
            var cookies = new CookieContainer();
            var newsroom = deployed.Client(DeployedSite.Allowed, cookies);
            await ClusterNewsroom.SetUpAsync(ClusterNewsroom.SetupLink(created.Out), newsroom, newsroom);

            // A publication: its page, the home page and the news list in the mirror, the other articles' pages untouched.
            var untouched = Directory.EnumerateFiles(Path.Combine(mirror, "news"), "index.html", SearchOption.AllDirectories)
                .First(f => !f.Contains("/page/", StringComparison.Ordinal) && Path.GetDirectoryName(f) != Path.Combine(mirror, "news"));
            var untouchedAt = File.GetLastWriteTimeUtc(untouched);
            const string title = "Дзеркало само: новина після публікації";
            int department;
            await using (var db = TestDatabase.Open(deployed.DataDirectory, deployed.PostgreSql))
            {
                department = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
            }
            await ClusterNewsroom.PublishAsync(newsroom, newsroom, title, "<p>Текст про дзеркало, що оновлюється саме.</p>", department);
            var reader = deployed.Client(DeployedSite.Denied);
            var article = new HtmlParser().ParseDocument(await reader.GetStringAsync("/news")).QuerySelectorAll("a")
                .First(a => a.TextContent.Contains(title)).GetAttribute("href")!;
            var articleFile = Path.Combine(mirror, MirrorPaths.FileFor(article)!);
            Assert.Contains(title, await Mail.EventuallyAsync(() => ReadAsync(articleFile), html => html.Contains(title), seconds: 60));
            Assert.Contains(title, await Mail.EventuallyAsync(() => ReadAsync(Path.Combine(mirror, "index.html")), html => html.Contains(title), seconds: 60));
            Assert.Contains(title, await File.ReadAllTextAsync(Path.Combine(mirror, "news", "index.html")));
            Assert.Equal(untouchedAt, File.GetLastWriteTimeUtc(untouched));

            // An urgent notice set through the balanced address: a browser on the second instance sees it within two seconds.
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserSite.LaunchAsync(playwright);
            await using var context = await browser.NewContextAsync(new() { BaseURL = deployed.Instance(1).ToString(), ServiceWorkers = ServiceWorkerPolicy.Block });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            const string notice = "Повітряна тривога: дзеркало теж має це знати.";
            var form = new HtmlParser().ParseDocument(await newsroom.GetStringAsync("/admin/notices/edit"));
            var saved = await newsroom.PostAsync("/admin/notices/edit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Level"] = "Danger", ["Form.Text"] = notice,
                ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var setAt = DateTime.UtcNow;
            var shown = await Mail.EventuallyAsync(async () =>
            {
                await page.ReloadAsync();
                return await page.Locator("section.site-notice").AllTextContentsAsync();
            }, texts => texts.Any(t => t.Contains(notice)), seconds: 2);
            Assert.Contains(shown, t => t.Contains(notice));
            Assert.True(DateTime.UtcNow - setAt < TimeSpan.FromSeconds(2.5), $"the notice took {(DateTime.UtcNow - setAt).TotalSeconds:F1} s to show");

            // In the mirror within a minute: the home page, the article's page and the API.
            foreach (var file in new[] { Path.Combine(mirror, "index.html"), articleFile, Path.Combine(mirror, "api", "v1", "notice.json") })
            {
                Assert.Contains(notice, await Mail.EventuallyAsync(() => ReadAsync(file), text => text.Contains(notice), seconds: 60));
            }

            // Both instances down: nginx answers from the mirror, and says so.
            await deployed.StopSiteAsync();
            foreach (var (path, expected) in new[] { ("/", notice), (article, title), (article, notice), ("/api/v1/notice", notice) })
            {
                var response = await reader.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("mirror", Assert.Single(response.Headers.GetValues("X-Visnyk-Source")));
                Assert.Contains(expected, await response.Content.ReadAsStringAsync());
            }

            // Back: the live site answers again, not the copy (nginx tries a failed instance again after a few seconds).
            await deployed.RestartSiteAsync();
            var live = await Mail.EventuallyAsync(() => reader.GetAsync("/"), r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains("X-Visnyk-Source"), seconds: 30);
            Assert.Contains(notice, await live.Content.ReadAsStringAsync());
        }
        catch
        {
            Console.WriteLine(deployed.LoggedFailures());
            throw;
        }
    }

    static async Task<string> ReadAsync(string file) => File.Exists(file) ? await File.ReadAllTextAsync(file) : "";
}
