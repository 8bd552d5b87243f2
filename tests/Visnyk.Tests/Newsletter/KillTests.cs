using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsletter;
using Xunit.Abstractions;

namespace Visnyk.Tests.Newsletter;

// The site as its own process, killed with SIGKILL in the middle of sending one alert to many
// subscribers, then started again: every subscriber gets the alert, and the only duplicates are
// the messages that were in flight at the kill, at most one per SMTP connection. The lease is
// long (10 minutes): the restarted instance takes back its own claims instead of waiting it out.
public class KillTests(ITestOutputHelper output)
{
    const int Subscribers = 600;
    const int Connections = 4;

    [Fact]
    public async Task Killed_mid_send_and_restarted_it_resumes_at_once_no_subscriber_is_missed_and_duplicates_stay_within_the_connections()
    {
        var data = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));
        var domain = $"kill-{Guid.NewGuid():N}.test";
        var smtp = Smtp4dev.Shared;
        var postgreSql = DemoTemplate.NewSite(data, TestDatabase.IsPostgreSql);
        var app = await StartAsync(data, postgreSql, smtp.SmtpPort);
        try
        {
            await using (var db = TestDatabase.Open(data, postgreSql))
            {
                var article = await db.Articles.OrderBy(a => a.Id).FirstAsync(a => a.Status == ArticleStatus.Published && a.Language == "uk"); // mail is in Ukrainian
                db.Subscribers.AddRange(Enumerable.Range(0, Subscribers).Select(i => new Subscriber
                {
                    Email = $"reader{i}@{domain}", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow,
                    Subscriptions = [new Subscription { Kind = TopicKind.All, Frequency = Frequency.Immediately }],
                }));
                await db.SaveChangesAsync();
                // As publishing decides it (the demo article is older than a day, so add the alert by hand).
                db.Mailings.Add(new Mailing { Kind = MailingKind.Alert, Key = $"alert:{domain}", ArticleId = article.Id, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
            bool Ours(string to) => to.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase);
            var before = await Mail.EventuallyAsync(() => smtp.MessagesToAsync(Ours), m => m.Count >= Subscribers / 4, seconds: 180);
            Assert.InRange(before.Count, Subscribers / 4, Subscribers - 1);
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            var atKill = (await smtp.MessagesToAsync(Ours)).Count;
            Assert.InRange(atKill, Subscribers / 4, Subscribers - 1);

            var clock = Stopwatch.StartNew();
            app = await StartAsync(data, postgreSql, smtp.SmtpPort);
            await using (var db = TestDatabase.Open(data, postgreSql))
            {
                var sent = await Mail.EventuallyAsync(() => db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent), n => n == Subscribers, seconds: 90);
                Assert.Equal(Subscribers, sent);
            }
            // smtp4dev lists a message a moment after accepting it: wait until every address shows.
            var received = await Mail.EventuallyAsync(() => smtp.MessagesToAsync(Ours), m => m.Select(x => x.To.Single(Ours).ToLowerInvariant()).Distinct().Count() >= Subscribers, seconds: 15);
            var perAddress = received.GroupBy(m => m.To.Single(Ours).ToLowerInvariant()).ToDictionary(g => g.Key, g => g.ToList());
            output.WriteLine($"{atKill} received before the kill, {received.Count} in all, {perAddress.Count} addresses; restart took {clock.Elapsed.TotalSeconds:F1} s");
            var missing = Enumerable.Range(0, Subscribers).Count(i => !perAddress.ContainsKey($"reader{i}@{domain}"));
            var duplicates = perAddress.Values.Sum(m => m.Count - 1);
            Assert.Equal(0, missing);
            output.WriteLine($"missing {missing}, duplicates {duplicates} (bound {Connections})");
            Assert.InRange(duplicates, 0, Connections);
            // A copy sent again is the same message: same Message-ID.
            foreach (var copies in perAddress.Values.Where(m => m.Count > 1))
            {
                var ids = await Task.WhenAll(copies.Select(async c => (await smtp.MessageAsync(c)).MessageId));
                Assert.Single(ids.Distinct());
            }
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (postgreSql is not null)
            {
                TestDatabase.DropPostgreSql(postgreSql);
            }
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    static Task<Process> StartAsync(string data, string? postgreSql, int smtpPort) => SiteProcess.StartAsync(Smtp4dev.FreePort(),
    [
        $"--Visnyk:DataDirectory={data}", "--Visnyk:PublicUrl=http://visnyk.test", "--Visnyk:Mail:Host=127.0.0.1",
        $"--Visnyk:Mail:Port={smtpPort}", "--Visnyk:Mail:MessagesPerSecond=100", $"--Visnyk:Mail:Connections={Connections}",
        "--Visnyk:Mail:ClaimSeconds=600", .. postgreSql is null ? Array.Empty<string>() : TestDatabase.Arguments(postgreSql),
    ]);
}
