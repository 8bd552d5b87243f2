using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Tests.Data;

// The site's start skips Migrate() when the database already has every migration
// (DataSetup.MigrateAsync), and with it EF's check that the model has no change that no migration
// carries. So it is checked here, for both providers in every run (no database is opened).
public class MigrationTests
{
    [Fact]
    public void The_model_has_no_change_that_a_migration_does_not_carry()
    {
        using var sqlite = new VisnykDb(DesignTimeFactory.Standalone("Data Source=:memory:"));
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: the model differs from the last migration (tools/add-migration.sh)");
        using var postgres = new PostgresDb(DesignTimeFactory.WithIdentity(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql("Host=localhost")).Options);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: the model differs from the last migration (tools/add-migration.sh)");
    }
}
