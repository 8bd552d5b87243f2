using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Visnyk.Articles;
using Visnyk.Search;
using Visnyk.Site;
using Visnyk.Tests.Data;
using static Visnyk.Tests.Search.SearchSite;

namespace Visnyk.Tests.Search;

// The index answers for the database: publishing, editing and withdrawing show in search; a
// second instance with its own index follows the same log; a rebuild request rebuilds.
public class IndexFollowsDatabaseTests(EmptySiteFactory site) : IClassFixture<EmptySiteFactory>
{
    [Fact]
    public async Task Publishing_editing_and_withdrawing_show_in_search()
    {
        var client = site.Browserless();
        int id;
        await using (var scope = site.Scope(out var db))
        {
            var article = Published("Гуманітарний штаб у Лубнах", "<p>Волонтери Лубен видають <b>гуманітарну</b> допомогу.</p>", DateTime.UtcNow.AddHours(-1));
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            id = article.Id;
        }
        await site.CaughtUpAsync();
        Assert.Equal(["Гуманітарний штаб у Лубнах"], await client.TitlesAsync("/search?q=" + Q("гуманітарної допомоги лубнами")));

        await using (var scope = site.Scope(out var db))
        {
            var article = await db.Articles.FindAsync(id);
            article!.Title = "Пункт незламності у Лубнах";
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Equal(["Пункт незламності у Лубнах"], await client.TitlesAsync("/search?q=" + Q("незламності")));
        Assert.Empty(await client.TitlesAsync("/search?q=" + Q("штаб")));

        await using (var scope = site.Scope(out var db))
        {
            (await db.Articles.FindAsync(id))!.Status = ArticleStatus.Withdrawn;
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Empty(await client.TitlesAsync("/search?q=" + Q("незламності")));
    }

    [Fact]
    public async Task Tag_names_are_searchable_and_a_renamed_tag_is_found_by_its_new_name()
    {
        await using (var scope = site.Scope(out var db))
        {
            var article = Published("Новина про виплати", "<p>Текст без назви тегу.</p>", DateTime.UtcNow.AddHours(-2));
            article.Tags = [new Visnyk.Tags.Tag { Name = "соціальні стипендії", Slug = "sotsialni-stypendii" }];
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Equal(["Новина про виплати"], await site.Browserless().TitlesAsync("/search?q=" + Q("стипендія")));

        await using (var scope = site.Scope(out var db))
        {
            var tag = db.Tags.Single(t => t.Slug == "sotsialni-stypendii");
            tag.Name = "освітні гранти";
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Equal(["Новина про виплати"], await site.Browserless().TitlesAsync("/search?q=" + Q("грантами")));
        Assert.Empty(await site.Browserless().TitlesAsync("/search?q=" + Q("стипендія")));
    }

    [Fact]
    public async Task An_article_scheduled_for_later_is_found_only_from_its_time()
    {
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.Add(Published("Майбутня новина про водогін", "<p>Водогін відремонтують.</p>", DateTime.UtcNow.AddDays(1)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Empty(await site.Browserless().TitlesAsync("/search?q=" + Q("водогону")));
    }

    [Fact]
    public async Task A_second_instance_with_its_own_index_follows_the_same_changes_and_rebuilds_on_request()
    {
        var folder = Path.Combine(site.DataDirectory, "second-instance-index");
        using var index = new NewsIndex(Options.Create(new SiteOptions { DataDirectory = site.DataDirectory, SearchIndexDirectory = folder }), NullLogger<NewsIndex>.Instance);
        var indexer = new SearchIndexer(index, site.Services.GetRequiredService<IServiceScopeFactory>(), site.Services.GetRequiredService<Visnyk.Data.AllSites>(), new Visnyk.Data.CommitSignal(), TimeProvider.System, NullLogger<SearchIndexer>.Instance);
        var search = new NewsSearch(index);
        await indexer.CatchUpAsync();
        var before = index.Count;

        await using (var scope = site.Scope(out var db))
        {
            db.Articles.Add(Published("Ремонт мосту через Ворсклу", "<p>Міст через Ворсклу відкриють восени.</p>", DateTime.UtcNow.AddMinutes(-5)));
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await indexer.CatchUpAsync());
        Assert.Equal(before + 1, index.Count);
        var found = search.Search(new SearchRequest("мости ворскли", [], [], null, null, SearchOrder.Relevance, 1, 10), Visnyk.Site.Site.Default, DateTime.UtcNow);
        Assert.Equal(1, found!.Total);

        // Nothing new: nothing to do.
        Assert.Equal(0, await indexer.CatchUpAsync());

        // The reindex command's request when the site is running: every instance rebuilds.
        await using (var scope = site.Scope(out var db))
        {
            db.ArticleChanges.Add(new ArticleChange { ArticleId = ArticleChange.Everything, At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var published = await CountPublishedAsync();
        Assert.Equal(published, await indexer.CatchUpAsync());
        Assert.Equal(published, index.Count);
    }

    [Fact]
    public async Task An_index_folder_in_use_cannot_be_opened_a_second_time()
    {
        await site.CaughtUpAsync(); // the site holds its index
        using var second = new NewsIndex(Options.Create(new SiteOptions { DataDirectory = site.DataDirectory }), NullLogger<NewsIndex>.Instance);
        Assert.False(second.TryOpen());
        Assert.True(NewsIndex.IsInUse(Path.Combine(site.DataDirectory, "search")));
        Assert.False(NewsIndex.IsInUse(Path.Combine(site.DataDirectory, "no-index-here")));
    }

    [Fact]
    public async Task Results_are_counted_by_year_and_a_year_narrows_to_its_count()
    {
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.AddRange(
                Published("Ковзанка 2023", "<p>Ковзанку залили.</p>", new DateTime(2023, 12, 31, 22, 30, 0, DateTimeKind.Utc)), // 00:30 on 1 January 2024 in Kyiv
                Published("Ковзанка 2023, друга", "<p>Ковзанка працює.</p>", new DateTime(2023, 6, 1, 9, 0, 0, DateTimeKind.Utc)),
                Published("Ковзанка 2022", "<p>Ковзанки відкрили.</p>", new DateTime(2022, 12, 1, 9, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        var page = await site.Browserless().GetDocumentAsync("/search?q=" + Q("ковзанки"));
        var years = page.QuerySelectorAll(".years a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href")!)).ToList();
        Assert.Equal(["2024 (1)", "2023 (1)", "2022 (1)"], years.Select(y => y.Text));
        Assert.Equal(["Ковзанка 2023"], await site.Browserless().TitlesAsync(years[0].Href));
        Assert.Contains("q=", years[0].Href);
    }

    [Fact]
    public async Task Newer_news_rank_first_among_equally_relevant_and_the_date_order_is_newest_first()
    {
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.AddRange(
                Published("Стара новина про бджолярів", "<p>Бджолярі Полтавщини зібрали мед.</p>", DateTime.UtcNow.AddDays(-400)),
                Published("Свіжа новина про бджолярів", "<p>Бджолярі Полтавщини зібрали мед.</p>", DateTime.UtcNow.AddDays(-1)),
                Published("Бджолярі, бджолярі, бджолярі", "<p>Бджолярі про бджолярів для бджолярів.</p>", DateTime.UtcNow.AddDays(-900)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        var relevance = await site.Browserless().TitlesAsync("/search?q=" + Q("бджоляр"));
        Assert.True(relevance.IndexOf("Свіжа новина про бджолярів") < relevance.IndexOf("Стара новина про бджолярів"), string.Join(" | ", relevance));
        Assert.Equal(["Свіжа новина про бджолярів", "Стара новина про бджолярів", "Бджолярі, бджолярі, бджолярі"],
            await site.Browserless().TitlesAsync("/search?q=" + Q("бджоляр") + "&sort=date"));
    }

    [Fact]
    public async Task Results_page_and_keep_their_filters_in_page_links()
    {
        await using (var scope = site.Scope(out var db))
        {
            for (var i = 0; i < 45; i++)
            {
                db.Articles.Add(Published($"Звіт про енергозбереження №{i}", "<p>Енергозбереження в школах.</p>", DateTime.UtcNow.AddDays(-i - 2)));
            }
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        var client = site.Browserless();
        var first = await client.GetDocumentAsync("/search?q=" + Q("енергозбереженню") + "&sort=date");
        Assert.Equal(20, first.QuerySelectorAll(".search-result").Length);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("sort=date", next);
        Assert.Contains("page=2", next);
        var third = await client.GetDocumentAsync(next.Replace("page=2", "page=3"));
        Assert.Equal(5, third.QuerySelectorAll(".search-result").Length);
        Assert.Equal("41", third.QuerySelector("ol.search-results")!.GetAttribute("start"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(next.Replace("page=2", "page=4"))).StatusCode);
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    public async Task Any_search_is_a_feed_of_its_newest_matches(string format)
    {
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.AddRange(
                Published($"Фестиваль галушки у Полтаві ({format})", "<p>Галушки варили на площі.</p>", DateTime.UtcNow.AddDays(-3), "Свято галушки."),
                Published($"Ярмарок у Миргороді ({format})", "<p>Продавали мед.</p>", DateTime.UtcNow.AddDays(-2)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        var page = await site.Browserless().GetDocumentAsync("/search?q=" + Q("галушок"));
        var link = page.QuerySelector($"link[rel=alternate][href^='/feeds/search.{format}']")!.GetAttribute("href")!;
        var response = await site.Browserless().GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        Assert.Contains($"Фестиваль галушки у Полтаві ({format})", feed.Items.Select(i => i.Title.Text));
        Assert.All(feed.Items, i => Assert.StartsWith("Фестиваль галушки", i.Title.Text));
        Assert.Contains("галушок", feed.Title.Text);
    }

    [Fact]
    public async Task The_open_data_api_finds_every_word_form()
    {
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.Add(Published("Пожежники врятували лелеку", "<p>Лелеку зняли з опори.</p>", DateTime.UtcNow.AddDays(-1)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        var json = JsonDocument.Parse(await site.Browserless().GetStringAsync("/api/v1/news?q=" + Q("лелеки пожежників")));
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("Пожежники врятували лелеку", json.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
        var tooFar = await site.Browserless().GetAsync("/api/v1/news?q=" + Q("лелеки") + "&page=101");
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal("application/problem+json", tooFar.Content.Headers.ContentType!.MediaType);
    }

    async Task<int> CountPublishedAsync()
    {
        await using var scope = site.Scope(out var db);
        // The index holds the default language's (other languages' search is to come).
        return db.Articles.Count(a => a.Status == ArticleStatus.Published && a.Language == "uk");
    }
}
