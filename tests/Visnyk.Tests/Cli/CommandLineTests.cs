using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// Every command refuses what it does not know with its usage and exit code 2, and explains itself
// with --help: a misspelt `--encrpyt` once passed for configuration and wrote an unencrypted backup.
public class CommandLineTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task A_misspelt_option_is_refused_with_the_usage_and_nothing_is_written()
    {
        site.Browserless(); // a database to back up
        var folder = Backups.TempFolder();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "visnyk.tar.zst");
        string[][] misspelt =
        [
            ["backup", file, "--encrpyt"],
            ["backup", file, "-encrypt"],
            ["backup", file, "--Visnyk:DataDirectroy=/tmp"],   // a setting nothing reads
            ["backup", file, "--Visnyk:DataDirectory", "/tmp"], // a setting without =
            ["backup", file, "extra.tar.zst"],
        ];
        foreach (var args in misspelt)
        {
            var run = await CommandRun.RunAsync([.. args, .. site.CommandArgs]);
            Assert.True(run.Exit == 2, $"{string.Join(' ', args)}: exit {run.Exit}\n{run.Error}");
            Assert.Contains("Visnyk backup FILE [--encrypt]", run.Error);
            Assert.False(File.Exists(file), string.Join(' ', args));
        }
        // Spelt right, the same command works with the same settings.
        var backup = await CommandRun.RunAsync(["backup", file, .. site.CommandArgs, "--Logging:LogLevel:Default=Warning"]);
        Assert.Equal(0, backup.Exit);
        Assert.True(File.Exists(file));
    }

    [Theory]
    [InlineData("seed --synthetic 1 --synthtic 2", "Visnyk seed --synthetic N")]
    [InlineData("seed", "Visnyk seed --synthetic N")]
    [InlineData("seed --synthetic many", "Visnyk seed --synthetic N")]
    [InlineData("reindex --full", "Visnyk reindex")]
    [InlineData("admin create --email a@example.gov.ua --nmae Ім'я", "Visnyk admin create --email E")]
    [InlineData("admin create --name Ім'я", "Visnyk admin create --email E")]
    [InlineData("admin delete --email a@example.gov.ua", "Visnyk admin create --email E")]
    [InlineData("import wordpress export.xml --upload wp", "Visnyk import wordpress FILE.xml")]
    [InlineData("import wordpress", "Visnyk import wordpress FILE.xml")]
    [InlineData("restore backup.tar.zst --forse", "Visnyk restore FILE [--force]")]
    [InlineData("restore", "Visnyk restore FILE [--force]")]
    [InlineData("mirror export /tmp/m --public-url https://x", "Visnyk mirror export DIR")]
    [InlineData("mirror", "Visnyk mirror export DIR")]
    public async Task Each_command_refuses_what_it_does_not_know_with_its_own_usage(string line, string usage)
    {
        var run = await CommandRun.RunAsync([.. line.Split(' '), .. site.CommandArgs]);
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("Помилка: ", run.Error);
        Assert.Contains(usage, run.Error);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("seed", "Visnyk seed --synthetic N")]
    [InlineData("reindex", "Visnyk reindex")]
    [InlineData("admin create", "Visnyk admin create --email E")]
    [InlineData("import wordpress", "Visnyk import wordpress FILE.xml")]
    [InlineData("backup", "Visnyk backup FILE [--encrypt]")]
    [InlineData("restore", "Visnyk restore FILE [--force]")]
    [InlineData("mirror export", "Visnyk mirror export DIR")]
    public async Task Each_command_has_its_own_help(string command, string usage)
    {
        var run = await CommandRun.RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(0, run.Exit);
        Assert.Contains(usage, run.Out);
        // Only its own usage, not the whole list.
        Assert.DoesNotContain("Visnyk mirror export DIR", command == "mirror export" ? "" : run.Out);
        Assert.Equal("", run.Error);
    }
}
