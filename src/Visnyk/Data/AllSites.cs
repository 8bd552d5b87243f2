using Microsoft.EntityFrameworkCore;

namespace Visnyk.Data;

// A context that reads across every site, for the jobs that find work in all of them (the due
// articles of the scheduler, the search index's log and articles); what they then change, they
// change in a scope of that site (SiteScopes.CreateSiteScope). Its queries must say
// IgnoreQueryFilters([VisnykDb.SiteFilter]). On PostgreSQL it connects as the maintenance role,
// which row-level security lets see every site (BYPASSRLS); a maintenance role without it sees
// site 1 only, which is all a single-site installation has (Health reports it once there are more).
public sealed class AllSites(IServiceProvider services, TableOwner owner)
{
    readonly DbContextOptions<PostgresDb>? maintenance = owner.PostgreSql is { } connection
        ? DesignTimeFactory.WithIdentity(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(connection))
            .AddInterceptors(services.GetRequiredService<SiteSession>()).Options
        : null;

    public VisnykDb Open()
    {
        var db = maintenance is not null ? new PostgresDb(maintenance) : services.GetRequiredService<IDbContextFactory<VisnykDb>>().CreateDbContext();
        db.SiteId = Site.Site.Default; // a pooled context keeps the last lease's
        db.Scope = null; // every language
        return db;
    }
}
