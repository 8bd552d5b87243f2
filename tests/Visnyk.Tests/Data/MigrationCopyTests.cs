using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Tests.Data;

// SQLite changes some tables outside the migration's transaction, so a SQLite database with
// migrations to apply is copied first (DataSetup.MigrateAsync): the copy has the old schema and
// the rows, and a second start (or a second attempt) leaves it alone. A new database gets none.
public class MigrationCopyTests : Cli.DataFolder
{
    ServiceProvider Services(string? folder = null) =>
        new ServiceCollection().AddLogging().AddVisnykData(new SiteOptions { DataDirectory = folder ?? data }).BuildServiceProvider();

    static string[] Copies(string folder) => Directory.GetFiles(folder, "visnyk.before-*");

    [Fact]
    public async Task An_older_database_is_copied_before_its_migrations_and_a_new_one_is_not()
    {
        var fresh = Path.Combine(data, "fresh");
        await using (var services = Services(fresh))
        {
            await services.PrepareDatabaseAsync();
        }
        Assert.Empty(Copies(fresh)); // a new database: nothing to keep

        string older;
        await using (var services = Services())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            older = db.Database.GetMigrations().ToList()[^2];
            await db.GetService<IMigrator>().MigrateAsync(older);
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "Departments" ("SiteId", "Name", "Slug", "Description", "Address", "Phone", "Email", "Position") VALUES (1, 'Відділ', 'viddil', '', '', '', '', 0)""");
        }

        await using (var services = Services())
        {
            await services.PrepareDatabaseAsync();
        }
        var copy = Assert.Single(Copies(data));
        Assert.Equal(DataSetup.CopyBeforeMigrating(Path.Combine(data, "visnyk.db"), older), copy);
        await using (var before = new VisnykDb(DesignTimeFactory.Standalone($"Data Source={copy}")))
        {
            Assert.Equal(older, (await before.Database.GetAppliedMigrationsAsync()).Last());
            Assert.Equal(1, await before.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "Departments" WHERE "Slug" = 'viddil'""").SingleAsync());
        }
        await using (var now = Database())
        {
            Assert.Equal(now.Database.GetMigrations().Last(), (await now.Database.GetAppliedMigrationsAsync()).Last());
        }
        var written = File.GetLastWriteTimeUtc(copy);

        await using (var services = Services())
        {
            await services.PrepareDatabaseAsync(); // nothing to apply: no copy
        }
        Assert.Equal(copy, Assert.Single(Copies(data)));
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
        SqliteConnection.ClearAllPools();
    }
}
