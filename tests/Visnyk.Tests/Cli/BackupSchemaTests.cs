using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;
using Visnyk.Site;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// A backup made by an older version (its database one migration behind) restores, and the
// restore brings the schema up to this version's.
public class BackupSchemaTests
{
    [Fact]
    public async Task A_backup_of_an_older_schema_is_restored_and_migrated_forward()
    {
        var source = Backups.TempFolder();
        var target = Backups.TempFolder();
        string older, latest;
        await using (var services = new ServiceCollection().AddVisnykData(new SiteOptions { DataDirectory = source }).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var all = db.Database.GetMigrations().ToList();
            (older, latest) = (all[^2], all[^1]);
            await db.GetService<IMigrator>().MigrateAsync(older);
        }
        SqliteConnection.ClearAllPools();
        var file = Path.Combine(source, "older.tar.zst");

        var backup = await Backups.RunAsync(null, ["backup", file, $"--Visnyk:DataDirectory={source}"]);
        Assert.True(backup.Exit == 0, backup.Errors);
        Assert.Contains($"схема {older}", backup.Output);
        var restore = await Backups.RunAsync(null, ["restore", file, $"--Visnyk:DataDirectory={target}", "--Visnyk:DemoContent=false"]);
        Assert.True(restore.Exit == 0, restore.Errors);
        Assert.Contains($"схему оновлено з {older} до {latest}", restore.Output);

        await using (var services = new ServiceCollection().AddVisnykData(new SiteOptions { DataDirectory = target }).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            Assert.Equal(latest, (await db.Database.GetAppliedMigrationsAsync()).Last());
            Assert.Equal(0, await db.Articles.CountAsync()); // the tables of this version answer
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(source, recursive: true);
        Directory.Delete(target, recursive: true);
    }
}
