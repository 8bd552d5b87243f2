using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Articles;
using Visnyk.Tests.Data;

namespace Visnyk.Tests.Articles;

// The in-memory list of latest news: fresh after a change, and at the moment a scheduled article goes public.
public class LatestNewsTests(EmptySiteFactory site) : IClassFixture<EmptySiteFactory>
{
    static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    static Article At(string title, DateTime at) => new()
    {
        Title = title, Slug = "latest-test", Status = ArticleStatus.Published, PublishedAt = at, UpdatedAt = at,
    };

    [Fact]
    public async Task Keeps_the_list_until_invalidated_and_shows_a_timed_article_when_its_time_comes()
    {
        var clock = new FakeTimeProvider(Now);
        using var cache = new Visnyk.Site.SiteCache(clock);
        var latest = new LatestNews(cache, new Visnyk.Site.CurrentSite(), site.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        await using var scope = site.Scope(out var db);
        db.Articles.AddRange(At("Вчорашня", Now.AddDays(-1)), At("Запланована на десяту", Now.AddHours(1)));
        await db.SaveChangesAsync();

        Assert.Equal(["Вчорашня"], (await latest.GetAsync(5, default)).Select(a => a.Title));

        // Written behind its back: not seen until invalidated (or MaxAge passes).
        db.Articles.Add(At("Щойно додана", Now.AddMinutes(-1)));
        await db.SaveChangesAsync();
        Assert.Equal(["Вчорашня"], (await latest.GetAsync(5, default)).Select(a => a.Title));
        latest.Invalidate();
        Assert.Equal(["Щойно додана", "Вчорашня"], (await latest.GetAsync(5, default)).Select(a => a.Title));

        // The scheduled one appears at ten, not up to MaxAge later.
        clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(50));
        Assert.Equal(2, (await latest.GetAsync(5, default)).Count);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["Запланована на десяту", "Щойно додана", "Вчорашня"], (await latest.GetAsync(5, default)).Select(a => a.Title));
        Assert.Equal(["Запланована на десяту"], (await latest.GetAsync(1, default)).Select(a => a.Title));

        // Changes from another process show after MaxAge at the latest.
        db.Articles.Add(At("З іншого процесу", Now.AddHours(1).AddSeconds(1)));
        await db.SaveChangesAsync();
        clock.Advance(LatestNews.MaxAge);
        Assert.Equal("З іншого процесу", (await latest.GetAsync(5, default))[0].Title);
    }
}
