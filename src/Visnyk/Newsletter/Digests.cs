using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// Decides the daily digest once the configured Kyiv time has come, and the weekly one on its day:
// the articles published in the day (or week) before that time, for every site that has
// subscribers to it. The mailing's unique key (per site) makes the decision once per day whichever
// instance comes first; one that starts late still sends it.
public static class Digests
{
    // Decided this long after the digest's time: an article dated just before it (the scheduled
    // publisher runs every 15 s; an editor's save takes a moment) is committed by then.
    static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    // all: a context that reads every site (AllSites); each site's mailing is written in its own scope.
    public static async Task<int> DecideDueAsync(VisnykDb all, IServiceScopeFactory scopes, MailOptions options, DateTime utcNow, CancellationToken ct)
    {
        var today = KyivTime.Day(utcNow);
        var at = KyivTime.ToUtc(today.ToDateTime(options.DigestTime));
        if (utcNow < at + Grace)
        {
            return 0;
        }
        var decided = 0;
        // One digest per language, to the subscribers who read it.
        foreach (var language in SiteLanguage.All)
        {
            decided += await DecideAsync(all, scopes, Frequency.Daily, Mailing.DigestKey($"daily:{today:yyyy-MM-dd}", language), language,
                KyivTime.ToUtc(today.AddDays(-1).ToDateTime(options.DigestTime)), at, utcNow, ct);
            if (today.DayOfWeek == options.WeeklyDay)
            {
                decided += await DecideAsync(all, scopes, Frequency.Weekly, Mailing.DigestKey($"weekly:{today:yyyy-MM-dd}", language), language,
                    KyivTime.ToUtc(today.AddDays(-7).ToDateTime(options.DigestTime)), at, utcNow, ct);
            }
        }
        return decided;
    }

    static async Task<int> DecideAsync(VisnykDb all, IServiceScopeFactory scopes, Frequency frequency, string key, SiteLanguage language, DateTime from, DateTime to, DateTime utcNow, CancellationToken ct)
    {
        // The sites with a subscription of this frequency, of a subscriber who reads this language,
        // that do not have this digest yet (probes of indexes per site: this runs every round once
        // the time has come). A site being restored from a copy gets it in the first round after (WritesPause).
        var code = language.Code;
        var sites = await all.Sites.IgnoreQueryFilters([VisnykDb.SiteFilter])
            .Where(site => !(site.WritesPausedUntil > utcNow)
                && all.Set<Subscriber>().Any(r => EF.Property<int>(r, VisnykDb.SiteColumn) == site.Id && r.Language == code && r.Subscriptions.Any(s => s.Frequency == frequency))
                && !all.Set<Mailing>().Any(m => EF.Property<int>(m, VisnykDb.SiteColumn) == site.Id && m.Key == key))
            .Select(site => site.Id).ToListAsync(ct);
        var decided = 0;
        foreach (var site in sites)
        {
            await using var scope = scopes.CreateSiteScope(site);
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            db.Mailings.Add(new Mailing { Kind = frequency == Frequency.Daily ? MailingKind.DailyDigest : MailingKind.WeeklyDigest, Key = key, Language = code, From = from, To = to, CreatedAt = utcNow });
            try
            {
                await db.SaveChangesAsync(ct);
                decided++;
            }
            catch (DbUpdateException)
            {
                // Another instance decided it between the check and the insert (the key is unique per site).
            }
        }
        return decided;
    }
}
