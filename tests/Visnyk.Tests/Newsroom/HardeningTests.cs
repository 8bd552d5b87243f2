using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Visnyk.Newsroom;

namespace Visnyk.Tests.Newsroom;

// The newsroom behind an address allow-list: everyone else gets a 404 for /admin, the public site stays open.
public class AllowListSiteFactory : SiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Visnyk:Admin:AllowedNetworks:0", "10.20.0.0/16");
    }
}

// Three sign-in attempts a minute per address, to see the limit work.
public class StrictSignInSiteFactory : SiteFactory
{
    protected override int SignInsPerMinute => 3;
}

public class AllowListTests(AllowListSiteFactory site) : IClassFixture<AllowListSiteFactory>
{
    [Fact]
    public async Task Admin_answers_only_the_allowed_networks()
    {
        // The test server's client has no address, so it is outside 10.20.0.0/16.
        var client = site.Browserless();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/admin/signin", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}

public class SignInRateLimitTests(StrictSignInSiteFactory site) : IClassFixture<StrictSignInSiteFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_whatever_the_account()
    {
        var client = site.Client();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", $"guess{i}@example.gov.ua"), ("Password", "спроба вгадати пароль"));
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }
        var options = site.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Visnyk.Site.SiteOptions>>().Value;
        Assert.Equal(3, options.Admin.SignInsPerMinute);
        var fourth = await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", "guess3@example.gov.ua"), ("Password", "спроба вгадати пароль"));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        // Showing the form is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/signin")).StatusCode);
    }
}

public class ScheduledPublishingTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task A_scheduled_article_is_published_when_its_time_comes_even_after_a_restart()
    {
        var at = DateTime.UtcNow.AddHours(2);
        int id;
        await using (var scope = site.Scope(out var db))
        {
            var article = new Article
            {
                Title = "Запланована на дві години", Slug = "zaplanovana", Status = ArticleStatus.Scheduled,
                PublishedAt = at, UpdatedAt = DateTime.UtcNow,
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            id = article.Id;
        }
        // A publisher that starts (as after a restart) an hour before, then an hour after the time:
        // the schedule is only in the database.
        var clock = new FakeTimeProvider(at.AddHours(-1));
        ScheduledPublisher Publisher() => new(site.Services.GetRequiredService<IServiceScopeFactory>(), site.Services.GetRequiredService<Visnyk.Data.AllSites>(), clock, NullLogger<ScheduledPublisher>.Instance);
        Assert.Equal(0, await Publisher().PublishDueAsync(default));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await Publisher().PublishDueAsync(default));

        await using (var scope = site.Scope(out var db))
        {
            var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal(ArticleStatus.Published, article.Status);
            Assert.Equal(at, article.PublishedAt, TimeSpan.FromMicroseconds(1)); // databases keep microseconds
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Subject == $"article:{id}" && e.Details!.StartsWith("за розкладом")));
        }
        Assert.Equal(0, await Publisher().PublishDueAsync(default));
    }

    [Fact]
    public async Task Two_instances_finding_the_same_article_due_publish_it_once()
    {
        var at = DateTime.UtcNow.AddMinutes(-1);
        int id;
        long saved;
        await using (var scope = site.Scope(out var db))
        {
            var article = new Article { Title = "Запланована для двох екземплярів", Slug = "dlia-dvokh", Status = ArticleStatus.Scheduled, PublishedAt = at, UpdatedAt = at };
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            id = article.Id;
            saved = await db.ArticleChanges.MaxAsync(c => c.Id);
        }
        // Four publishers (as on four instances) at the same moment.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var published = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new ScheduledPublisher(site.Services.GetRequiredService<IServiceScopeFactory>(), site.Services.GetRequiredService<Visnyk.Data.AllSites>(), clock, NullLogger<ScheduledPublisher>.Instance).PublishDueAsync(default)));
        Assert.Equal(1, published.Sum());
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(ArticleStatus.Published, (await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id)).Status);
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Subject == $"article:{id}" && e.Details!.StartsWith("за розкладом")));
            Assert.Equal(1, await db.ArticleChanges.CountAsync(c => c.ArticleId == id && c.Id > saved)); // one publication in the search log
            Assert.Equal(1, await db.Mailings.CountAsync(m => m.ArticleId == id)); // one alert decided
        }
    }
}
