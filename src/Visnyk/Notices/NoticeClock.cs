using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Notices;

// Pages are cached until something changes them; a notice's start or end is a change nobody saves
// at that moment. Every few seconds this looks for starts and ends that have passed since its last
// look, across every site, and renews those sites' snapshots and pages (every instance runs it;
// their evictions also reach the others). On start it looks back a while, so a boundary passed
// while no instance ran still evicts.
public class NoticeClock(IServiceScopeFactory scopes, AllSites allSites, TimeProvider clock, ILogger<NoticeClock> logger) : PeriodicJob(Interval, clock, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    DateTime since = clock.GetUtcNow().UtcDateTime.AddMinutes(-10);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var from = since;
        List<int> sites;
        await using (var all = allSites.Open())
        {
            sites = await all.Notices.IgnoreQueryFilters([VisnykDb.SiteFilter])
                .Where(n => n.StartsAt > from && n.StartsAt <= now || n.EndsAt > from && n.EndsAt <= now)
                .Select(n => EF.Property<int>(n, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct);
        }
        foreach (var site in sites)
        {
            await using var scope = scopes.CreateSiteScope(site);
            await scope.ServiceProvider.GetRequiredService<SiteChrome>().ChangedAsync(scope.ServiceProvider.GetRequiredService<IOutputCacheStore>(), ct);
            Logger.LogInformation("A notice of site {Site} started or ended: its pages are renewed", site);
        }
        since = now;
    }
}
