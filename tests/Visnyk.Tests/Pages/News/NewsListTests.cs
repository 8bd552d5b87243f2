using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Tests.Pages.News;

public class NewsListTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    // 13 demo articles plus these make three pages of 20.
    async Task AddArticlesAsync(int count)
    {
        await using var scope = site.Scope(out var db);
        if (await db.Articles.CountAsync(a => a.Title.StartsWith("Тестова новина")) > 0)
        {
            return;
        }
        var start = new DateTime(2024, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        // A tag on all of them: a list holding a good share of all news (paged by walking the dates).
        var tag = new Visnyk.Tags.Tag { Name = "тестова тема", Slug = "testova-tema" };
        for (var i = 0; i < count; i++)
        {
            db.Articles.Add(new Article
            {
                Title = $"Тестова новина {i:D2}",
                Slug = $"testova-novyna-{i:D2}",
                Summary = "Короткий зміст",
                Status = ArticleStatus.Published,
                PublishedAt = start.AddDays(i),
                UpdatedAt = start.AddDays(i),
                Tags = [tag],
            });
        }
        db.Articles.Add(new Article { Title = "Чернетка", Slug = "chernetka", Status = ArticleStatus.Draft, PublishedAt = start, UpdatedAt = start });
        db.Articles.Add(new Article { Title = "Майбутня", Slug = "maibutnia", Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddDays(3), UpdatedAt = start });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Pages_by_twenty_newest_first_with_page_links_and_more_news()
    {
        await AddArticlesAsync(40);
        var client = site.Browserless();
        var first = await client.GetDocumentAsync("/news");
        var items = first.QuerySelectorAll("main .news-item").ToList();
        Assert.Equal(20, items.Count);
        Assert.Equal("/news?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("Більше новин", first.QuerySelector(".pager__more")!.TextContent.Trim());
        var dates = items.Select(i => i.QuerySelector("time")!.GetAttribute("datetime")!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);

        var third = await client.GetDocumentAsync("/news?page=3");
        Assert.Equal(13, third.QuerySelectorAll("main .news-item").Length);
        Assert.Equal("page", third.QuerySelector(".pager a[aria-current]")!.GetAttribute("aria-current"));
        Assert.Null(third.QuerySelector(".pager a[rel=next]"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/news?page=4")).StatusCode);
        // Not a page number at all (QueryRules): a bad request rather than a page that is not there.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/news?page=0")).StatusCode);
    }

    [Fact]
    public async Task Never_lists_drafts_or_articles_scheduled_for_later()
    {
        await AddArticlesAsync(40);
        var all = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var doc = await site.Browserless().GetDocumentAsync($"/news?page={page}");
            all.AddRange(doc.QuerySelectorAll("main .news-item__title").Select(a => a.TextContent.Trim()));
        }
        Assert.Equal(53, all.Count);
        Assert.DoesNotContain("Чернетка", all);
        Assert.DoesNotContain("Майбутня", all);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync($"/news/{await IdOfAsync("chernetka")}")).StatusCode);
    }

    async Task<string> IdOfAsync(string slug)
    {
        await using var scope = site.Scope(out var db);
        return (await db.Articles.SingleAsync(a => a.Slug == slug)).Id.ToString();
    }

    [Fact]
    public async Task Filters_by_a_range_of_kyiv_dates()
    {
        await AddArticlesAsync(40);
        var doc = await site.Browserless().GetDocumentAsync("/news?from=2025-08-21&to=2025-08-21");
        var items = doc.QuerySelectorAll("main .news-item time").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(9, items.Count);
        Assert.All(items, d => Assert.Equal("21/08/2025", d));
        Assert.Equal("2025-08-21", doc.QuerySelector("input#from")!.GetAttribute("value"));

        var january = await site.Browserless().GetDocumentAsync("/news?from=2024-01-01&to=2024-01-10");
        Assert.Equal(10, january.QuerySelectorAll("main .news-item").Length);
    }

    [Fact]
    public async Task Explains_a_malformed_or_reversed_filter_instead_of_failing()
    {
        // Malformed: 400, naming each value and offering the list without them (QueryRules).
        var response = await site.Browserless().GetAsync("/news?from=not-a-date&page=zzz");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var bad = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(["from", "page"], bad.QuerySelectorAll(".query-errors li code").Select(c => c.TextContent).Order());
        Assert.Contains(bad.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/news");

        var reversed = await site.Browserless().GetDocumentAsync("/news?from=2025-08-22&to=2025-08-20");
        Assert.Contains("поміняно місцями", reversed.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(9, reversed.QuerySelectorAll("main .news-item").Length);
    }

    [Fact]
    public async Task Page_links_keep_the_date_filter()
    {
        await AddArticlesAsync(40);
        var doc = await site.Browserless().GetDocumentAsync("/news?from=2024-01-01&to=2024-12-31");
        Assert.Equal("/news?from=2024-01-01&to=2024-12-31&page=2", doc.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("полтаві", "У Полтаві відбудеться футбольний турнір")] // any case
    [InlineData("ПАМ'ЯТІ героя", "У Полтаві відбудеться футбольний турнір")] // apostrophe variants, several words
    [InlineData("дія.освіта", "На Дія.Освіта вийшов курс")]
    public async Task Finds_news_by_words_of_the_title_in_any_case(string query, string titleStart)
    {
        var doc = await site.Browserless().GetDocumentAsync("/news?q=" + Uri.EscapeDataString(query));
        var titles = doc.QuerySelectorAll("main .news-item__title").Select(a => a.TextContent.Trim()).ToList();
        Assert.Single(titles, t => t.StartsWith(titleStart));
        Assert.Equal(query, doc.QuerySelector("input#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Hostile_or_empty_queries_give_a_normal_page()
    {
        foreach (var query in new[] { new string('ї', 10_000), "%' OR 1=1 --", "\\\\", "   ", "<script>alert(1)</script>" })
        {
            var response = await site.Browserless().GetAsync("/news?q=" + Uri.EscapeDataString(query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync());
        }
        var none = await site.Browserless().GetDocumentAsync("/news?q=" + Uri.EscapeDataString("%' OR 1=1 --"));
        Assert.Empty(none.QuerySelectorAll("main .news-item"));
    }

    [Theory]
    [InlineData("/tags/koalitsiia-1325-poltavshchyna", 1)] // 1 of 53 articles: paged from the join table
    [InlineData("/tags/sotszakhyst", 5)] // 5 of 53: from the join table too (ArticleLists)
    [InlineData("/tags/testova-tema", 20)] // 40 of 53: paged by walking the date index
    [InlineData("/departments/departament-osvity-i-nauky", 1)]
    [InlineData("/departments/departament-sotsialnoho-zakhystu-naselennia", 5)]
    public async Task Tag_and_department_lists_show_their_news_whichever_way_they_are_paged(string url, int count)
    {
        await AddArticlesAsync(40);
        var doc = await site.Browserless().GetDocumentAsync(url);
        var items = doc.QuerySelectorAll("main .news-item").ToList();
        Assert.Equal(count, items.Count);
        var dates = items.Select(i => i.QuerySelector("time")!.GetAttribute("datetime")!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }
}
