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
    public static async Task<bool> StopAsync(VisnykDb db, Subscriber subscriber, Frequency? frequency, CancellationToken ct)
    {
        subscriber.Subscriptions.RemoveAll(s => frequency is null || s.Frequency == frequency);
        if (subscriber.Subscriptions.Count == 0)
        {
            await ForgetAsync(db, subscriber, ct);
            return true;
        }
        var kinds = frequency switch
        {
            Frequency.Daily => [MailingKind.DailyDigest],
            Frequency.Weekly => [MailingKind.WeeklyDigest],
            _ => new[] { MailingKind.Alert, MailingKind.Update },
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Deliveries.Where(d => d.SubscriberId == subscriber.Id && d.Status == DeliveryStatus.Waiting
                && db.Set<Mailing>().Any(m => m.Id == d.MailingId && kinds.Contains(m.Kind)))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Cancelled), ct);
        await transaction.CommitAsync(ct);
        return false;
    }

    // Stops one saved search, whatever its frequency; true if the subscriber is gone. Its alerts
    // still waiting go too, unless another of their searches is left (it may have found the same
    // article: an alert names only the first); a digest waiting has other news in it: it goes.
    public static async Task<bool> StopSearchAsync(VisnykDb db, Subscriber subscriber, int search, CancellationToken ct)
    {
        subscriber.Subscriptions.RemoveAll(s => s.Kind == TopicKind.Search && s.TopicId == search);
        if (subscriber.Subscriptions.Count == 0)
        {
            await ForgetAsync(db, subscriber, ct);
            return true;
        }
        var brought = $";s{search}:";
        var othersLeft = subscriber.Subscriptions.Any(s => s.Kind == TopicKind.Search);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (!othersLeft)
        {
            await db.Deliveries.Where(d => d.SubscriberId == subscriber.Id && d.Status == DeliveryStatus.Waiting && d.Payload != null && d.Payload.StartsWith(brought)
                    && db.Set<Mailing>().Any(m => m.Id == d.MailingId && (m.Kind == MailingKind.Alert || m.Kind == MailingKind.Update)))
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
