using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Tests.Articles;

// Every state × every action × the roles that matter, through Publishing and the database: allowed
// or refused, the dates after, the audit entry, the revision, the cached pages evicted, the alert.
// The expectations are written out here, apart from the code's own rules.
public class PublishingTableTests(PublishingTableTests.QuietSite site) : IClassFixture<PublishingTableTests.QuietSite>
{
    // Without the scheduler, which would publish this table's due articles behind its back.
    public class QuietSite : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.Remove(s.Single(d => d.ImplementationType == typeof(ScheduledPublisher))));
        }
    }

    public enum Role { Editor, Publisher, Admin, OtherDepartment }

    public static TheoryData<ArticleStatus, ArticleAction, Role> Cases()
    {
        var data = new TheoryData<ArticleStatus, ArticleAction, Role>();
        foreach (var status in Enum.GetValues<ArticleStatus>())
        {
            foreach (var action in Enum.GetValues<ArticleAction>())
            {
                foreach (var role in Enum.GetValues<Role>())
                {
                    data.Add(status, action, role);
                }
            }
        }
        return data;
    }

    // The table, by hand: where each action may start, and where it ends.
    static ArticleStatus? Next(ArticleStatus from, ArticleAction action) => (from, action) switch
    {
        (_, ArticleAction.Save or ArticleAction.Restore) => from,
        (ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Withdrawn, ArticleAction.Submit) => ArticleStatus.InReview,
        (ArticleStatus.InReview, ArticleAction.Approve) => ArticleStatus.Published,
        (ArticleStatus.Draft or ArticleStatus.Withdrawn or ArticleStatus.Scheduled, ArticleAction.Publish) => ArticleStatus.Published,
        (ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Withdrawn or ArticleStatus.Scheduled, ArticleAction.Schedule) => ArticleStatus.Scheduled,
        (ArticleStatus.Scheduled, ArticleAction.Unschedule) => ArticleStatus.Draft,
        (ArticleStatus.Scheduled, ArticleAction.PublishDue) => ArticleStatus.Published,
        (ArticleStatus.Published, ArticleAction.Correct) => ArticleStatus.Published,
        (ArticleStatus.Published or ArticleStatus.Scheduled, ArticleAction.Withdraw) => ArticleStatus.Withdrawn,
        (ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Withdrawn, ArticleAction.Remove) => ArticleStatus.Removed,
        _ => null,
    };

    static string AuditAction(ArticleAction action) => action switch
    {
        ArticleAction.Save or ArticleAction.Restore => AuditActions.ArticleSaved,
        ArticleAction.Submit => AuditActions.ArticleSubmitted,
        ArticleAction.Schedule => AuditActions.ArticleScheduled,
        ArticleAction.Unschedule => AuditActions.ArticleUnscheduled,
        ArticleAction.Correct => AuditActions.ArticleCorrected,
        ArticleAction.Withdraw => AuditActions.ArticleWithdrawn,
        ArticleAction.Remove => AuditActions.ArticleRemoved,
        _ => AuditActions.ArticlePublished,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_action_from_each_state(ArticleStatus status, ArticleAction action, Role role)
    {
        var now = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var clock = new FakeTimeProvider(now);
        var scheduledFor = now.AddHours(2);
        // A scheduled article is due a minute ago, so that the scheduler's action has work to do.
        var published = status is ArticleStatus.Scheduled ? now.AddMinutes(-1) : now.AddDays(-10);
        var updated = now.AddDays(-5);

        int id, own, other, tag;
        await using (var scope = site.Scope(out var db))
        {
            var departments = await db.Departments.OrderBy(d => d.Id).Take(2).ToListAsync();
            (own, other) = (departments[0].Id, departments[1].Id);
            var seed = new Article
            {
                Title = $"Таблиця {status} {action} {role}", Slug = "tablytsia", Body = "<p>Текст.</p>",
                Status = status, PublishedAt = published, UpdatedAt = updated, Departments = [departments[0]],
                Tags = [new Visnyk.Tags.Tag { Name = $"таблиця {Guid.NewGuid():N}", Slug = $"t-{Guid.NewGuid():N}" }],
            };
            db.Articles.Add(seed);
            await db.SaveChangesAsync();
            (id, tag) = (seed.Id, seed.Tags[0].Id);
        }
        var cache = site.Services.GetRequiredService<IOutputCacheStore>();
        var (page, list) = ($"table-{id}-page", $"table-{id}-list");
        // Tagged as the default site's pages are (every tag names its site).
        const int ours = Visnyk.Site.Site.Default;
        await cache.SetAsync(page, [1], [CacheTags.OfSite(ours, CacheTags.Article(id))], TimeSpan.FromMinutes(5), default);
        // A list of this article's own tag: only its changes evict it.
        await cache.SetAsync(list, [1], [CacheTags.OfSite(ours, CacheTags.Tag(tag))], TimeSpan.FromMinutes(5), default);

        var desk = role switch
        {
            Role.Editor => new Desk("table-editor", false, new HashSet<int> { own }, MayPublish: false),
            Role.Publisher => new Desk("table-publisher", false, new HashSet<int> { own }, MayPublish: true),
            Role.Admin => new Desk("table-admin", true, new HashSet<int>(), MayPublish: true),
            _ => new Desk("table-other", false, new HashSet<int> { other }, MayPublish: true),
        };
        Outcome outcome;
        await using (var scope = site.Scope(out var db))
        {
            var services = scope.ServiceProvider;
            var publishing = new Publishing(db, new AuditLog(db, services.GetRequiredService<IHttpContextAccessor>(), clock),
                cache, services.GetRequiredService<LatestNews>(), services.GetRequiredService<Visnyk.Site.SiteChrome>(), clock);
            var article = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).Include(a => a.Gallery).Include(a => a.PinnedRelated).SingleAsync(a => a.Id == id);
            var request = new ActionRequest(At: action is ArticleAction.Schedule ? scheduledFor : null);
            outcome = await publishing.RunAsync(article, action, new Actor(desk, role.ToString()), publishing.Start(article), request, default);
        }

        var live = status is ArticleStatus.Published or ArticleStatus.Scheduled;
        var may = role switch
        {
            Role.OtherDepartment => false,
            Role.Editor => action is ArticleAction.Save or ArticleAction.Submit or ArticleAction.Restore && !live,
            _ => true,
        };
        var next = Next(status, action);
        var expected = !may ? Outcome.Refused : next is null ? Outcome.NotNow : Outcome.Done;
        Assert.Equal(expected, outcome);

        await using (var scope = site.Scope(out var db))
        {
            var after = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            var audits = await db.AuditEntries.AsNoTracking().Where(e => e.Subject == AuditActions.Article(id)).Select(e => e.Action).ToListAsync();
            var revisions = await db.Revisions.CountAsync(r => r.ArticleId == id);
            var alerts = await db.Mailings.CountAsync(m => m.ArticleId == id && m.Kind == MailingKind.Alert);
            if (expected is not Outcome.Done)
            {
                Assert.Equal((status, published, updated), (after.Status, after.PublishedAt, after.UpdatedAt));
                Assert.Empty(audits);
                Assert.Equal(0, revisions);
                Assert.Equal(0, alerts);
                Assert.NotNull(await cache.GetAsync(page, default));
                return;
            }
            Assert.Equal(next, after.Status);
            var expectedDate = action switch
            {
                ArticleAction.Schedule => scheduledFor,
                ArticleAction.Publish or ArticleAction.Approve when status is not ArticleStatus.Withdrawn => now,
                _ => published,
            };
            Assert.Equal(expectedDate, after.PublishedAt);
            Assert.Equal(action is ArticleAction.PublishDue ? updated : now, after.UpdatedAt);
            Assert.Equal([AuditAction(action)], audits);
            Assert.Equal(1, revisions);
            // Subscribers hear of a fresh first publication, once; a re-publication of old news is not news.
            var alerted = next is ArticleStatus.Published && status is not ArticleStatus.Published && expectedDate > now.AddDays(-1);
            Assert.Equal(alerted ? 1 : 0, alerts);
            // The article's own pages always; the lists when it appears in or leaves them.
            Assert.Null(await cache.GetAsync(page, default));
            var wasPublic = status is ArticleStatus.Published;
            var isPublic = after.Status is ArticleStatus.Published && after.PublishedAt <= now;
            Assert.Equal(wasPublic != isPublic, await cache.GetAsync(list, default) is null);
        }
    }

    [Fact]
    public async Task Publishing_again_after_a_withdrawal_alerts_no_one_a_second_time()
    {
        int id;
        await using (var scope = site.Scope(out var db))
        {
            var department = await db.Departments.FirstAsync();
            var article = new Article { Title = "Двічі", Slug = "dvichi", Status = ArticleStatus.Draft, Departments = [department] };
            var publishing = scope.ServiceProvider.GetRequiredService<Publishing>();
            var admin = new Actor(new Desk("table-admin", true, new HashSet<int>(), true), "admin");
            Assert.Equal(Outcome.Done, await publishing.RunAsync(article, ArticleAction.Publish, admin, publishing.Start(null), new ActionRequest(), default));
            id = article.Id;
            foreach (var action in new[] { ArticleAction.Withdraw, ArticleAction.Publish, ArticleAction.Correct })
            {
                Assert.Equal(Outcome.Done, await publishing.RunAsync(article, action, admin, publishing.Start(article), new ActionRequest(), default));
            }
        }
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(1, await db.Mailings.CountAsync(m => m.ArticleId == id));
        }
    }
}
