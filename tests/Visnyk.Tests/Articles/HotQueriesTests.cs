using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Tests.Articles;

// The compiled query and the article page's SQL spell out the published rule; they must agree with ArticleQueries.
public class HotQueriesTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Compiled_queries_agree_with_the_composable_ones_on_drafts_future_and_withdrawn_articles()
    {
        await using var scope = site.Scope(out var db);
        var now = DateTime.UtcNow;
        var newest = await db.Articles.OrderByDescending(a => a.PublishedAt).FirstAsync();
        Article Extra(string title, ArticleStatus status, DateTime at) => new()
        {
            Title = title, Slug = "extra", Status = status, PublishedAt = at, UpdatedAt = at,
        };
        var draft = Extra("Чернетка", ArticleStatus.Draft, now.AddDays(-1));
        var future = Extra("Заплановано на завтра", ArticleStatus.Published, now.AddDays(1));
        var withdrawn = Extra("Відкликана", ArticleStatus.Withdrawn, now.AddDays(-1));
        // Scheduled for later: one whose time has come is published by the scheduler, maybe while this runs.
        var scheduled = Extra("Запланована", ArticleStatus.Scheduled, now.AddHours(1));
        var fresh = Extra("Щойно опублікована", ArticleStatus.Published, now.AddMinutes(-1));
        db.Articles.AddRange(draft, future, withdrawn, scheduled, fresh);
        await db.SaveChangesAsync();

        var compiled = (await db.LatestAsync(now, 9, CancellationToken.None)).Select(a => a.Id).ToList();
        var composed = await db.Articles.Published(now).Newest().Take(9).Select(a => a.Id).ToListAsync();
        Assert.Equal(composed, compiled);
        Assert.Equal(fresh.Id, compiled[0]);
        Assert.Equal(newest.Id, compiled[1]);

        // The article page's own SQL follows the same rule.
        var chrome = scope.ServiceProvider.GetRequiredService<SiteChrome>();
        foreach (var hidden in new[] { draft, future, withdrawn, scheduled })
        {
            Assert.Null(await ArticlePage.LoadAsync(db, chrome, hidden.Id, now, CancellationToken.None));
        }
        var shown = await ArticlePage.LoadAsync(db, chrome, newest.Id, now, CancellationToken.None);
        Assert.Equal(newest.Title, shown!.Article.Title);
        Assert.Equal(DateTimeKind.Utc, shown.Article.PublishedAt.Kind);
        Assert.Equal(newest.PublishedAt, shown.Article.PublishedAt);
        Assert.NotNull(shown.Article.LeadImage);
        Assert.NotEmpty(shown.Article.Departments);
    }
}
