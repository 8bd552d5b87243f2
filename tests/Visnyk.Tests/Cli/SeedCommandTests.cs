using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// Demo content belongs to running the site on an empty folder (Visnyk:DemoContent), never to a
// command: `seed --synthetic N` adds N articles and nothing else, unless asked with --demo.
public class SeedCommandTests : DataFolder
{
    [Fact]
    public async Task Seed_adds_only_the_synthetic_articles_unless_asked_for_the_demo()
    {
        var plain = Path.Combine(data, "plain");
        var run = await CommandRun.RunAsync("seed", "--synthetic", "3", $"--Visnyk:DataDirectory={plain}", "--Logging:LogLevel:Default=Warning");
        Assert.True(run.Exit == 0, run.Error);
        await using (var db = Database(plain))
        {
            Assert.Equal(3, await db.Articles.CountAsync());
            Assert.False(await db.Articles.AnyAsync(a => a.Title == DemoContent.ReferenceTitle));
        }

        var demo = Path.Combine(data, "demo");
        run = await CommandRun.RunAsync("seed", "--synthetic", "3", "--demo", $"--Visnyk:DataDirectory={demo}", "--Logging:LogLevel:Default=Warning");
        Assert.True(run.Exit == 0, run.Error);
        await using (var db = Database(demo))
        {
            Assert.True(await db.Articles.AnyAsync(a => a.Title == DemoContent.ReferenceTitle));
            Assert.Equal(13 + 3 + 3, await db.Articles.CountAsync()); // the 13 demo articles and 3 English versions, then the 3
        }
    }
}

// `seed` on the database of a running site (SQLite or PostgreSQL, as the suite runs): the new
// articles open for readers and reach the site's search through the change log; the lists the
// site had cached before show them too (the command evicts nothing itself: the site hears it from
// the log, ArticleChange.Outside); --demo adds no demo content to a database that already has articles.
public class SeedOnSiteTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Seed_on_a_site_with_articles_adds_just_the_synthetic_ones_and_readers_and_search_find_them()
    {
        await Search.SearchSite.CaughtUpAsync(site); // the site's index is built before the command runs
        // The site's news list and home page, cached (each seen to come from the cache) before the command.
        var reader = site.Browserless();
        await Caching.SiteEvictionTests.CachedAsync(reader, "/news", "/");
        var listed = await Caching.ListTotalsTests.CountAsync(reader, "/news");
        int before;
        await using (var scope = site.Scope(out var db))
        {
            before = await db.Articles.CountAsync();
            Assert.Equal(1, await db.Articles.CountAsync(a => a.Title == DemoContent.ReferenceTitle));
        }
        var run = await CommandRun.RunAsync(["seed", "--synthetic", "3", "--demo", .. site.DataArgs, "--Logging:LogLevel:Default=Warning"]);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("Додано 3 новин", run.Out);

        Visnyk.Articles.Article newest;
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(before + 3, await db.Articles.CountAsync());
            Assert.Equal(1, await db.Articles.CountAsync(a => a.Title == DemoContent.ReferenceTitle));
            newest = await db.Articles.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync();
        }
        var page = await site.Browserless().GetAsync(newest.Path);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(newest.Title, (await Html.ParseAsync(await page.Content.ReadAsStringAsync())).QuerySelector("main h1")!.TextContent.Trim());

        await Search.SearchSite.CaughtUpAsync(site);
        Assert.Contains(newest.Title, await Search.SearchSite.TitlesAsync(site.Browserless(), $"/search?q={Search.SearchSite.Q(newest.Title)}"));

        // The cached list and home page were dropped once the site read the command's changes.
        string latestTitle;
        await using (var scope = site.Scope(out var db))
        {
            latestTitle = (await db.Articles.Published(DateTime.UtcNow).Newest().FirstAsync()).Title;
        }
        Assert.Equal(listed + 3, await Newsletter.Mail.EventuallyAsync(() => Caching.ListTotalsTests.CountAsync(reader, "/news"), n => n == listed + 3, seconds: 20));
        var home = await Html.ParseAsync(await reader.GetStringAsync("/"));
        Assert.Contains(latestTitle, home.QuerySelectorAll("main h2, main h3").Select(h => h.TextContent.Trim()));
    }
}
