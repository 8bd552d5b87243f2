using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Data;

public static class DataSetup
{
    public static IServiceCollection AddVisnykData(this IServiceCollection services, SiteOptions site)
    {
        Directory.CreateDirectory(site.FullDataDirectory);
        if (site.UsesPostgreSql)
        {
            // Several instances on one PostgreSQL: the same model, PostgreSQL's own migrations.
            services.AddSingleton<SiteSession>();
            services.AddSingleton(new TableOwner(site.MaintenanceConnection));
            services.AddPooledDbContextFactory<PostgresDb>((s, o) => o.UseNpgsql(site.PostgreSql)
                .AddInterceptors(s.GetRequiredService<Articles.ChangeRecord>(), s.GetRequiredService<SiteSession>()));
            services.AddScoped<VisnykDb>(s =>
            {
                var db = ForSite(s.GetRequiredService<IDbContextFactory<PostgresDb>>().CreateDbContext(), s);
                // Every save in a transaction, which SiteSession gives the site when it begins
                // (a save's batch cannot carry it in front: EF counts the rows of each statement).
                db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
                return db;
            });
        }
        else
        {
            services.AddSingleton(new TableOwner(null));
            var connection = new SqliteConnectionStringBuilder
            {
                DataSource = site.DatabasePath,
                Pooling = true,
                DefaultTimeout = 30, // seconds to wait for a writer's lock before giving up
            }.ToString();
            services.AddPooledDbContextFactory<VisnykDb>((s, o) => o.UseSqlite(connection)
                // Taken care of by a copy before migrating (MigrateAsync).
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning))
                .AddInterceptors(new TextFold.Registration(), new PlanHints.Sqlite(), s.GetRequiredService<Articles.ChangeRecord>()));
            services.AddSingleton(_ => new PreparedReads(connection));
            services.AddScoped(s => ForSite(s.GetRequiredService<IDbContextFactory<VisnykDb>>().CreateDbContext(), s));
        }
        // Contexts come from a pool, so the site is set on every lease (a property of a pooled
        // context outlives the scope that set it); the scope's CurrentSite says which.
        services.AddScoped<CurrentSite>();
        services.AddSingleton<AllSites>();
        // Identity shapes its tables by this option; every user of the database (site, commands,
        // tests) must see the same model as the migrations, with or without the rest of Identity.
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Accounts.AccountsSetup.IdentitySchema);
        services.AddSingleton(new ImagePipeline(site.MediaDirectory));
        services.AddSingleton(TimeProvider.System);
        // Every save's record of changed articles, and the wake-up of this process's followers after a commit.
        services.AddSingleton<CommitSignal>();
        services.AddSingleton<Articles.ChangeRecord>();
        // The article's life (pages, the scheduler); here until Site/ is rearranged.
        services.AddScoped<Articles.Publishing>();
        return services;
    }

    // The database's model, built without touching the database. EF keeps one per provider and
    // context type for the whole process (whichever service provider asks), so the site's start
    // (SiteApp) builds it on another core while the host is built, and the migrations and the first
    // queries find it ready. A failure here is left to the start itself to report.
    public static Task WarmModelAsync(SiteOptions site) => Task.Run(() =>
    {
        try
        {
            using var services = new ServiceCollection().AddLogging().AddVisnykData(site).BuildServiceProvider();
            using var scope = services.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<VisnykDb>().Model;
        }
        catch (Exception)
        {
        }
    });

    // Migrate() first compares the model with the last migration's snapshot (EF Core 9's pending
    // model changes): ~0.4 s of every start. A database that has every migration has nothing to
    // apply, and nothing to compare; the tests compare (MigrationTests).
    // SQLite rebuilds a changed table with its foreign keys off, which cannot happen inside the
    // migration's transaction (EF warns of each, 20410): a process stopped in the middle would leave
    // the schema half changed. So an existing database is copied first (VACUUM INTO, consistent
    // while the site runs), next to it, named after its last migration; a copy left by an earlier
    // attempt is the one from before it and is kept. A new database has nothing to lose.
    static async Task MigrateAsync(DbContext db, ILogger logger, bool copyFirst, CancellationToken ct)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (db.Database.GetMigrations().All(applied.Contains))
        {
            return;
        }
        if (copyFirst && db.Database.IsSqlite() && applied.Count > 0)
        {
            var copy = CopyBeforeMigrating(db.Database.GetDbConnection().DataSource, applied.Max(StringComparer.Ordinal)!);
            if (!File.Exists(copy))
            {
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {copy}", ct);
                logger.LogWarning(
                    "Updating the database's schema; a copy from before is at {Copy} (delete it once the site works)", copy);
            }
        }
        await db.Database.MigrateAsync(ct);
    }

    // visnyk.db → visnyk.before-20261204205251_SameSiteMailings.db
    public static string CopyBeforeMigrating(string database, string lastApplied) =>
        Path.Combine(Path.GetDirectoryName(database) ?? "", $"{Path.GetFileNameWithoutExtension(database)}.before-{lastApplied}{Path.GetExtension(database)}");

    static VisnykDb ForSite(VisnykDb db, IServiceProvider services)
    {
        var current = services.GetRequiredService<CurrentSite>();
        db.SiteId = current.Id;
        db.Scope = current;
        db.Prepared = services.GetService<PreparedReads>();
        return db;
    }

    // Brings the schema up to date and, with `demoContent`, fills a database without articles with the
    // demo content. Only the site asks for that (Program.cs, Visnyk:DemoContent); commands (import,
    // restore, seed, admin, mirror) never add it, except `seed --demo`, which is asked to.
    // `copyFirst`: false where a copy exists already (a restore, from its backup file).
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool demoContent = false, bool copyFirst = true, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Visnyk.Data");
        if (scope.ServiceProvider.GetRequiredService<TableOwner>().PostgreSql is { } maintenance)
        {
            // The tables belong to the maintenance role; the site's own role only reads and writes rows.
            await using var owner = new PostgresDb(DesignTimeFactory.WithIdentity(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(maintenance)).Options);
            await MigrateAsync(owner, logger, copyFirst, ct);
        }
        else
        {
            await MigrateAsync(db, logger, copyFirst, ct);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while an editor saves; the mode is stored in the file itself.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // Table statistics for the query planner (re-gathered only where they are missing or stale):
            // without them SQLite scans the date index for queries that should look up a few ids.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        }
        // The newsroom's roles exist from the start; accounts are created by `admin create` and invitations.
        var present = await db.Roles.Select(r => r.NormalizedName).ToListAsync(ct);
        foreach (var role in Accounts.Roles.All.Where(r => !present.Contains(r.ToUpperInvariant())))
        {
            db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }
        await db.SaveChangesAsync(ct);
        if (demoContent && !await db.Publications.AnyAsync(ct))
        {
            var pipeline = scope.ServiceProvider.GetRequiredService<ImagePipeline>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoContent.LoadAsync(db, pipeline, clock.GetUtcNow().UtcDateTime, ct);
        }
    }
}

// On PostgreSQL, the connection of the role that owns the tables (SiteOptions.MaintenanceConnection):
// migrations, and the reads across every site (AllSites).
public sealed record TableOwner(string? PostgreSql);
