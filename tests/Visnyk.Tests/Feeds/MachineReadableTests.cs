using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.People;
using Visnyk.Data;
using Visnyk.Tests.Browser;
using Visnyk.Tests.Newsletter;

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
        Assert.Contains("Disallow: /en/search", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);

        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).PathAndQuery).ToList();
        Assert.Contains("/sitemaps/pages.xml", files);
        // Each language's news in parts of its own: the Ukrainian ones at the addresses they always had.
        Assert.Equal(new[] { "/sitemaps/news-1.xml", "/sitemaps/news-en-1.xml" }, files.Where(f => f.StartsWith("/sitemaps/news-")));

        foreach (var (part, language, prefix) in new[] { ("/sitemaps/news-1.xml", "uk", "/news/"), ("/sitemaps/news-en-1.xml", "en", "/en/news/") })
        {
            var news = XDocument.Parse(await client.GetStringAsync(part));
            var urls = news.Root!.Elements(Sitemap + "url").ToList();
            Assert.All(urls, u => Assert.StartsWith("http://localhost" + prefix, u.Element(Sitemap + "loc")!.Value));
            Assert.All(urls, u => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", u.Element(Sitemap + "lastmod")!.Value));
            await using var scope = site.Scope(out var db);
            var now = DateTime.UtcNow;
            Assert.Equal(db.Articles.Count(a => a.Status == Visnyk.Articles.ArticleStatus.Published && a.PublishedAt <= now && a.Language == language), urls.Count);
        }
        Assert.Contains("/news/4-chlenkyni", await client.GetStringAsync("/sitemaps/news-1.xml"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/news-2.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/news-en-2.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemaps/news-xx-1.xml")).StatusCode);

        var pages = XDocument.Parse(await client.GetStringAsync("/sitemaps/pages.xml"));
        Assert.Contains(pages.Root!.Elements(Sitemap + "url"), u => u.Element(Sitemap + "loc")!.Value.EndsWith("/tags/koalitsiia-1325-poltavshchyna"));
        Assert.Contains(pages.Root!.Elements(Sitemap + "url"), u => u.Element(Sitemap + "loc")!.Value.EndsWith("/accessibility"));

        // Google News: only the last 48 hours (the demo articles are older), but always valid.
        var google = XDocument.Parse(await client.GetStringAsync("/sitemaps/google-news.xml"));
        Assert.Equal(Sitemap + "urlset", google.Root!.Name);
        Assert.All(google.Root.Elements(Sitemap + "url"), u => Assert.NotNull(u.Element(News + "news")));
    }

    [Fact]
    public async Task News_sitemaps_link_a_translation_and_its_original_to_each_other_and_leave_untranslated_news_alone()
    {
        var client = site.Browserless();
        string original, english, untranslated;
        await using (var scope = site.Scope(out var db))
        {
            var translation = await db.Articles.SingleAsync(a => a.Title == DemoEnglish.ReferenceTitle);
            var source = await db.Articles.SingleAsync(a => a.Id == translation.OriginalId);
            english = $"/en/news/{translation.Id}-{translation.Slug}";
            original = $"/news/{source.Id}-{source.Slug}";
            var alone = await db.Articles.SingleAsync(a => a.Title == Untranslated);
            Assert.False(await db.Articles.AnyAsync(a => a.OriginalId == alone.Id));
            untranslated = $"/news/{alone.Id}-{alone.Slug}";
        }

        var ukrainian = SitemapSchema.Parse(await client.GetStringAsync("/sitemaps/news-1.xml"));
        var inEnglish = SitemapSchema.Parse(await client.GetStringAsync("/sitemaps/news-en-1.xml"));
        var ukEntries = SitemapSchema.Alternates(ukrainian);
        var enEntries = SitemapSchema.Alternates(inEnglish);
        // Each version lists every version, itself included, and the Ukrainian one as the default.
        Dictionary<string, string> expected = new() { ["uk"] = original, ["en"] = english, ["x-default"] = original };
        Assert.Equal(expected, ukEntries[original]);
        Assert.Equal(expected, enEntries[english]);
        Assert.Empty(ukEntries[untranslated]);
        // Every link of either part is reciprocated by the entry it leads to, in the other part.
        foreach (var (path, links) in ukEntries.Concat(enEntries).Where(e => e.Value.Count > 0))
        {
            Assert.Equal(new[] { "uk", "en", "x-default" }, links.Keys);
            Assert.Equal(path, links[path.StartsWith("/en/") ? "en" : "uk"]);
            Assert.Equal(links, ukEntries[links["uk"]]);
            Assert.Equal(links, enEntries[links["en"]]);
        }
        Assert.Equal(3, enEntries.Count(e => e.Value.Count > 0));
    }

    [Fact]
    public async Task Pages_sitemap_lists_the_pages_written_in_English_beside_their_Ukrainian_ones()
    {
        var pages = SitemapSchema.Alternates(SitemapSchema.Parse(await site.Browserless().GetStringAsync("/sitemaps/pages.xml")));
        const string department = "/departments/departament-osvity-i-nauky";
        foreach (var (uk, en) in new[] { ("/", "/en"), ("/news", "/en/news"), ("/subscribe", "/en/subscribe"), ("/departments", "/en/departments"),
            (department, "/en" + department), ("/sitemap", "/en/sitemap"), ("/accessibility", "/en/accessibility"),
            ("/people", "/en/people"), ("/people/melnyk-nataliia-ivanivna", "/en/people/melnyk-nataliia-ivanivna"),
            ("/documents", "/en/documents"), ("/tags/koalitsiia-1325-poltavshchyna", "/en/tags/koalitsiia-1325-poltavshchyna") })
        {
            Dictionary<string, string> expected = new() { ["uk"] = uk, ["en"] = en, ["x-default"] = uk };
            Assert.Equal(expected, pages[uk]);
            Assert.Equal(expected, pages[en]);
        }
        // The tree's pages with their translations (the demo's "About the region" and four more), each at its own address.
        Dictionary<string, string> history = new() { ["uk"] = "/pro-oblast/istorychna-dovidka", ["en"] = "/en/about-the-region/history", ["x-default"] = "/pro-oblast/istorychna-dovidka" };
        Assert.Equal(history, pages["/pro-oblast/istorychna-dovidka"]);
        Assert.Equal(history, pages["/en/about-the-region/history"]);
        Assert.Empty(pages["/kerivnytstvo"]);
        await using var scope = site.Scope(out var db);
        var translatedPages = await db.SitePages.CountAsync(p => p.Language == "en" && p.PagePath != null && p.Status == Visnyk.Articles.ArticleStatus.Published);
        Assert.Equal(5, translatedPages);
        Assert.Equal(2 * (8 + await db.Departments.CountAsync() + await db.Tags.CountAsync() + await db.People.CountAsync() + translatedPages), pages.Count(p => p.Value.Count > 0));
    }

    [Fact]
    public async Task A_translations_publication_refreshes_both_news_sitemaps_and_google_news_names_its_language()
    {
        var reader = site.Browserless();
        foreach (var path in (string[])["/sitemaps/news-1.xml", "/sitemaps/news-en-1.xml", "/sitemaps/google-news.xml"])
        {
            await reader.GetAsync(path);
            var hit = await Mail.EventuallyAsync(() => reader.GetAsync(path), r => r.Headers.Age is not null, seconds: 10);
            Assert.True(hit.Headers.Age is not null, $"{path} is not served from the output cache");
        }
        int id, departmentId;
        string slug;
        await using (var scope = site.Scope(out var db))
        {
            var article = await db.Articles.Include(a => a.Departments).SingleAsync(a => a.Title == ToTranslate);
            (id, slug, departmentId) = (article.Id, article.Slug, article.Departments.First().Id);
        }
        var chief = await Newsroom.Newsroom.SignedInAsync(site, await Newsroom.Newsroom.CreateAsync(site, Visnyk.Accounts.Roles.ChiefEditor));
        var editPath = $"/admin/articles/edit/{id}";
        var started = await Newsroom.Newsroom.PostFormAsync(chief, editPath, $"{editPath}?handler=Translate", ("language", "en"));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var translationEdit = started.Headers.Location!.OriginalString;
        const string title = "Poltava hosts a football tournament in memory of Stepan Chubenko";
        var published = await Newsroom.Newsroom.PostFormAsync(chief, translationEdit, $"{translationEdit}?handler=Publish",
            ("Form.Title", title), ("Form.Summary", "A tournament."), ("Form.Body", "<p>A tournament.</p>"), ("Form.Departments", departmentId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        string english;
        await using (var scope = site.Scope(out var db))
        {
            var translation = await db.Articles.SingleAsync(a => a.OriginalId == id && a.Language == "en");
            english = $"/en/news/{translation.Id}-{translation.Slug}";
        }

        // Both parts rendered afresh: the translation in the English one, the original naming it in the Ukrainian one.
        var original = $"/news/{id}-{slug}";
        Dictionary<string, string> expected = new() { ["uk"] = original, ["en"] = english, ["x-default"] = original };
        var ukPart = await reader.GetAsync("/sitemaps/news-1.xml");
        Assert.Null(ukPart.Headers.Age);
        Assert.Equal(expected, SitemapSchema.Alternates(SitemapSchema.Parse(await ukPart.Content.ReadAsStringAsync()))[original]);
        var enPart = await reader.GetAsync("/sitemaps/news-en-1.xml");
        Assert.Null(enPart.Headers.Age);
        Assert.Equal(expected, SitemapSchema.Alternates(SitemapSchema.Parse(await enPart.Content.ReadAsStringAsync()))[english]);

        // Google News: the new English article, in English, under the name English pages give the publication.
        var google = XDocument.Parse(await reader.GetStringAsync("/sitemaps/google-news.xml"));
        var entry = google.Root!.Elements(Sitemap + "url").Single(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath == english);
        Assert.Equal("en", entry.Descendants(News + "language").Single().Value);
        Assert.Equal(title, entry.Descendants(News + "title").Single().Value);
        Assert.Equal("Poltava Regional Military Administration", entry.Descendants(News + "name").Single().Value);
        Assert.All(google.Root.Elements(Sitemap + "url").Where(u => u != entry),
            u => Assert.Equal("uk", u.Descendants(News + "language").Single().Value));
    }

    // Demo news that the demo does not translate: one this class translates, one it leaves alone.
    const string ToTranslate = "У Полтаві відбудеться футбольний турнір пам’яті Народного Героя України Степана Чубенка";
    const string Untranslated = "Олена Зеленська взяла участь у щорічній освітній конференції «Серпнева-2025»";

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
