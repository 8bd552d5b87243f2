using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// Decides the daily digest once the configured Kyiv time has come, and the weekly one on its day:
// the articles published in the day (or week) before that time. The mailing's unique key makes
// the decision once per day whichever instance comes first; one that starts late still sends it.
public static class Digests
{
    // Decided this long after the digest's time: an article dated just before it (the scheduled
    // publisher runs every 15 s; an editor's save takes a moment) is committed by then.
    static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public static async Task<int> DecideDueAsync(VisnykDb db, MailOptions options, DateTime utcNow, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(KyivTime.ToKyiv(utcNow));
        var at = KyivTime.ToUtc(today.ToDateTime(options.DigestTime));
        if (utcNow < at + Grace)
        {
            return 0;
        }
        var decided = await DecideAsync(db, MailingKind.DailyDigest, $"daily:{today:yyyy-MM-dd}", KyivTime.ToUtc(today.AddDays(-1).ToDateTime(options.DigestTime)), at, utcNow, ct);
        if (today.DayOfWeek == options.WeeklyDay)
        {
            decided += await DecideAsync(db, MailingKind.WeeklyDigest, $"weekly:{today:yyyy-MM-dd}", KyivTime.ToUtc(today.AddDays(-7).ToDateTime(options.DigestTime)), at, utcNow, ct);
        }
        return decided;
    }

    static async Task<int> DecideAsync(VisnykDb db, MailingKind kind, string key, DateTime from, DateTime to, DateTime utcNow, CancellationToken ct)
    {
        if (await db.Mailings.AnyAsync(m => m.Key == key, ct))
        {
            return 0;
        }
        db.Mailings.Add(new Mailing { Kind = kind, Key = key, From = from, To = to, CreatedAt = utcNow });
        try
        {
            await db.SaveChangesAsync(ct);
            return 1;
        }
        catch (DbUpdateException)
        {
            // Another instance decided it between the check and the insert (the key is unique).
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}
