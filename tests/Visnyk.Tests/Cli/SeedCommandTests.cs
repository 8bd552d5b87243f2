using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// Demo content belongs to running the site on an empty folder (Visnyk:DemoContent), never to a
// command: `seed --synthetic N` adds N articles and nothing else, unless asked with --demo.
[Collection(ConsoleCollection.Name)]
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
            Assert.Equal(13 + 3, await db.Articles.CountAsync()); // the 13 demo articles, then the 3
        }
    }
}
