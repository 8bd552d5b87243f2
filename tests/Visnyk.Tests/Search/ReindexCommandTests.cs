using Visnyk.Tests.Cli;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Search;

// `reindex` builds the index of a stopped site with a progress bar, and asks a running one to.
[Collection(ConsoleCollection.Name)]
public class ReindexCommandTests
{
    [Fact]
    public async Task Reindex_builds_a_stopped_sites_index_and_asks_a_running_site_to_rebuild_its_own()
    {
        using var site = new SiteFactory();
        site.Browserless(); // starts the site: schema, demo content, its own index
        await site.CaughtUpAsync();
        var running = await RunAsync(site);
        Assert.Equal(0, running.Exit);
        Assert.Contains("запит на перебудову", running.Output);

        // The running site answers the request: it rebuilds, and finds the demo news as before.
        await site.CaughtUpAsync();
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
