using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Documents;
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

    // The list pages' SQL (ArticleLists), in both of its plans (walking the dates, reading the ids),
    // gives the same pages as the composable queries, with hidden articles in the list: a draft, one
    // for tomorrow, a withdrawn one and one in English.
    [Fact]
    public async Task List_pages_in_SQL_agree_with_the_composable_queries_in_both_plans()
    {
        await using var scope = site.Services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(Visnyk.Site.Site.Default, SiteLanguage.Default);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var now = DateTime.UtcNow;
        var tag = await db.Tags.OrderByDescending(t => db.Articles.Count(a => a.Tags.Any(x => x.Id == t.Id))).ThenBy(t => t.Id).FirstAsync();
        var department = await db.Departments.OrderByDescending(d => db.Articles.Count(a => a.Departments.Any(x => x.Id == d.Id))).ThenBy(d => d.Id).FirstAsync();
        Article InList(string title, ArticleStatus status, DateTime at, string language = "uk") => new()
        {
            Title = title, Slug = "hidden", Status = status, PublishedAt = at, UpdatedAt = at, Language = language,
            Tags = [tag], Departments = [department],
        };
        // Enough public ones for three pages of each list.
        db.Articles.AddRange(Enumerable.Range(0, 2 * Paging.PageSize).Select(i => InList($"Новина в списку {i}", ArticleStatus.Published, now.AddDays(-3).AddMinutes(i))));
        db.Articles.AddRange(
            InList("Чернетка в списку", ArticleStatus.Draft, now.AddMinutes(-3)),
            InList("Завтрашня в списку", ArticleStatus.Published, now.AddDays(1)),
            InList("Відкликана в списку", ArticleStatus.Withdrawn, now.AddMinutes(-2)),
            InList("In English, in the list", ArticleStatus.Published, now.AddMinutes(-1), "en"));
        await db.SaveChangesAsync();

        var published = db.Articles.Published(now).Where(a => a.Language == SiteLanguage.Default.Code);
        var sqlite = db.Database.IsSqlite();
        var lists = new (string Name, int Id, IQueryable<Article> Composed, string[] Sql)[]
        {
            ("tag", tag.Id, published.WithTag(tag.Id), [ArticleLists.Tags.WalkSql, sqlite ? ArticleLists.Tags.ByIdsSqliteSql : ArticleLists.Tags.ByIdsSql]),
            ("department", department.Id, published.InDepartment(department.Id), [ArticleLists.Departments.WalkSql, sqlite ? ArticleLists.Departments.ByIdsSqliteSql : ArticleLists.Departments.ByIdsSql]),
            ("all", 0, published, [ArticleLists.AllSql]),
        };
        foreach (var (name, id, composed, texts) in lists)
        {
            var total = await composed.CountAsync();
            Assert.True(total > Paging.PageSize, $"The {name} list has one page only ({total})");
            var pages = (total + Paging.PageSize - 1) / Paging.PageSize;
            foreach (var sql in texts)
            {
                foreach (var number in new[] { 1, 2, pages })
                {
                    var expected = await composed.Newest().Skip((number - 1) * Paging.PageSize).Take(Paging.PageSize).AsListItems().ToListAsync();
                    var page = await ArticleLists.ReadAsync(db, sql, id, now, number, total, CancellationToken.None);
                    Assert.Equal(expected.Select(a => a.Id), page.Items.Select(a => a.Id));
                    Assert.Equal(expected.Select(a => a.LeadImage?.Key), page.Items.Select(a => a.LeadImage?.Key));
                    Assert.All(page.Items, a => Assert.Equal(DateTimeKind.Utc, a.PublishedAt.Kind));
                    Assert.Equal(pages, page.TotalPages);
                }
                Assert.Empty((await ArticleLists.ReadAsync(db, sql, id, now, pages + 1, total, CancellationToken.None)).Items);
            }
        }
    }

    // A department page's newest documents in SQL (DocumentPage) are the register's query: public
    // ones only, the latest signed first (undated ones, and one day's, in order of id), in the
    // scope's language or, for a scope that reads every language, in all.
    [Fact]
    public async Task A_departments_newest_documents_in_SQL_agree_with_the_registers_query()
    {
        var now = DateTime.UtcNow;
        var scopes = site.Services.GetRequiredService<IServiceScopeFactory>();
        int department;
        await using (var scope = scopes.CreateSiteScope(Visnyk.Site.Site.Default))
        {
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var chosen = await db.Departments.OrderByDescending(d => d.Id).FirstAsync();
            department = chosen.Id;
            var day = DateOnly.FromDateTime(now);
            Article Document(string number, ArticleStatus status, DateTime at, DateOnly? signed, string language = "uk") => new()
            {
                Kind = ArticleKind.Document, Title = $"Розпорядження № {number}", Slug = "rozporiadzhennia", Status = status, PublishedAt = at, UpdatedAt = at,
                Language = language, DocType = DocumentType.Rozporiadzhennia, DocNumber = number, SignedOn = signed, IssuedBy = "Начальник ОВА",
                DocStatus = DocumentStatus.InForce, Departments = [chosen],
            };
            // More than a page shows: some a day apart, three on one day, two undated.
            db.Articles.AddRange(Enumerable.Range(0, 12).Select(i => Document($"{100 + i}-р", ArticleStatus.Published, now.AddDays(-20 + i), day.AddDays(-30 + i))));
            db.Articles.AddRange(Enumerable.Range(0, 3).Select(i => Document($"{200 + i}-р", ArticleStatus.Published, now.AddDays(-5), day.AddDays(-1))));
            db.Articles.AddRange(Enumerable.Range(0, 2).Select(i => Document($"{300 + i}-р", ArticleStatus.Published, now.AddDays(-4), null)));
            db.Articles.AddRange(
                Document("401-р", ArticleStatus.Draft, now.AddDays(-1), day),
                Document("402-р", ArticleStatus.Published, now.AddDays(1), day),
                Document("403-р", ArticleStatus.Withdrawn, now.AddDays(-1), day),
                Document("404-р", ArticleStatus.Published, now.AddDays(-1), day, "en"));
            await db.SaveChangesAsync();
        }
        foreach (var language in new[] { SiteLanguage.Default, SiteLanguage.English, null })
        {
            await using var scope = scopes.CreateSiteScope(Visnyk.Site.Site.Default, language);
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            Assert.Equal(language?.Code, db.ReadLanguage);
            foreach (var count in new[] { 10, 40 })
            {
                var expected = await db.Documents.Published(now).Where(d => d.Departments.Any(x => x.Id == department))
                    .OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id).Take(count).AsDocumentItems().ToListAsync();
                var read = await DocumentPage.NewestOfDepartmentAsync(db, department, now, count, CancellationToken.None);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, read);
            }
        }
    }
}
