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

    public record Story(int Id, DateTime PublishedAt, int[] Departments, int[] Tags)
    {
        // The saved searches of the mailing's language it matches (SearchAlerts).
        public IReadOnlySet<int> Searches { get; init; } = new HashSet<int>();
    }

    public static async Task ExpandAsync(VisnykDb db, Mailing mailing, DateTime utcNow, CancellationToken ct)
    {
        // Tracked on its own, its cursor as read being the concurrency check of the first batch
        // (the caller may have loaded several mailings with this context and expanded others since).
        db.ChangeTracker.Clear();
        Track(db, mailing);
        var language = mailing.Language;
        var frequency = mailing.DigestFrequency ?? Frequency.Immediately;
        var stories = await WithSearchesAsync(db, await StoriesAsync(db, mailing, utcNow, ct), language, frequency, ct);
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
                if (Pick(stories, group) is not { } picked || !addresses.TryGetValue(group.Key, out var to))
                {
                    continue;
                }
                db.Deliveries.Add(new Delivery
                {
                    MailingId = mailing.Id, SubscriberId = group.Key, To = to,
                    Payload = mailing.DigestFrequency is null && picked.Searches.Count == 0 ? null : picked.Format(),
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

    // One subscriber's share of the stories (null: none): those of their topics, then per saved
    // search (in the order followed) those no topic or earlier search took; each story once.
    static Picked? Pick(List<Story> stories, IEnumerable<Subscription> subscriptions)
    {
        var topics = subscriptions.Where(s => s.Kind != TopicKind.Search).ToList();
        var taken = stories.Where(a => topics.Any(s => s.Matches(a))).Select(a => a.Id).ToList();
        var found = new List<Picked.Found>();
        var seen = new HashSet<int>(taken);
        foreach (var search in subscriptions.Where(s => s.Kind == TopicKind.Search).OrderBy(s => s.Id))
        {
            var ids = stories.Where(a => !seen.Contains(a.Id) && search.Matches(a)).Select(a => a.Id).ToList();
            if (ids.Count > 0)
            {
                found.Add(new Picked.Found(search.TopicId, ids));
                seen.UnionWith(ids);
            }
        }
        return seen.Count == 0 ? null : new Picked(taken, found);
    }

    // The stories with the saved searches each matches, when someone follows a search at the
    // mailing's frequency: each article indexed alone and matched (SearchAlerts), once per
    // expansion, each search's words parsed once for all the articles.
    static async Task<List<Story>> WithSearchesAsync(VisnykDb db, List<Story> stories, string language, Frequency frequency, CancellationToken ct)
    {
        if (stories.Count == 0 || !await db.Subscriptions.AnyAsync(s => s.Kind == TopicKind.Search && s.Frequency == frequency, ct)
            || !await db.SavedSearches.AnyAsync(s => s.Language == language, ct))
        {
            return stories;
        }
        var matched = new Dictionary<int, HashSet<int>>();
        var parsed = new Dictionary<string, Lucene.Net.Search.Query?>(StringComparer.Ordinal);
        foreach (var article in await Search.SearchIndexer.ArticlesAsync(db, [.. stories.Select(s => s.Id)], ct))
        {
            matched[article.Id] = [.. await SearchAlerts.MatchAsync(db, article, ct, parsed)];
        }
        return [.. stories.Select(s => matched.TryGetValue(s.Id, out var searches) ? s with { Searches = searches } : s)];
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
        // Published as of the mailing's own time at least: a round that read its clock before the
        // publication was committed (or an instance whose clock is a little behind) would otherwise
        // find an alert's article not yet out and expand the alert to no one.
        var asOf = mailing.CreatedAt > utcNow ? mailing.CreatedAt : utcNow;
        // In the mailing's language: an English digest has the English articles of its period.
        var query = db.Articles.AsNoTracking().Published(asOf).WrittenIn(SiteLanguage.Of(mailing.Language));
        return mailing.ArticleId is { } id
            ? query.Where(a => a.Id == id)
            : query.Where(a => a.PublishedAt >= mailing.From && a.PublishedAt < mailing.To);
    }
}
