using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Tests.Cli;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Caching;

namespace Visnyk.Tests.Cluster;

// Two instances behind nginx on one PostgreSQL and one Redis: whatever one does, the other shows
// at once; a sign-in and a form from one work on the other; and each alert is mailed once.
[Collection(AloneCollection.Name)]
public class TwoInstancesTests
{
    [Fact]
    public async Task Published_through_one_instance_is_fresh_on_the_other_and_sign_in_and_forms_work_across_them()
    {
        var smtp = Smtp4dev.Shared;
        await using var cluster = await Cluster.StartAsync("--Visnyk:Mail:Host=127.0.0.1", $"--Visnyk:Mail:Port={smtp.SmtpPort}", "--Visnyk:Mail:Connections=2");
        var anonymous = cluster.Client(cluster.First);
        var home = await anonymous.GetStringAsync("/");
        // Cached (in Redis) on the first instance: the hit carries the output cache's Age header.
        var again = await anonymous.GetAsync("/");
        Assert.True(again.Headers.Age is not null, "the second / came without Age: not served from the output cache");
        Assert.Equal(home, await again.Content.ReadAsStringAsync());
        var domain = $"cluster-{Guid.NewGuid():N}.test";
        int department;
        await using (var db = TestDatabase.Open(cluster.DataDirectory, cluster.PostgreSql))
        {
            department = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
            db.Subscribers.AddRange(Enumerable.Range(0, 40).Select(i => new Subscriber
            {
                Email = $"reader{i}@{domain}", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow,
                Subscriptions = [new Subscription { Kind = TopicKind.All, Frequency = Frequency.Immediately }],
            }));
            await db.SaveChangesAsync();
        }

        // An administrator made by the command; the set-up link opens on the second instance.
        var created = await CommandRun.RunAsync(["admin", "create", "--email", $"admin@{domain}", .. cluster.DataArgs, "--Visnyk:DemoContent=false", "--Logging:LogLevel:Default=Warning"]);
        Assert.Equal(0, created.Exit);
        var cookies = new CookieContainer();
        var onFirst = cluster.Client(cluster.First, cookies);
        var onSecond = cluster.Client(cluster.Second, cookies);
        // Signed in on the second, the first knows the cookie: two-factor set up there.
        await ClusterNewsroom.SetUpAsync(ClusterNewsroom.SetupLink(created.Out), onSecond, onFirst);

        // The editor's form from the first instance, posted to the second: published there.
        const string title = "Дві установки: новина з другого екземпляра";
        await ClusterNewsroom.PublishAsync(onFirst, onSecond, title, "<p>Текст про водогін у Лубнах.</p>", department);

        // Read fresh through the first: its home page was cached before, and its latest news in memory.
        Assert.Contains(title, await anonymous.GetStringAsync("/"));
        Assert.Contains(title, await anonymous.GetStringAsync("/news"));
        var balanced = cluster.Client(cluster.Balanced);
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains(title, await balanced.GetStringAsync("/"));
        }
        // Each instance's own search index follows the database.
        foreach (var through in new[] { cluster.First, cluster.Second })
        {
            var client = cluster.Client(through);
            // 503 while an instance still builds its index (the dictionary loads first).
            await Mail.EventuallyAsync(async () =>
            {
                var answer = await client.GetAsync("/search?q=" + Uri.EscapeDataString("водогону"));
                return answer.IsSuccessStatusCode ? await answer.Content.ReadAsStringAsync() : "";
            }, page => page.Contains(title), seconds: 120);
        }

        // A page of the site's tree published through the second instance: the first, whose menu (the
        // site's chrome, kept in memory) and home page were read before, shows it at once, in the menu and at its address.
        var beforeMenu = await anonymous.GetStringAsync("/");
        Assert.DoesNotContain("/dvi-ustanovky", beforeMenu);
        var pageForm = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await onFirst.GetStringAsync("/admin/pages/edit"));
        var page = await onSecond.PostAsync("/admin/pages/edit?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.IsPage"] = "true", ["Form.Title"] = "Дві установки", ["Form.Slug"] = "dvi-ustanovky", ["Form.Summary"] = "Сторінка",
            ["Form.Body"] = "<p>Сторінка, опублікована через другий екземпляр.</p>", ["Form.InMenu"] = "true", ["Form.Position"] = "99",
            ["__RequestVerificationToken"] = pageForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("href=\"/dvi-ustanovky\"", await anonymous.GetStringAsync("/"));
        Assert.Contains("Сторінка, опублікована через другий екземпляр.", await anonymous.GetStringAsync("/dvi-ustanovky"));
        // An urgent notice set through the second instance: the first, whose home page is cached (in
        // Redis and in its memory), shows it within two seconds, and so does the balanced address.
        await SiteEvictionTests.CachedAsync(anonymous, "/");
        var noticeForm = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await onFirst.GetStringAsync("/admin/notices/edit"));
        var notice = await onSecond.PostAsync("/admin/notices/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Level"] = "Danger", ["Form.Text"] = "Повітряна тривога: повідомлення з другого екземпляра.",
            ["__RequestVerificationToken"] = noticeForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, notice.StatusCode);
        var shown = await Mail.EventuallyAsync(() => anonymous.GetStringAsync("/"), html => html.Contains("повідомлення з другого екземпляра"), seconds: 2);
        Assert.Contains("site-notice--danger", shown);
        Assert.Contains("повідомлення з другого екземпляра", await balanced.GetStringAsync("/news"));

        // The English site through either instance: its own address space and demo content.
        foreach (var through in new[] { cluster.First, cluster.Second })
        {
            Assert.Contains(Visnyk.Data.DemoEnglish.ReferenceTitle, await cluster.Client(through).GetStringAsync("/en/news"));
        }

        // Both instances send; every subscriber gets the alert once.
        bool Ours(string to) => to.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase);
        await Mail.EventuallyAsync(() => smtp.MessagesToAsync(Ours), m => m.Count >= 40, seconds: 60);
        List<Smtp4dev.Summary> received;
        await using (var db = TestDatabase.Open(cluster.DataDirectory, cluster.PostgreSql))
        {
            // Settled: nothing left for either instance to send, so a second copy would be here.
            received = await Mail.SettledAsync(smtp, db, d => d.To.EndsWith("@" + domain), Ours);
        }
        Assert.Equal(40, received.Count);
        Assert.Equal(40, received.Select(m => m.To.Single(Ours).ToLowerInvariant()).Distinct().Count());
    }
}
