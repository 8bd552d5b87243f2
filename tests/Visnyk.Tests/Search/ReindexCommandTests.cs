using Microsoft.EntityFrameworkCore;
using Visnyk.Newsletter;
using Visnyk.Tests.Cli;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Search;

// `reindex` builds the index of a stopped site with a progress bar, and asks a running one to.
public class ReindexCommandTests
{
    [Fact]
    public async Task Reindex_builds_a_stopped_sites_index_and_asks_a_running_site_to_rebuild_its_own()
    {
        using var site = new SiteFactory();
        site.Browserless(); // starts the site: schema, demo content, its own index
        await site.CaughtUpAsync();
        // An article the index was never told of: only a rebuild from the articles themselves can find it.
        const string hidden = "Водогін у Хоролі добудують до зими";
        await HideAsync(site, Visnyk.Site.Site.Default, hidden);
        await site.CaughtUpAsync();
        var search = "/search?q=" + SearchSite.Q("Хоролі");
        Assert.DoesNotContain(hidden, await site.Browserless().TitlesAsync(search));

        var running = await RunAsync(site);
        Assert.Equal(0, running.Exit);
        Assert.Contains("запит на перебудову", running.Output);

        // The running site answers the request (at its next poll; here at once): it rebuilds from
        // the articles, and then finds the hidden one.
        await site.CaughtUpAsync();
        Assert.Contains(hidden, await site.Browserless().TitlesAsync(search));
        Assert.NotEmpty(await site.Browserless().TitlesAsync("/search?q=" + SearchSite.Q("Полтавщини")));

        // Stopped (another folder for the index, as the running site holds its own): it builds it here.
        var folder = Path.Combine(site.DataDirectory, "offline-index");
        var stopped = await RunAsync(site, $"--Visnyk:SearchIndexDirectory={folder}");
        Assert.Equal(0, stopped.Exit);
        Assert.Matches(@"Проіндексовано \d+ новин", stopped.Output);
        Assert.Contains("100%", stopped.Progress);
        Assert.NotEmpty(Directory.GetFiles(folder, "segments_*"));
    }

    // `reindex --site ID`: that site's articles put again (by the running site, or by the command
    // when none runs), the other sites' documents left as they are; a site that is not there refused.
    [Fact]
    public async Task Reindex_of_one_site_puts_its_articles_again_and_leaves_the_other_sites_alone()
    {
        using var site = new SiteFactory();
        site.Browserless();
        var other = await Visnyk.Tests.Site.OtherSite.CreateAsync(site, 2, "reindex-one.test");
        await site.CaughtUpAsync();
        const string hidden = "Водогін у Хоролі добудують до зими", hiddenHere = "Каналізацію в Хоролі оновлять навесні";
        await HideAsync(site, other.Id, hidden);
        await HideAsync(site, Visnyk.Site.Site.Default, hiddenHere);
        await site.CaughtUpAsync();
        var search = "/search?q=" + SearchSite.Q("Хоролі");
        var hromada = Visnyk.Tests.Site.OtherSite.ClientOf(site, other.Host);
        Assert.Empty(await hromada.TitlesAsync(search));

        var running = await RunAsync(site, "--site", other.Id.ToString());
        Assert.True(running.Exit == 0, running.Progress);
        Assert.Contains("переіндексацію сайту 2", running.Output);
        await site.CaughtUpAsync();
        Assert.Equal([hidden], await hromada.TitlesAsync(search));
        Assert.Contains(other.ArticleTitle, await hromada.TitlesAsync("/search?q=" + SearchSite.Q("громади")));
        // Site 1's own hidden article was not put: only site 2 was read again.
        Assert.DoesNotContain(hiddenHere, await site.Browserless().TitlesAsync(search));

        // Stopped: the command does it on the index itself.
        var folder = Path.Combine(site.DataDirectory, "offline-index");
        Assert.Equal(0, (await RunAsync(site, $"--Visnyk:SearchIndexDirectory={folder}")).Exit);
        var stopped = await RunAsync(site, "--site", other.Id.ToString(), $"--Visnyk:SearchIndexDirectory={folder}");
        Assert.Equal(0, stopped.Exit);
        Assert.Contains("Сайт 2 переіндексовано", stopped.Output);

        var missing = await RunAsync(site, "--site", "999");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("999", missing.Progress);
    }

    // A published article the index is never told of (its change record removed in the same transaction).
    static async Task HideAsync(SiteFactory site, int siteId, string title)
    {
        await using var scope = site.Scope(siteId, out var db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var article = SearchSite.Published(title, "<p>Підрядник завершує роботи.</p>", DateTime.UtcNow.AddDays(-400));
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        await db.ArticleChanges.Where(c => c.ArticleId == article.Id).ExecuteDeleteAsync();
        await db.Mailings.Where(m => m.ArticleId == article.Id).ExecuteDeleteAsync();
        await transaction.CommitAsync();
    }

    static async Task<(int Exit, string Output, string Progress)> RunAsync(SiteFactory site, params string[] more)
    {
        var run = await CommandRun.RunAsync(["reindex", .. site.DataArgs, "--Visnyk:DemoContent=false", "--Logging:LogLevel:Default=Warning", .. more]);
        return (run.Exit, run.Out, run.Error);
    }
}
