using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Visnyk.Data;

// Lets `dotnet ef migrations add` build the model without starting the site (see
// scripts/add-migration: one migration per provider).
public class DesignTimeFactory : IDesignTimeDbContextFactory<VisnykDb>
{
    public VisnykDb CreateDbContext(string[] args) => new(Standalone("Data Source=design.db"));

    // Options for a context made outside the site's services (tools, tests). Identity shapes its
    // tables by the schema version in its options, so these carry the same one as the site.
    public static DbContextOptions<VisnykDb> Standalone(string connectionString) =>
        WithIdentity(new DbContextOptionsBuilder<VisnykDb>().UseSqlite(connectionString)).Options;

    public static DbContextOptionsBuilder<T> WithIdentity<T>(DbContextOptionsBuilder<T> options) where T : DbContext
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = Accounts.AccountsSetup.IdentitySchema)
            .BuildServiceProvider();
        // Changes saved here are recorded for the site's search index like any other (no follower to wake in this process).
        return options.UseApplicationServiceProvider(services).AddInterceptors(new Articles.ChangeRecord(new CommitSignal(), TimeProvider.System));
    }
}

// The same for PostgreSQL: no server is needed to add a migration.
public class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDb>
{
    public PostgresDb CreateDbContext(string[] args) =>
        new(DesignTimeFactory.WithIdentity(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql("Host=localhost;Database=design")).Options);
}
