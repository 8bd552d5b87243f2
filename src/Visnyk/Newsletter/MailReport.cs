using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// The figures of the back office's mail page: who is subscribed to what, and how each mailing went.
public static class MailReport
{
    public record TopicCount(TopicKind Kind, int TopicId, Frequency Frequency, int Count);

    public record Sending(Mailing Mailing, int Sent, int Waiting, int Failed, int Cancelled)
    {
        public int Total => Sent + Waiting + Failed + Cancelled;
    }

    // Confirmation mails are kept a day (for the per-address limit), so that is all they can show.
    public record Totals(int Subscribers, int Undeliverable, int ConfirmationsToday, int ConfirmationsWaiting);

    public static async Task<List<TopicCount>> TopicsAsync(VisnykDb db, CancellationToken ct) =>
        (await db.Subscriptions.Where(s => db.Subscribers.Any(r => r.Id == s.SubscriberId && r.UndeliverableAt == null))
            .GroupBy(s => new { s.Kind, s.TopicId, s.Frequency })
            .Select(g => new { g.Key.Kind, g.Key.TopicId, g.Key.Frequency, Count = g.Count() }).ToListAsync(ct))
        .Select(x => new TopicCount(x.Kind, x.TopicId, x.Frequency, x.Count)).ToList();

    public static async Task<Totals> TotalsAsync(VisnykDb db, DateTime utcNow, CancellationToken ct)
    {
        var dayAgo = utcNow.AddDays(-1);
        return new Totals(
            await db.Subscribers.CountAsync(s => s.UndeliverableAt == null, ct),
            await db.Subscribers.CountAsync(s => s.UndeliverableAt != null, ct),
            await db.Deliveries.CountAsync(d => d.MailingId == null && d.CreatedAt > dayAgo, ct),
            await db.Deliveries.CountAsync(d => d.MailingId == null && (d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending), ct));
    }

    public static async Task<List<Sending>> HistoryAsync(VisnykDb db, int count, CancellationToken ct)
    {
        var mailings = await db.Mailings.AsNoTracking().OrderByDescending(m => m.Id).Take(count).ToListAsync(ct);
        var ids = mailings.Select(m => m.Id).ToList();
        var counts = (await db.Deliveries.Where(d => d.MailingId != null && ids.Contains(d.MailingId.Value))
                .GroupBy(d => new { d.MailingId, d.Status }).Select(g => new { g.Key.MailingId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.MailingId!.Value);
        int Of(int id, params DeliveryStatus[] statuses) => counts[id].Where(c => statuses.Contains(c.Status)).Sum(c => c.Count);
        return mailings.Select(m => new Sending(m, Of(m.Id, DeliveryStatus.Sent), Of(m.Id, DeliveryStatus.Waiting, DeliveryStatus.Sending),
            Of(m.Id, DeliveryStatus.Failed), Of(m.Id, DeliveryStatus.Cancelled))).ToList();
    }
}
