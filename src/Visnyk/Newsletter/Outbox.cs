using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// The deliveries table as a work queue shared by every instance and every site: work is claimed
// through the database (a conditional UPDATE that only one instance can win per row), never in
// memory. One queue for all sites, so its queries say IgnoreQueryFilters: the sender's context
// comes from AllSites (on PostgreSQL the maintenance role, which row-level security lets see
// every site); a site's own context (leaving, on the unsubscribe page) still sees its site only.
public static class Outbox
{
    public record Claimed(long Id, Guid Claim, int Site, int? MailingId, int? ProblemReportId, int? SubscriberId, string To, string? Payload, string? Stamp, int Attempts, DateTime CreatedAt);

    static IQueryable<Delivery> Queue(VisnykDb db) => db.Deliveries.IgnoreQueryFilters([VisnykDb.SiteFilter]);

    static IQueryable<Subscriber> Subscribers(VisnykDb db) => db.Subscribers.IgnoreQueryFilters([VisnykDb.SiteFilter]);

    public enum Outcome
    {
        Sent,
        // 4xx from the server for this message: try again later.
        Deferred,
        // 5xx for this recipient: it will not work however often we try.
        Rejected,
        // 5xx for the message itself (its size, its content): not the address's fault.
        Refused,
    }

    // Takes up to `count` deliveries that are due (or whose claim has run out) for one round
    // (`claim`, new each round) of one instance's sender (`owner`).
    public static async Task<List<Claimed>> ClaimAsync(VisnykDb db, string owner, Guid claim, int count, DateTime utcNow, TimeSpan lease, CancellationToken ct)
    {
        // Of instances that read the same candidates, one wins them (see below); the others look
        // again rather than take a lost race for an empty queue (PostgreSQL lets them race; SQLite
        // has one writer at a time).
        var restoring = WritesPause.PausedSites(db, utcNow);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            // Never a delivery whose subscriber left after it was written (the hourly clean-up cancels
            // those), nor one of a site whose administrators paused its mail (it waits, nothing is
            // lost), nor one of a site being restored from a copy (WritesPause: its subscribers and
            // letters may be replaced).
            var candidates = await Queue(db)
                .Where(d => d.Status == DeliveryStatus.Waiting && d.NextAttemptAt <= utcNow && d.To != ""
                    && (d.SubscriberId == null || db.Set<Subscriber>().Any(s => s.Id == d.SubscriberId))
                    && !db.SiteSettings.Any(s => s.MailPaused && EF.Property<int>(s, VisnykDb.SiteColumn) == EF.Property<int>(d, VisnykDb.SiteColumn))
                    && !restoring.Contains(EF.Property<int>(d, VisnykDb.SiteColumn)))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(count).ToListAsync(ct);
            var expired = await Queue(db)
                .Where(d => d.Status == DeliveryStatus.Sending && d.ClaimedUntil < utcNow
                    && !restoring.Contains(EF.Property<int>(d, VisnykDb.SiteColumn)))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(count).ToListAsync(ct);
            candidates.AddRange(expired);
            if (candidates.Count == 0)
            {
                return [];
            }
            var until = utcNow + lease;
            // The conditions are repeated in the UPDATE itself: of two instances that read the same
            // candidates, the second finds them no longer due and claims nothing.
            var claimed = await Queue(db)
                .Where(d => candidates.Contains(d.Id)
                    && (d.Status == DeliveryStatus.Waiting && d.NextAttemptAt <= utcNow || d.Status == DeliveryStatus.Sending && d.ClaimedUntil < utcNow))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.Owner, owner)
                    .SetProperty(d => d.Claim, claim).SetProperty(d => d.ClaimedUntil, until), ct);
            if (claimed > 0)
            {
                break;
            }
        }
        return await Queue(db).AsNoTracking().Where(d => d.Claim == claim && d.Status == DeliveryStatus.Sending)
            .OrderBy(d => d.Id)
            .Select(d => new Claimed(d.Id, claim, EF.Property<int>(d, VisnykDb.SiteColumn), d.MailingId, d.ProblemReportId, d.SubscriberId, d.To, d.Payload,
                db.Set<Subscriber>().Where(s => s.Id == d.SubscriberId).Select(s => s.Stamp).FirstOrDefault(), d.Attempts, d.CreatedAt))
            .ToListAsync(ct);
    }

    // Gives back what this claim did not send (the round's time ran out, or the server went away):
    // due again at `retryAt`, no attempt counted.
    public static Task<int> ReleaseAsync(VisnykDb db, Guid claim, DateTime retryAt, CancellationToken ct) =>
        Queue(db).Where(d => d.Claim == claim && d.Status == DeliveryStatus.Sending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Waiting).SetProperty(d => d.Claim, (Guid?)null)
                .SetProperty(d => d.Owner, (string?)null).SetProperty(d => d.NextAttemptAt, retryAt), ct);

    // The round's heartbeat: extends its lease on the rows it still holds, and says which rows
    // those are and whether each may still be sent (a subscriber who left cancels a claimed row).
    public static async Task<Dictionary<long, bool>> RenewAsync(VisnykDb db, Guid claim, DateTime until, CancellationToken ct)
    {
        await Queue(db).Where(d => d.Claim == claim && d.Status == DeliveryStatus.Sending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedUntil, until), ct);
        return await Queue(db).Where(d => d.Claim == claim).Select(d => new { d.Id, d.Status })
            .ToDictionaryAsync(d => d.Id, d => d.Status == DeliveryStatus.Sending, ct);
    }

    // At start: what this instance held when it last stopped (killed, crashed) is due again at
    // once instead of after its lease. No round of this instance runs yet, so none of it is in flight.
    public static Task<int> ReclaimAsync(VisnykDb db, string owner, CancellationToken ct) =>
        Queue(db).Where(d => d.Owner == owner && d.Status == DeliveryStatus.Sending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Waiting).SetProperty(d => d.Claim, (Guid?)null)
                .SetProperty(d => d.Owner, (string?)null), ct);

    public record Result(Claimed Item, Outcome Outcome, string? Error);

    // Records a group of results of one round in one transaction (the sender's group commit).
    // Fenced: only rows this round still holds are written (a claim taken over by another
    // instance is theirs now); returns the ids that were, so the round knows if it lost any.
    public static async Task<HashSet<long>> RecordAsync(VisnykDb db, IReadOnlyList<Result> results, MailOptions options, DateTime utcNow, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claim = results[0].Item.Claim;
        var ids = results.Select(r => r.Item.Id).ToList();
        // An UPDATE first, so the rows are locked: none can change hands before this commits.
        await Queue(db).Where(d => ids.Contains(d.Id) && d.Claim == claim).ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedUntil, d => d.ClaimedUntil), ct);
        var held = (await Queue(db).Where(d => ids.Contains(d.Id) && d.Claim == claim).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        results = results.Where(r => held.Contains(r.Item.Id)).ToList();
        var sent = results.Where(r => r.Outcome == Outcome.Sent).Select(r => r.Item.Id).ToList();
        if (sent.Count > 0)
        {
            // A sent confirmation forgets its token: nothing about the sign-up is kept beyond the address for the daily limit.
            await Queue(db).Where(d => sent.Contains(d.Id) && d.Claim == claim && d.Status == DeliveryStatus.Sending).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentAt, utcNow)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.Claim, (Guid?)null).SetProperty(d => d.Owner, (string?)null)
                .SetProperty(d => d.Payload, d => d.MailingId == null ? null : d.Payload), ct);
            var reached = results.Where(r => r.Outcome == Outcome.Sent && r.Item.SubscriberId is not null).Select(r => r.Item.SubscriberId!.Value).ToList();
            await Subscribers(db).Where(s => reached.Contains(s.Id) && s.HardFailures > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.HardFailures, 0), ct);
        }
        foreach (var result in results.Where(r => r.Outcome != Outcome.Sent))
        {
            var item = result.Item;
            var error = result.Error is { Length: > 500 } text ? text[..500] : result.Error;
            var giveUp = result.Outcome is Outcome.Rejected or Outcome.Refused || item.CreatedAt.AddHours(options.RetryHours) < utcNow;
            // Deferred: 1, 2, 4 ... minutes, at most an hour, until RetryHours have passed.
            var next = utcNow.AddMinutes(Math.Min(60, Math.Pow(2, Math.Min(item.Attempts, 10))));
            await Queue(db).Where(d => d.Id == item.Id && d.Claim == item.Claim && d.Status == DeliveryStatus.Sending).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, giveUp ? DeliveryStatus.Failed : DeliveryStatus.Waiting)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.Claim, (Guid?)null).SetProperty(d => d.Owner, (string?)null).SetProperty(d => d.Error, error), ct);
            if (result.Outcome == Outcome.Rejected && item.SubscriberId is { } id)
            {
                await RejectedAsync(db, id, options.MaxHardFailures, utcNow, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return held;
    }

    // After MaxHardFailures rejections in a row the address is undeliverable: it gets no new
    // deliveries, and those waiting are cancelled.
    static async Task RejectedAsync(VisnykDb db, int subscriberId, int max, DateTime utcNow, CancellationToken ct)
    {
        await Subscribers(db).Where(s => s.Id == subscriberId).ExecuteUpdateAsync(u => u.SetProperty(s => s.HardFailures, s => s.HardFailures + 1), ct);
        var marked = await Subscribers(db).Where(s => s.Id == subscriberId && s.HardFailures >= max && s.UndeliverableAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.UndeliverableAt, utcNow), ct);
        if (marked > 0)
        {
            await CancelAsync(db, subscriberId, ct);
        }
    }

    public static Task<int> CancelAsync(VisnykDb db, int subscriberId, CancellationToken ct) =>
        Queue(db).Where(d => d.SubscriberId == subscriberId && (d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Cancelled), ct);

    // A delivery with nothing left to send (its articles withdrawn): cancelled, not failed.
    public static Task<int> DropAsync(VisnykDb db, Claimed item, CancellationToken ct) =>
        Queue(db).Where(d => d.Id == item.Id && d.Claim == item.Claim && d.Status == DeliveryStatus.Sending).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.Claim, (Guid?)null).SetProperty(d => d.Owner, (string?)null), ct);
}
