using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Newsletter;

// The outbox's rules on a real database, without sending (this site has no SMTP server set).
public class OutboxTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Senders_claiming_at_once_never_get_the_same_delivery()
    {
        var now = DateTime.UtcNow;
        var batch = $"claims-{Guid.NewGuid():N}";
        await using (var scope = site.Scope(out var db))
        {
            db.Deliveries.AddRange(Enumerable.Range(0, 300).Select(i => new Delivery { To = $"{batch}-{i}@example.org", CreatedAt = now, NextAttemptAt = now.AddSeconds(-1) }));
            await db.SaveChangesAsync();
        }
        // Four instances' senders, each with its own connection, racing for the same rows.
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = site.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var mine = new List<Outbox.Claimed>();
            for (var round = 0; round < 5; round++)
            {
                mine.AddRange(await Outbox.ClaimAsync(db, "racer", Guid.NewGuid(), 40, DateTime.UtcNow, TimeSpan.FromMinutes(1), default));
            }
            return mine.Where(c => c.To.StartsWith(batch)).Select(c => c.Id).ToList();
        }));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(300, all.Count);
        await using (var scope = site.Scope(out var db))
        {
            // A claim that ran out (its instance died) is taken over by another.
            var later = DateTime.UtcNow.AddMinutes(2);
            var taken = await Outbox.ClaimAsync(db, "heir", Guid.NewGuid(), 1000, later, TimeSpan.FromMinutes(1), default);
            Assert.Equal(300, taken.Count(c => c.To.StartsWith(batch)));
        }
    }

    [Fact]
    public async Task A_sender_whose_claim_was_taken_over_stops_and_cannot_record_its_results()
    {
        var now = DateTime.UtcNow;
        var batch = $"fenced-{Guid.NewGuid():N}";
        await using (var scope = site.Scope(out var db))
        {
            // Due long ago: first in the queue, whatever other tests of this class left in it.
            db.Deliveries.AddRange(Enumerable.Range(0, 3).Select(i => new Delivery { To = $"{batch}-{i}@example.org", CreatedAt = now, NextAttemptAt = now.AddYears(-10) }));
            await db.SaveChangesAsync();
        }
        await using (var scope = site.Scope(out var db))
        {
            // A stalled sender's claim runs out (its lease never renewed) and another instance takes the rows.
            var stale = (await Outbox.ClaimAsync(db, "stalled", Guid.NewGuid(), 100_000, now, TimeSpan.FromSeconds(5), default)).Where(c => c.To.StartsWith(batch)).ToList();
            Assert.Equal(3, stale.Count);
            var fresh = (await Outbox.ClaimAsync(db, "other", Guid.NewGuid(), 100_000, now.AddSeconds(10), TimeSpan.FromMinutes(10), default)).Where(c => c.To.StartsWith(batch)).ToList();
            Assert.Equal(3, fresh.Count);

            // The stalled round's heartbeat finds the rows gone and stops it.
            await using (var lease = new ClaimLease(site.Services.GetRequiredService<AllSites>(), TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(5), stale[0].Claim, stale.Select(c => c.Id), DateTime.UtcNow))
            {
                Assert.True(lease.MaySend(stale[0].Id));
                await Mail.EventuallyAsync(() => Task.FromResult(lease.Lost), lost => lost, seconds: 15);
                Assert.True(lease.Lost);
                Assert.False(lease.MaySend(stale[0].Id));
            }
            // Its results (sent, deferred, rejected) are refused: the rows stay the other sender's, untouched.
            var recorded = await Outbox.RecordAsync(db, [new(stale[0], Outbox.Outcome.Sent, null), new(stale[1], Outbox.Outcome.Deferred, "451 later"), new(stale[2], Outbox.Outcome.Rejected, "550 no")],
                new MailOptions(), now.AddSeconds(20), default);
            Assert.Empty(recorded);
            var rows = await db.Deliveries.AsNoTracking().Where(d => d.To.StartsWith(batch)).ToListAsync();
            Assert.All(rows, d => Assert.Equal((DeliveryStatus.Sending, fresh[0].Claim, "other", 0, (string?)null), (d.Status, d.Claim!.Value, d.Owner, d.Attempts, d.Error)));

            // The owner records them.
            var mine = await Outbox.RecordAsync(db, fresh.Select(c => new Outbox.Result(c, Outbox.Outcome.Sent, null)).ToList(), new MailOptions(), now.AddSeconds(20), default);
            Assert.Equal(fresh.Select(c => c.Id).ToHashSet(), mine);
            Assert.Equal(3, await db.Deliveries.CountAsync(d => d.To.StartsWith(batch) && d.Status == DeliveryStatus.Sent && d.Owner == null));
        }
    }

    [Fact]
    public async Task Two_instances_expanding_one_mailing_give_each_subscriber_one_delivery()
    {
        var domain = $"expand-{Guid.NewGuid():N}.test";
        int mailingId, otherId;
        await using (var scope = site.Scope(out var db))
        {
            db.Subscribers.AddRange(Enumerable.Range(0, 4500).Select(i => new Subscriber
            {
                Email = $"r{i}@{domain}", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow,
                Subscriptions = [new Subscription { Kind = TopicKind.All, Frequency = Frequency.Weekly }],
            }));
            var article = await db.Articles.OrderBy(a => a.Id).FirstAsync(a => a.Status == Visnyk.Articles.ArticleStatus.Published && a.Language == "uk"); // mail is in Ukrainian
            var mailing = new Mailing { Kind = MailingKind.WeeklyDigest, Key = $"weekly:{domain}", From = article.PublishedAt.AddMinutes(-1), To = article.PublishedAt.AddMinutes(1), CreatedAt = DateTime.UtcNow };
            var other = new Mailing { Kind = MailingKind.WeeklyDigest, Key = $"weekly:{domain}:other", From = mailing.From, To = mailing.To, CreatedAt = DateTime.UtcNow };
            db.Mailings.AddRange(other, mailing);
            await db.SaveChangesAsync();
            (mailingId, otherId) = (mailing.Id, other.Id);
        }
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = site.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            // As the sender does: several unexpanded mailings read at once, then expanded one after another.
            foreach (var mailing in await db.Mailings.Where(m => m.Id == mailingId || m.Id == otherId).OrderBy(m => m.Id).ToListAsync())
            {
                await MailingExpander.ExpandAsync(db, mailing, DateTime.UtcNow, default);
            }
        })));
        await using (var scope = site.Scope(out var db))
        {
            foreach (var id in new[] { otherId, mailingId })
            {
                // A racer that lost a batch to another stops; the site's own sender (a third
                // expander) may still be finishing: count once the mailing is marked expanded.
                var mailing = await Mail.EventuallyAsync(() => db.Mailings.AsNoTracking().SingleAsync(m => m.Id == id), m => m.ExpandedAt is not null);
                Assert.NotNull(mailing.ExpandedAt);
                var recipients = await db.Deliveries.Where(d => d.MailingId == id).Select(d => d.To).ToListAsync();
                Assert.Equal(4500, recipients.Count(to => to.EndsWith(domain)));
                Assert.Equal(recipients.Count, recipients.Distinct().Count());
            }
        }
    }

    [Fact]
    public async Task A_round_that_read_its_clock_just_before_a_publication_still_mails_the_alert()
    {
        // As in a round of the sender that began a moment before the editor pressed "publish" and
        // found the alert once it was committed (seen on a loaded machine: the alert went to no one).
        var article = await site.PublishAsync($"Оголошено збір гуманітарної допомоги {Guid.NewGuid():N}");
        await using var scope = site.Scope(out var db);
        var alert = await db.Mailings.AsNoTracking().SingleAsync(m => m.Key == Mailing.AlertKey(article.Id));
        var roundBegan = article.PublishedAt.AddMilliseconds(-300);
        Assert.True(roundBegan < alert.CreatedAt);

        var stories = await MailingExpander.StoriesAsync(db, alert, roundBegan, default);
        Assert.Equal([article.Id], stories.Select(s => s.Id));
        var content = await MailContent.LoadAsync(db, alert.Id, roundBegan, default);
        Assert.Equal([article.Id], content!.Stories.Keys);
    }

    [Fact]
    public async Task Old_settled_deliveries_are_deleted_and_the_history_keeps_their_counts()
    {
        var now = DateTime.UtcNow;
        var key = $"alert:archive-{Guid.NewGuid():N}";
        Mailing settled, unsettled;
        await using (var scope = site.Scope(out var db))
        {
            settled = new Mailing { Kind = MailingKind.Alert, Key = key, CreatedAt = now.AddDays(-40), ExpandedAt = now.AddDays(-40) };
            unsettled = new Mailing { Kind = MailingKind.Alert, Key = key + ":waiting", CreatedAt = now.AddDays(-40), ExpandedAt = now.AddDays(-40) };
            db.Mailings.AddRange(settled, unsettled);
            await db.SaveChangesAsync();
            DeliveryStatus[] statuses = [DeliveryStatus.Sent, DeliveryStatus.Sent, DeliveryStatus.Sent, DeliveryStatus.Failed, DeliveryStatus.Cancelled];
            db.Deliveries.AddRange(statuses.Select((status, i) => new Delivery { MailingId = settled.Id, To = $"old{i}@example.org", Status = status, CreatedAt = now.AddDays(-40), NextAttemptAt = now.AddDays(-40) }));
            db.Deliveries.Add(new Delivery { MailingId = unsettled.Id, To = "later@example.org", Status = DeliveryStatus.Waiting, CreatedAt = now.AddDays(-40), NextAttemptAt = now.AddDays(1) });
            await db.SaveChangesAsync();
            var before = (await MailReport.HistoryAsync(db, 1000, default)).Single(h => h.Mailing.Id == settled.Id);

            await MailReport.ArchiveAsync(db, now, default);
            db.ChangeTracker.Clear();
            Assert.False(await db.Deliveries.AnyAsync(d => d.MailingId == settled.Id));
            Assert.True(await db.Deliveries.AnyAsync(d => d.MailingId == unsettled.Id));
            var after = (await MailReport.HistoryAsync(db, 1000, default)).Single(h => h.Mailing.Id == settled.Id);
            Assert.Equal((3, 1, 1), (after.Sent, after.Failed, after.Cancelled));
            Assert.Equal((before.Sent, before.Failed, before.Cancelled, before.Waiting), (after.Sent, after.Failed, after.Cancelled, after.Waiting));
            Assert.NotNull(after.Mailing.ArchivedAt);
        }
    }

    [Fact]
    public async Task Digests_are_decided_once_at_their_Kyiv_time_for_each_site_with_subscribers_to_them()
    {
        var options = new MailOptions { DigestTime = new TimeOnly(8, 0), WeeklyDay = DayOfWeek.Monday };
        // Site 1 has subscribers to both digests; a hromada to the daily one only; another to none.
        await site.SubscriberAsync(Mail.NewAddress("daily"), Frequency.Daily);
        await site.SubscriberAsync(Mail.NewAddress("weekly"), Frequency.Weekly);
        // And a reader of the English daily digest: a digest of its own.
        await site.SubscriberAsync(Mail.NewAddress("english"), Frequency.Daily, language: "en");
        var hromada = await OtherSite.CreateAsync(site, 2, "digests-2.test");
        var quiet = await OtherSite.CreateAsync(site, 3, "digests-3.test");
        await site.SubscriberAsync(Mail.NewAddress("hromada"), Frequency.Daily, siteId: hromada.Id);
        var scopes = site.Services.GetRequiredService<IServiceScopeFactory>();
        // Monday 30 November 2026 in Kyiv (UTC+2).
        var monday = KyivTime.ToUtc(new DateTime(2026, 11, 30, 8, 0, 0));
        await using var all = site.Services.GetRequiredService<AllSites>().Open();
        Assert.Equal(0, await Digests.DecideDueAsync(all, scopes, options, monday.AddMinutes(-1), default));
        // Not at the minute itself: articles dated just before it may still be committing.
        Assert.Equal(0, await Digests.DecideDueAsync(all, scopes, options, monday.AddSeconds(30), default));
        Assert.Equal(4, await Digests.DecideDueAsync(all, scopes, options, monday.AddMinutes(5), default));
        Assert.Equal(0, await Digests.DecideDueAsync(all, scopes, options, monday.AddHours(3), default));
        await using (site.Scope(out var db))
        {
            var daily = await db.Mailings.SingleAsync(m => m.Key == "daily:2026-11-30");
            Assert.Equal((monday.AddDays(-1), monday), (daily.From, daily.To));
            var weekly = await db.Mailings.SingleAsync(m => m.Key == "weekly:2026-11-30");
            Assert.Equal((monday.AddDays(-7), monday), (weekly.From, weekly.To));
            Assert.Equal(("uk", "uk"), (daily.Language, weekly.Language));
            var english = await db.Mailings.SingleAsync(m => m.Key == "daily:2026-11-30:en");
            Assert.Equal(("en", monday.AddDays(-1), monday), (english.Language, english.From, english.To));
            Assert.False(await db.Mailings.AnyAsync(m => m.Key == "weekly:2026-11-30:en"));
        }
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.Equal(["daily:2026-11-30"], await db.Mailings.Where(m => m.Key.EndsWith("2026-11-30")).Select(m => m.Key).ToListAsync());
        }
        await using (site.Scope(quiet.Id, out var db))
        {
            Assert.False(await db.Mailings.AnyAsync());
        }
        // Tuesday: the daily ones only.
        Assert.Equal(3, await Digests.DecideDueAsync(all, scopes, options, monday.AddDays(1).AddHours(1), default));
        await using (site.Scope(out var db))
        {
            Assert.False(await db.Mailings.AnyAsync(m => m.Key == "weekly:2026-12-01"));
        }
        // Wednesday, the hromada being restored from a copy (WritesPause): its digest is decided
        // once the restore is over, the oblast's (in both languages) at its time.
        var wednesday = monday.AddDays(2);
        await WritesPause.PauseAsync(all, hromada.Id, wednesday.AddHours(2), default);
        Assert.Equal(2, await Digests.DecideDueAsync(all, scopes, options, wednesday.AddHours(1), default));
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.False(await db.Mailings.AnyAsync(m => m.Key == "daily:2026-12-02"));
        }
        Assert.Equal(1, await Digests.DecideDueAsync(all, scopes, options, wednesday.AddHours(3), default));
        await WritesPause.ResumeAsync(all, hromada.Id, wednesday.AddHours(2), default);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.True(await db.Mailings.AnyAsync(m => m.Key == "daily:2026-12-02"));
        }
    }

    [Fact]
    public async Task Unsubscribing_from_everything_leaves_no_trace_of_the_address()
    {
        var email = Mail.NewAddress("forget");
        var subscriber = await site.SubscriberAsync(email, Frequency.Daily);
        Mailing sent, waiting;
        await using (var scope = site.Scope(out var db))
        {
            var now = DateTime.UtcNow;
            // Two digests of the site's own (a letter's mailing is of its site).
            sent = new Mailing { Kind = MailingKind.DailyDigest, Key = $"daily:forget-sent:{Guid.NewGuid():N}", CreatedAt = now, ExpandedAt = now };
            waiting = new Mailing { Kind = MailingKind.DailyDigest, Key = $"daily:forget-waiting:{Guid.NewGuid():N}", CreatedAt = now, ExpandedAt = now };
            db.Mailings.AddRange(sent, waiting);
            await db.SaveChangesAsync();
            db.Deliveries.Add(new Delivery { To = email, SubscriberId = subscriber.Id, MailingId = sent.Id, Status = DeliveryStatus.Sent, CreatedAt = now, NextAttemptAt = now });
            db.Deliveries.Add(new Delivery { To = email, SubscriberId = subscriber.Id, MailingId = waiting.Id, CreatedAt = now, NextAttemptAt = now.AddHours(1) });
            db.Deliveries.Add(new Delivery { To = email, CreatedAt = now, NextAttemptAt = now.AddHours(1), Payload = "token" });
            await db.SaveChangesAsync();
        }
        var tokens = site.Services.GetRequiredService<MailTokens>();
        var page = await site.Browserless().PostAsync($"/unsubscribe/{tokens.ForUnsubscribing(subscriber.Id, subscriber.Stamp, null)}", null);
        Assert.Contains("Ви відписалися", await page.Content.ReadAsStringAsync());
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
            Assert.False(await db.Subscriptions.AnyAsync(s => s.SubscriberId == subscriber.Id));
            Assert.False(await db.Deliveries.AnyAsync(d => d.To == email || d.SubscriberId == subscriber.Id));
            // The history keeps its counts: two anonymous deliveries, the waiting one cancelled.
            Assert.Equal(DeliveryStatus.Cancelled, (await db.Deliveries.SingleAsync(d => d.MailingId == waiting.Id && d.To == "")).Status);
        }
        // A link for another subscriber cannot be made from this one's: the stamp is checked.
        var other = await site.SubscriberAsync(Mail.NewAddress("other"), Frequency.Daily);
        await site.Browserless().PostAsync($"/unsubscribe/{tokens.ForUnsubscribing(other.Id, subscriber.Stamp, null)}", null);
        await using (var scope = site.Scope(out var db))
        {
            Assert.True(await db.Subscribers.AnyAsync(s => s.Id == other.Id));
        }
    }
}
