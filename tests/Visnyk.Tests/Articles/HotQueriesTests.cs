using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;

namespace Visnyk.Tests.Articles;

// The compiled queries spell out the published rule; they must agree with ArticleQueries.
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
        var scheduled = Extra("Запланована", ArticleStatus.Scheduled, now.AddDays(-1));
        var fresh = Extra("Щойно опублікована", ArticleStatus.Published, now.AddMinutes(-1));
        db.Articles.AddRange(draft, future, withdrawn, scheduled, fresh);
        await db.SaveChangesAsync();

        var compiled = (await db.LatestAsync(now, 9, CancellationToken.None)).Select(a => a.Id).ToList();
        var composed = await db.Articles.Published(now).Newest().Take(9).Select(a => a.Id).ToListAsync();
        Assert.Equal(composed, compiled);
        Assert.Equal(fresh.Id, compiled[0]);
        Assert.Equal(newest.Id, compiled[1]);

        foreach (var hidden in new[] { draft, future, withdrawn, scheduled })
        {
            Assert.Null(await db.PublishedArticleAsync(hidden.Id, now));
        }
        var shown = await db.PublishedArticleAsync(newest.Id, now);
        Assert.Equal(newest.Title, shown!.Title);
        Assert.NotNull(shown.LeadImage);
    }
}
