using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Visnyk.Tests.Browser;

namespace Visnyk.Tests.Feeds;

// Feeds, sitemaps, robots.txt and the article page's OpenGraph, read as a machine would.
public class MachineReadableTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    [Theory]
    [InlineData("/feeds/news.rss")]
    [InlineData("/feeds/news.atom")]
    public async Task All_news_feeds_parse_and_carry_the_reference_article_with_its_tags_departments_and_photo(string path)
    {
        var response = await site.Browserless().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(path.EndsWith(".rss") ? "rss+xml" : "atom+xml", response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal("uk", feed.Language ?? "uk");
        Assert.InRange(feed.Items.Count(), 1, 30);
        var reference = feed.Items.Single(i => i.Title.Text.StartsWith(PublicPages.ReferenceTitleStart));
        Assert.Contains("/news/4-", reference.Links.First(l => l.RelationshipType is null or "alternate").Uri.ToString());
        Assert.Contains(reference.Categories, c => c.Name == "Коаліція 1325 Полтавщина");
        Assert.Contains(reference.Links, l => l.RelationshipType == "enclosure" && l.MediaType == "image/jpeg");
        Assert.False(string.IsNullOrWhiteSpace(((TextSyndicationContent)reference.Summary).Text));
        // Newest first.
        var dates = feed.Items.Select(i => i.PublishDate == default ? i.LastUpdatedTime : i.PublishDate).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Department_and_tag_feeds_hold_only_their_articles_and_unknown_ones_are_404()
    {
        var client = site.Browserless();
        var tag = SyndicationFeed.Load(XmlReader.Create(await client.GetStreamAsync("/feeds/tags/koalitsiia-1325-poltavshchyna.atom")));
        Assert.All(tag.Items, i => Assert.Contains(i.Categories, c => c.Name == "Коаліція 1325 Полтавщина"));
        Assert.NotEmpty(tag.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/tags/no-such-tag.rss")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/departments/no-such.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/news.json")).StatusCode);
    }

    [Fact]
    public async Task Sitemap_index_lists_valid_sitemaps_with_every_published_article_and_robots_points_to_it()
    {
        var client = site.Browserless();
        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /admin", robots);
        Assert.Contains("Disallow: /search", robots); // endless combinations of filters
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);

        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).PathAndQuery).ToList();
        Assert.Contains("/sitemaps/pages.xml", files);
        Assert.Contains("/sitemaps/news-1.xml", files);

        var news = XDocument.Parse(await client.GetStringAsync("/sitemaps/news-1.xml"));
        var urls = news.Root!.Elements(Sitemap + "url").ToList();
        Assert.Contains(urls, u => u.Element(Sitemap + "loc")!.Value.Contains("/news/4-chlenkyni"));
        Assert.All(urls, u => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", u.Element(Sitemap + "lastmod")!.Value));
        await using (var scope = site.Scope(out var db))
        {
            var now = DateTime.UtcNow;
            // The Ukrainian news (the English ones are not in the sitemaps yet).
            Assert.Equal(db.Articles.Count(a => a.Status == Visnyk.Articles.ArticleStatus.Published && a.PublishedAt <= now && a.Language == "uk"), urls.Count);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/news-2.xml")).StatusCode);

        var pages = XDocument.Parse(await client.GetStringAsync("/sitemaps/pages.xml"));
        Assert.Contains(pages.Root!.Elements(Sitemap + "url"), u => u.Element(Sitemap + "loc")!.Value.EndsWith("/tags/koalitsiia-1325-poltavshchyna"));
        Assert.Contains(pages.Root!.Elements(Sitemap + "url"), u => u.Element(Sitemap + "loc")!.Value.EndsWith("/accessibility"));

        // Google News: only the last 48 hours (the demo articles are older), but always valid.
        var google = XDocument.Parse(await client.GetStringAsync("/sitemaps/google-news.xml"));
        Assert.Equal(Sitemap + "urlset", google.Root!.Name);
        Assert.All(google.Root.Elements(Sitemap + "url"), u => Assert.NotNull(u.Element(News + "news")));
    }

    [Fact]
    public async Task Article_page_has_opengraph_and_twitter_cards_that_agree_with_the_page()
    {
        var client = site.CreateClient();
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/news/4"));
        string Meta(string property) => page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content") ?? "";
        var h1 = page.QuerySelector("h1")!.TextContent.Trim();
        Assert.Equal(h1, Meta("og:title"));
        Assert.Equal("article", Meta("og:type"));
        Assert.StartsWith("http://localhost/media/", Meta("og:image"));
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.Equal(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Meta("og:url"));
        // The JSON-LD beside them: Pages/News/JsonLdTests.
    }

    [Fact]
    public async Task Feeds_and_sitemaps_are_cached_and_a_publication_refreshes_them()
    {
        var reader = site.Browserless();
        Assert.DoesNotContain("Свіжа новина для стрічки", await reader.GetStringAsync("/feeds/news.rss"));
        Assert.DoesNotContain("svizha-novyna-dlia-strichky", await reader.GetStringAsync("/sitemaps/news-1.xml"));
        // A hit: the output cache answers with an Age header, which a rendered response never has.
        var second = await reader.GetAsync("/feeds/news.rss");
        Assert.NotNull(second.Headers.ETag);
        Assert.True(second.Headers.Age is not null, "the second /feeds/news.rss came without Age: not served from the output cache");
        Assert.NotNull((await reader.GetAsync("/sitemaps/news-1.xml")).Headers.Age);

        int department;
        await using (var scope = site.Scope(out var db))
        {
            department = db.Departments.First().Id;
        }
        var chief = await Newsroom.Newsroom.SignedInAsync(site, await Newsroom.Newsroom.CreateAsync(site, Visnyk.Accounts.Roles.ChiefEditor));
        var published = await Newsroom.Newsroom.PostFormAsync(chief, "/admin/articles/edit", "/admin/articles/edit?handler=Publish",
            ("Form.Title", "Свіжа новина для стрічки"), ("Form.Departments", department.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        // Evicted: rendered afresh (no Age), with the new article.
        var fresh = await reader.GetAsync("/feeds/news.rss");
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("Свіжа новина для стрічки", await fresh.Content.ReadAsStringAsync());
        Assert.Contains("svizha-novyna-dlia-strichky", await reader.GetStringAsync("/sitemaps/news-1.xml"));
    }
}
