using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// Turns a mailing into one Delivery per subscriber it concerns, a batch of subscribers per
// transaction together with the mailing's cursor: a crash between batches resumes after the
// last committed one, so no subscriber is skipped or given two deliveries. Memory stays flat:
// only one batch of subscribers and the mailing's articles are held.
public static class MailingExpander
{
    const int BatchSize = 2000;

    public record Story(int Id, DateTime PublishedAt, int[] Departments, int[] Tags);

    public static async Task ExpandAsync(VisnykDb db, Mailing mailing, DateTime utcNow, CancellationToken ct)
    {
        // Tracked on its own, its cursor as read being the concurrency check of the first batch
        // (the caller may have loaded several mailings with this context and expanded others since).
        db.ChangeTracker.Clear();
        Track(db, mailing);
        var stories = await StoriesAsync(db, mailing, utcNow, ct);
        var frequency = mailing.DigestFrequency ?? Frequency.Immediately;
        var language = mailing.Language;
        while (stories.Count > 0)
        {
            // The next batch of subscribers with a subscription of this frequency, after the cursor,
            // who read the mailing's language.
            var cursor = mailing.Cursor;
            var ids = await db.Subscriptions.Where(s => s.Frequency == frequency && s.SubscriberId > cursor
                    && db.Set<Subscriber>().Any(r => r.Id == s.SubscriberId && r.Language == language))
                .Select(s => s.SubscriberId).Distinct().OrderBy(s => s).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }
            var last = ids[^1];
            var subscriptions = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Frequency == frequency && s.SubscriberId > cursor && s.SubscriberId <= last).ToListAsync(ct);
            var addresses = await db.Subscribers.Where(s => s.Id > cursor && s.Id <= last && s.UndeliverableAt == null && s.Language == language)
                .Select(s => new { s.Id, s.Email }).ToDictionaryAsync(s => s.Id, s => s.Email, ct);
            foreach (var group in subscriptions.GroupBy(s => s.SubscriberId))
            {
                var chosen = stories.Where(a => group.Any(s => s.Matches(a.Departments, a.Tags))).Select(a => a.Id).ToList();
                if (chosen.Count == 0 || !addresses.TryGetValue(group.Key, out var to))
                {
                    continue;
                }
                db.Deliveries.Add(new Delivery
                {
                    MailingId = mailing.Id, SubscriberId = group.Key, To = to,
                    Payload = mailing.DigestFrequency is null ? null : string.Join(',', chosen),
                    CreatedAt = utcNow, NextAttemptAt = utcNow,
                });
            }
            mailing.Cursor = last;
            if (!await SavedAsync(db, ct))
            {
                return;
            }
            Track(db, mailing);
        }
        mailing.ExpandedAt = utcNow;
        await SavedAsync(db, ct);
    }

    // Tracked again as read, with its site: the site is part of its key (SiteId, Id), which EF
    // cannot set once the row is tracked. The context is the mailing's site's (MailSender).
    static void Track(VisnykDb db, Mailing mailing)
    {
        var entry = db.Entry(mailing);
        entry.Property<int>(VisnykDb.SiteColumn).CurrentValue = db.SiteId;
        entry.State = EntityState.Unchanged;
    }

    // False if another instance moved the cursor first: its batch stands, this one is dropped.
    static async Task<bool> SavedAsync(VisnykDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    // The articles a mailing is about, newest first: the published one, or a digest's period.
    // An article withdrawn before its alert went out is not mailed.
    public static async Task<List<Story>> StoriesAsync(VisnykDb db, Mailing mailing, DateTime utcNow, CancellationToken ct) =>
        await ArticlesOf(db, mailing, utcNow).AsSplitQuery().OrderByDescending(a => a.PublishedAt)
            .Select(a => new Story(a.Id, a.PublishedAt, a.Departments.Select(d => d.Id).ToArray(), a.Tags.Select(t => t.Id).ToArray()))
            .ToListAsync(ct);

    // Also what the sender's messages show (MailContent), so both read the same articles.
    public static IQueryable<Article> ArticlesOf(VisnykDb db, Mailing mailing, DateTime utcNow)
    {
        // In the mailing's language: an English digest has the English articles of its period.
        var query = db.Articles.AsNoTracking().Published(utcNow).WrittenIn(SiteLanguage.Of(mailing.Language));
        return mailing.ArticleId is { } id
            ? query.Where(a => a.Id == id)
            : query.Where(a => a.PublishedAt >= mailing.From && a.PublishedAt < mailing.To);
    }
}
