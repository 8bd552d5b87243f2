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
        // An article the index was never told of (its change record removed in the same
        // transaction): only a rebuild from the articles themselves can find it.
        const string hidden = "Водогін у Хоролі добудують до зими";
        await using (var scope = site.Scope(out var db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var article = SearchSite.Published(hidden, "<p>Підрядник завершує водогін.</p>", DateTime.UtcNow.AddDays(-400));
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            await db.ArticleChanges.Where(c => c.ArticleId == article.Id).ExecuteDeleteAsync();
            await db.Mailings.Where(m => m.ArticleId == article.Id).ExecuteDeleteAsync();
            await transaction.CommitAsync();
        }
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

    static async Task<(int Exit, string Output, string Progress)> RunAsync(SiteFactory site, params string[] more)
    {
        var run = await CommandRun.RunAsync(["reindex", .. site.DataArgs, "--Visnyk:DemoContent=false", "--Logging:LogLevel:Default=Warning", .. more]);
        return (run.Exit, run.Out, run.Error);
    }
}
