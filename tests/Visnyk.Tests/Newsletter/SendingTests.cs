using Microsoft.EntityFrameworkCore;
using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

// The outbox against a real SMTP server: rejections, digests, nothing sent when nothing is new.
public class SendingTests(MailSite site) : IClassFixture<MailSite>
{
    [Fact]
    public async Task After_three_permanent_rejections_an_address_is_no_longer_mailed()
    {
        var rejected = await site.SubscriberAsync(Mail.NewAddress("rejected"), Frequency.Immediately);
        var reader = Mail.NewAddress("reader");
        await site.SubscriberAsync(reader, Frequency.Immediately);
        for (var i = 1; i <= 3; i++)
        {
            await site.PublishAsync($"Новина {i} для перевірки відмов");
            await site.Smtp.WaitForAsync(reader, i);
        }
        await using (var scope = site.Scope(out var db))
        {
            var subscriber = await Mail.EventuallyAsync(() => db.Subscribers.AsNoTracking().SingleAsync(s => s.Id == rejected.Id), s => s.UndeliverableAt is not null);
            Assert.NotNull(subscriber.UndeliverableAt);
            Assert.Equal(3, subscriber.HardFailures);
            var failed = await db.Deliveries.Where(d => d.SubscriberId == rejected.Id).ToListAsync();
            Assert.Equal(3, failed.Count);
            Assert.All(failed, d => Assert.Equal(DeliveryStatus.Failed, d.Status));
            Assert.All(failed, d => Assert.StartsWith("550", d.Error));
        }
        await site.PublishAsync("Новина 4 для перевірки відмов");
        await site.Smtp.WaitForAsync(reader, 4);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(3, await db.Deliveries.CountAsync(d => d.SubscriberId == rejected.Id));
        }
    }

    [Fact]
    public async Task A_daily_digest_carries_each_subscriber_only_their_topics()
    {
        int social, info;
        string socialSlug;
        await using (var scope = site.Scope(out var db))
        {
            var department = await db.Departments.SingleAsync(d => d.Name == "Департамент соціального захисту населення");
            (social, socialSlug) = (department.Id, department.Slug);
            info = (await db.Departments.FirstAsync(d => d.Id != social)).Id;
        }
        var socialReader = Mail.NewAddress("social");
        var infoReader = Mail.NewAddress("info");
        await site.SubscriberAsync(socialReader, Frequency.Daily, TopicKind.Department, social);
        await site.SubscriberAsync(infoReader, Frequency.Daily, TopicKind.Department, info);
        var from = DateTime.UtcNow.AddSeconds(-2);
        var ours = await site.PublishAsync("Виплати переселенцям у грудні", socialSlug);
        var other = await site.PublishAsync("Новина без департаменту");
        await using (var scope = site.Scope(out var db))
        {
            db.Mailings.Add(new Mailing { Kind = MailingKind.DailyDigest, Key = $"daily:test-{Guid.NewGuid():N}", From = from, To = DateTime.UtcNow.AddMinutes(1), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var digest = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(socialReader)).Single());
        Assert.StartsWith("Новини за добу", digest.Subject);
        Assert.Contains(ours.Title, digest.TextBody);
        Assert.Contains(ours.Title, digest.HtmlBody);
        Assert.Contains("Департамент соціального захисту населення", digest.TextBody);
        Assert.DoesNotContain(other.Title, digest.TextBody);
        Assert.NotNull(digest.Headers["List-Unsubscribe"]);
        // Nothing new for this topic: no mail at all.
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Deliveries.AnyAsync(d => d.To == infoReader));
        }
        Assert.Empty(await site.Smtp.MessagesToAsync(infoReader));
    }

    [Fact]
    public async Task A_digest_with_nothing_new_is_not_sent()
    {
        var reader = Mail.NewAddress("quiet");
        await site.SubscriberAsync(reader, Frequency.Weekly);
        var key = $"weekly:empty-{Guid.NewGuid():N}";
        await using (var scope = site.Scope(out var db))
        {
            db.Mailings.Add(new Mailing { Kind = MailingKind.WeeklyDigest, Key = key, From = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2001, 1, 8, 0, 0, 0, DateTimeKind.Utc), CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            var mailing = await Mail.EventuallyAsync(() => db.Mailings.AsNoTracking().SingleAsync(m => m.Key == key), m => m.ExpandedAt is not null);
            Assert.NotNull(mailing.ExpandedAt);
            Assert.False(await db.Deliveries.AnyAsync(d => d.MailingId == mailing.Id));
        }
        Assert.Empty(await site.Smtp.MessagesToAsync(reader));
    }

    [Fact]
    public async Task Editing_a_published_article_alerts_nobody()
    {
        var reader = Mail.NewAddress("edits");
        await site.SubscriberAsync(reader, Frequency.Immediately);
        var article = await site.PublishAsync("Новина, яку потім виправили");
        await site.Smtp.WaitForAsync(reader);
        await using (var scope = site.Scope(out var db))
        {
            var saved = await db.Articles.SingleAsync(a => a.Id == article.Id);
            saved.Summary = "Виправлено опечатку";
            await db.SaveChangesAsync();
            // Withdrawn and published again: still the same news, no second alert.
            saved.Status = Visnyk.Articles.ArticleStatus.Withdrawn;
            await db.SaveChangesAsync();
            saved.Status = Visnyk.Articles.ArticleStatus.Published;
            await db.SaveChangesAsync();
        }
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(1, await db.Mailings.CountAsync(m => m.ArticleId == article.Id));
            Assert.Equal(1, await db.Deliveries.CountAsync(d => d.To == reader));
        }
        Assert.Single(await site.Smtp.MessagesToAsync(reader));
    }
}
