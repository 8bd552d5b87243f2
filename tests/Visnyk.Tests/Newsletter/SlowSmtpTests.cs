using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Xunit.Abstractions;

namespace Visnyk.Tests.Newsletter;

// Two instances of the site as separate processes on one database, sending one alert through an
// SMTP server that takes a second to accept each message, with default settings but a lease
// short enough for a round to outlast it: each subscriber gets exactly one message.
public class SlowSmtpTests(ITestOutputHelper output)
{
    const int Subscribers = 80;
    const int ClaimSeconds = 10;

    [Fact]
    public async Task Two_instances_sending_through_a_slow_server_send_each_message_once()
    {
        var data = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));
        var domain = $"slow-{Guid.NewGuid():N}.test";
        var postgreSql = DemoTemplate.NewSite(data, TestDatabase.IsPostgreSql);
        // smtp4dev first (the gate forwards to it), so that its start is not counted as a slow server.
        var smtp = Smtp4dev.Shared;
        await using var gate = new SmtpGate { Delay = TimeSpan.FromSeconds(1) };
        gate.Open();
        var sites = new List<Process>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                sites.Add(await SiteProcess.StartAsync(Smtp4dev.FreePort(),
                [
                    $"--Visnyk:DataDirectory={data}", $"--Visnyk:SearchIndexDirectory={Path.Combine(data, $"search-{i}")}",
                    "--Visnyk:PublicUrl=http://visnyk.test", "--Visnyk:Mail:Host=127.0.0.1", $"--Visnyk:Mail:Port={gate.Port}",
                    $"--Visnyk:Mail:ClaimSeconds={ClaimSeconds}", .. postgreSql is null ? Array.Empty<string>() : TestDatabase.Arguments(postgreSql),
                ]));
            }
            await using (var db = TestDatabase.Open(data, postgreSql))
            {
                var article = await db.Articles.OrderBy(a => a.Id).FirstAsync(a => a.Status == ArticleStatus.Published && a.Language == "uk"); // mail is in Ukrainian
                db.Subscribers.AddRange(Enumerable.Range(0, Subscribers).Select(i => new Subscriber
                {
                    Email = $"reader{i}@{domain}", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow,
                    Subscriptions = [new Subscription { Kind = TopicKind.All, Frequency = Frequency.Immediately }],
                }));
                await db.SaveChangesAsync();
                db.Mailings.Add(new Mailing { Kind = MailingKind.Alert, Key = $"alert:{domain}", ArticleId = article.Id, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
            var clock = Stopwatch.StartNew();
            await using (var db = TestDatabase.Open(data, postgreSql))
            {
                var sent = await Mail.EventuallyAsync(() => db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent && d.To.EndsWith(domain)), n => n == Subscribers, seconds: 120);
                Assert.Equal(Subscribers, sent);
                output.WriteLine($"{sent} recorded as sent in {clock.Elapsed.TotalSeconds:F1} s");
            }
            // Every round has ended (each closes its connections): nothing more can arrive.
            await Mail.EventuallyAsync(() => Task.FromResult(gate.Connections), n => n == 0, seconds: 60);
            Assert.Equal(0, gate.Connections);
            bool Ours(string to) => to.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase);
            var received = await Mail.EventuallyAsync(() => smtp.MessagesToAsync(Ours), m => m.Count >= Subscribers, seconds: 15);
            var perAddress = received.GroupBy(m => m.To.Single(Ours).ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"{received.Count} messages received for {perAddress.Count} addresses");
            Assert.Equal(Subscribers, perAddress.Count);
            Assert.Equal(0, perAddress.Values.Sum(n => n - 1));
            Assert.Equal(Subscribers, received.Count);
        }
        finally
        {
            foreach (var site in sites)
            {
                await site.StopAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (postgreSql is not null)
            {
                TestDatabase.DropPostgreSql(postgreSql);
            }
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
