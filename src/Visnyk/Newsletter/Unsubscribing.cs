using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// Leaving, in part or altogether. A subscriber with no subscriptions left is deleted with every
// trace of the address: what was waiting is cancelled, and past deliveries lose the address
// (their counts stay in the send history).
public static class Unsubscribing
{
    public static async Task<Subscriber?> FindAsync(VisnykDb db, int id, string stamp, CancellationToken ct) =>
        await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Id == id && s.Stamp == stamp, ct);

    // Removes the subscriptions of one frequency (null: all); true if the subscriber is gone.
    public static Task<bool> StopAsync(VisnykDb db, Subscriber subscriber, Frequency? frequency, CancellationToken ct)
    {
        MailingKind[] kinds = frequency switch
        {
            Frequency.Daily => [MailingKind.DailyDigest],
            Frequency.Weekly => [MailingKind.WeeklyDigest],
            _ => [MailingKind.Alert, MailingKind.Update],
        };
        return LeaveAsync(db, subscriber, s => frequency is null || s.Frequency == frequency,
            waiting => waiting.Where(d => db.Set<Mailing>().Any(m => m.Id == d.MailingId && kinds.Contains(m.Kind))), ct);
    }

    // Stops one saved search, whatever its frequency; true if the subscriber is gone. Its alerts
    // still waiting go too, unless another of their searches is left (it may have found the same
    // article: an alert names only the first); a digest waiting has other news in it: it goes.
    public static Task<bool> StopSearchAsync(VisnykDb db, Subscriber subscriber, int search, CancellationToken ct)
    {
        var brought = $";s{search}:";
        var othersLeft = subscriber.Subscriptions.Any(s => s.Kind == TopicKind.Search && s.TopicId != search);
        return LeaveAsync(db, subscriber, s => s.Kind == TopicKind.Search && s.TopicId == search, othersLeft ? null
            : waiting => waiting.Where(d => d.Payload != null && d.Payload.StartsWith(brought)
                && db.Set<Mailing>().Any(m => m.Id == d.MailingId && (m.Kind == MailingKind.Alert || m.Kind == MailingKind.Update))), ct);
    }

    // Removes the subscriptions chosen; with none left, forgets the subscriber (true). Otherwise
    // saves, and cancels the subscriber's waiting deliveries that `cancel` picks (none: null).
    static async Task<bool> LeaveAsync(VisnykDb db, Subscriber subscriber, Predicate<Subscription> stop,
        Func<IQueryable<Delivery>, IQueryable<Delivery>>? cancel, CancellationToken ct)
    {
        subscriber.Subscriptions.RemoveAll(stop);
        if (subscriber.Subscriptions.Count == 0)
        {
            await ForgetAsync(db, subscriber, ct);
            return true;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (cancel is not null)
        {
            await cancel(db.Deliveries.Where(d => d.SubscriberId == subscriber.Id && d.Status == DeliveryStatus.Waiting))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Cancelled), ct);
        }
        await transaction.CommitAsync(ct);
        return false;
    }

    public static async Task ForgetAsync(VisnykDb db, Subscriber subscriber, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Outbox.CancelAsync(db, subscriber.Id, ct);
        await db.Deliveries.Where(d => d.SubscriberId == subscriber.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.SubscriberId, (int?)null).SetProperty(d => d.To, "").SetProperty(d => d.Payload, (string?)null).SetProperty(d => d.Error, (string?)null), ct);
        await db.Deliveries.Where(Delivery.IsConfirmation).Where(d => d.To == subscriber.Email).ExecuteDeleteAsync(ct);
        db.Subscribers.Remove(subscriber);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
