using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// Beyond the posts, a WordPress site's archive addresses answer 301 with the closest page here:
// a category's and tag's archive, its feed and numbered pages, an author's archive, the site's
// feed, numbered pages and date archives. Each target then answers 200.
public class WordPressArchiveTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Fallback = "departament-informatsiinoi-diialnosti-ta-komunikatsii-z-hromadskistiu";
    // "Управління-освіти" and "медицина" as WordPress writes them in its addresses.
    const string Education = "%d0%a3%d0%bf%d1%80%d0%b0%d0%b2%d0%bb%d1%96%d0%bd%d0%bd%d1%8f-%d0%be%d1%81%d0%b2%d1%96%d1%82%d0%b8";
    const string Medicine = "%d0%bc%d0%b5%d0%b4%d0%b8%d1%86%d0%b8%d0%bd%d0%b0";

    [Fact]
    public async Task Category_tag_author_feed_page_and_date_archives_answer_301_with_the_page_that_took_their_place()
    {
        var client = site.Browserless(); // the site starts: demo content and its departments
        var run = await WordPressImportTests.ImportAsync(site.DataArgs, WordPressImportTests.Export, "--uploads", WordPressImportTests.Uploads, "--department", Fallback);
        Assert.True(run.Exit == 0, run.Error);
        string education, medicine;
        await using (var scope = site.Scope(out var db))
        {
            education = await db.Departments.Where(d => d.Name == "Управління освіти").Select(d => d.Slug).SingleAsync();
            medicine = await db.Tags.Where(t => t.Name == "медицина").Select(t => t.Slug).SingleAsync();
        }
        (string Old, string New)[] moved =
        [
            ($"/category/{Education}/", $"/departments/{education}"),
            ($"/category/{Education}/feed/", $"/feeds/departments/{education}.rss"),
            // WordPress shows 10 a page, this site 20: its page 2 is within page 1 here.
            ($"/category/{Education}/page/2/", $"/departments/{education}"),
            ($"/tag/{Medicine}/", $"/tags/{medicine}"),
            ($"/tag/{Medicine}/feed/atom/", $"/feeds/tags/{medicine}.atom"),
            ("/author/petro/", "/news"),
            ("/feed/", "/feeds/news.rss"),
            ("/feed/atom/", "/feeds/news.atom"),
            ("/page/2/", "/news"),
            ("/2024/03/", "/news?from=2024-03-01&to=2024-03-31"),
            ("/2024/", "/news?from=2024-01-01&to=2024-12-31"),
            ("/2024/02/29/", "/news?from=2024-02-29&to=2024-02-29"),
        ];
        foreach (var (old, expected) in moved)
        {
            var response = await client.GetAsync(old);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {(int)response.StatusCode}");
            Assert.Equal(expected, response.Headers.Location?.OriginalString);
            Assert.True((await client.GetAsync(expected)).StatusCode == HttpStatusCode.OK, expected);
        }
        // What matches nothing stays 404.
        foreach (var missing in new[] { "/category/nemaie-takoi/", "/tag/nemaie/feed/", "/page/0/", "/2024/13/", "/2023/02/29/", "/author/nemaie/" })
        {
            Assert.True((await client.GetAsync(missing)).StatusCode == HttpStatusCode.NotFound, missing);
        }
    }

    // The arithmetic of numbered pages and dates, without a site (WordPress's pages hold 10, these 20).
    [Theory]
    [InlineData("/page/3", "/news?page=2")]
    [InlineData("/page/5", "/news?page=3")]
    [InlineData("/category/osvita/page/4", "/departments/osvita?page=2")]
    [InlineData("/category/osvita/feed/rss2", "/feeds/departments/osvita.rss")]
    [InlineData("/2024/02", "/news?from=2024-02-01&to=2024-02-29")]
    [InlineData("/2025/02", "/news?from=2025-02-01&to=2025-02-28")]
    [InlineData("/page/99999999", null)]
    [InlineData("/1989/01", null)]
    [InlineData("/2024/00", null)]
    [InlineData("/category/osvita/page/0", null)]
    public async Task Numbered_pages_feeds_and_dates_map_to_the_same_items_here(string old, string? expected)
    {
        var stored = new Dictionary<string, string> { ["/category/osvita"] = "/departments/osvita" };
        Assert.Equal(expected, await Visnyk.Import.WordPressArchives.ResolveAsync(old, path => Task.FromResult(stored.GetValueOrDefault(path))));
    }
}
