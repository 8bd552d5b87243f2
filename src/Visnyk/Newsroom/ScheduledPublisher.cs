using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Newsroom;

// Publishes scheduled articles when their time comes. The schedule lives in the database, so it
// survives restarts: on start, anything overdue is published at once.
public class ScheduledPublisher(IServiceScopeFactory scopes, AllSites allSites, TimeProvider clock, ILogger<ScheduledPublisher> logger) : PeriodicJob(Interval, clock, logger)
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    // Who the versions it makes are by (the import tells the schedule's versions from the newsroom's).
    public const string ActorName = "розклад";

    protected override Task RunOnceAsync(CancellationToken ct) => PublishDueAsync(ct);

    // Every site's due articles, found in one query; each site's are published in a scope of that site.
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        List<int> sites;
        await using (var all = allSites.Open())
        {
            sites = await all.Articles.IgnoreQueryFilters([VisnykDb.SiteFilter, VisnykDb.NewsFilter])
                .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .Select(a => EF.Property<int>(a, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct);
            // A site being restored from a copy (WritesPause) gets its due articles once it is done.
            if (sites.Count > 0)
            {
                sites.RemoveAll((await WritesPause.PausedAsync(all, now, ct)).Contains);
            }
        }
        var published = 0;
        foreach (var site in sites)
        {
            published += await PublishDueAsync(site, now, ct);
        }
        return published;
    }

    async Task<int> PublishDueAsync(int site, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateSiteScope(site);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var due = await db.Publications.Include(a => a.Departments).Include(a => a.Tags).AsSplitQuery()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        // On the clock that found them due: a publication's rules (is it due? is it live?) must
        // agree with the claim made here.
        var publishing = ActivatorUtilities.CreateInstance<Publishing>(scope.ServiceProvider, Clock);
        var before = due.Select(publishing.Start).ToList();
        // Several instances may find the same article due: each claims it with a conditional
        // UPDATE in one transaction, and only the one whose UPDATE changed the row publishes it
        // (on PostgreSQL the other waits for the row and then finds it published).
        var published = new List<int>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            for (var i = 0; i < due.Count; i++)
            {
                var article = due[i];
                var claimed = await db.Publications.Where(a => a.Id == article.Id && a.Status == ArticleStatus.Scheduled)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Published), ct);
                if (claimed != 1)
                {
                    continue;
                }
                if (await publishing.ApplyAsync(article, ArticleAction.PublishDue, Actor.Site(ActorName), before[i], new ActionRequest(Why: "за розкладом"), ct) is Outcome.Done)
                {
                    published.Add(i);
                }
                else
                {
                    // Not possible now (a page whose section has no address): the claim is undone, it stays scheduled.
                    await db.Publications.Where(a => a.Id == article.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Scheduled), ct);
                    db.Entry(article).State = Microsoft.EntityFrameworkCore.EntityState.Unchanged;
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        if (published.Count == 0)
        {
            return 0;
        }
        foreach (var i in published)
        {
            await publishing.EvictAsync(before[i], due[i], ct);
        }
        Logger.LogInformation("Published {Count} scheduled articles of site {Site}", published.Count, site);
        return published.Count;
    }
}
