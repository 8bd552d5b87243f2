using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// The figures of the back office's mail page: who is subscribed to what, and how each mailing went.
public static class MailReport
{
    public record TopicCount(TopicKind Kind, int TopicId, Frequency Frequency, int Count);

    // BySearch: of them, the messages a saved search brought (Picked; unknown once archived).
    public record Sending(Mailing Mailing, int Sent, int Waiting, int Failed, int Cancelled, int BySearch = 0)
    {
        public int Total => Sent + Waiting + Failed + Cancelled;
    }

    // Confirmation mails are kept a day (for the per-address limit), so that is all they can show.
    public record Totals(int Subscribers, int Undeliverable, int ConfirmationsToday, int ConfirmationsWaiting);

    // Saved searches as one row (TopicId 0): there may be thousands (SearchesAsync has the most followed).
    public static async Task<List<TopicCount>> TopicsAsync(VisnykDb db, CancellationToken ct) =>
        (await db.Subscriptions.Where(s => db.Set<Subscriber>().Any(r => r.Id == s.SubscriberId && r.UndeliverableAt == null))
            .GroupBy(s => new { s.Kind, TopicId = s.Kind == TopicKind.Search ? 0 : s.TopicId, s.Frequency })
            .Select(g => new { g.Key.Kind, g.Key.TopicId, g.Key.Frequency, Count = g.Count() }).ToListAsync(ct))
        .Select(x => new TopicCount(x.Kind, x.TopicId, x.Frequency, x.Count)).ToList();

    public static async Task<Totals> TotalsAsync(VisnykDb db, DateTime utcNow, CancellationToken ct)
    {
        var dayAgo = utcNow.AddDays(-1);
        return new Totals(
            await db.Subscribers.CountAsync(s => s.UndeliverableAt == null, ct),
            await db.Subscribers.CountAsync(s => s.UndeliverableAt != null, ct),
            await db.Deliveries.Where(Delivery.IsConfirmation).CountAsync(d => d.CreatedAt > dayAgo, ct),
            await db.Deliveries.Where(Delivery.IsConfirmation).CountAsync(d => d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending, ct));
    }

    public static async Task<List<Sending>> HistoryAsync(VisnykDb db, int count, CancellationToken ct)
    {
        var mailings = await db.Mailings.AsNoTracking().OrderByDescending(m => m.Id).Take(count).ToListAsync(ct);
        var ids = mailings.Select(m => m.Id).ToList();
        var counts = (await db.Deliveries.Where(d => d.MailingId != null && ids.Contains(d.MailingId.Value))
                .GroupBy(d => new { d.MailingId, d.Status }).Select(g => new { g.Key.MailingId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.MailingId!.Value);
        int Of(int id, params DeliveryStatus[] statuses) => counts[id].Where(c => statuses.Contains(c.Status)).Sum(c => c.Count);
        var bySearch = await db.Deliveries.Where(d => d.MailingId != null && ids.Contains(d.MailingId.Value) && d.Payload != null && d.Payload.Contains(";s"))
            .GroupBy(d => d.MailingId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        return mailings.Select(m => new Sending(m, m.Sent + Of(m.Id, DeliveryStatus.Sent), Of(m.Id, DeliveryStatus.Waiting, DeliveryStatus.Sending),
            m.Failed + Of(m.Id, DeliveryStatus.Failed), m.Cancelled + Of(m.Id, DeliveryStatus.Cancelled), bySearch.GetValueOrDefault(m.Id))).ToList();
    }

    public record Searches(int Saved, int Followers, IReadOnlyList<(SavedSearch Search, int Followers)> Top);

    // The saved searches followed (a row nobody follows waits for the sweep: not counted), how many
    // follow one, and the most followed.
    public static async Task<Searches> SearchesAsync(VisnykDb db, int top, CancellationToken ct)
    {
        var followed = db.Subscriptions.Where(s => s.Kind == TopicKind.Search && db.Set<Subscriber>().Any(r => r.Id == s.SubscriberId && r.UndeliverableAt == null));
        var most = await followed.GroupBy(s => s.TopicId).Select(g => new { Id = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Id).Take(top).ToListAsync(ct);
        var ids = most.Select(m => m.Id).ToList();
        var rows = await db.SavedSearches.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return new Searches(
            await followed.Select(s => s.TopicId).Distinct().CountAsync(ct),
            await followed.Select(s => s.SubscriberId).Distinct().CountAsync(ct),
            most.Where(m => rows.ContainsKey(m.Id)).Select(m => (rows[m.Id], m.Count)).ToList());
    }

    public static readonly TimeSpan ArchiveAfter = TimeSpan.FromDays(30);

    // Keeps the counts of mailings older than ArchiveAfter whose deliveries are all settled, and
    // deletes those deliveries: the history keeps its figures, the database no longer keeps the
    // addresses. Every site's in one pass (the sender's context comes from AllSites).
    public static async Task<int> ArchiveAsync(VisnykDb db, DateTime now, CancellationToken ct)
    {
        var before = now - ArchiveAfter;
        var deliveries = db.Deliveries.IgnoreQueryFilters([VisnykDb.SiteFilter]);
        var mailings = db.Mailings.IgnoreQueryFilters([VisnykDb.SiteFilter]);
        var due = await mailings.Where(m => m.ArchivedAt == null && m.ExpandedAt != null && m.CreatedAt < before
                && !db.Set<Delivery>().Any(d => d.MailingId == m.Id && (d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending)))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(100).ToListAsync(ct);
        foreach (var id in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var counts = await deliveries.Where(d => d.MailingId == id).GroupBy(d => d.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, ct);
            var (sent, failed, cancelled) = (counts.GetValueOrDefault(DeliveryStatus.Sent), counts.GetValueOrDefault(DeliveryStatus.Failed), counts.GetValueOrDefault(DeliveryStatus.Cancelled));
            // Statements, not a tracked save: the row may be any site's, and a save keeps to the context's.
            await mailings.Where(m => m.Id == id && m.ArchivedAt == null).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Sent, m => m.Sent + sent).SetProperty(m => m.Failed, m => m.Failed + failed)
                .SetProperty(m => m.Cancelled, m => m.Cancelled + cancelled).SetProperty(m => m.ArchivedAt, now), ct);
            await deliveries.Where(d => d.MailingId == id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return due.Count;
    }
}
