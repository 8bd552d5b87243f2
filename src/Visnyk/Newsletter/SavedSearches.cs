using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Search;

namespace Visnyk.Newsletter;

// The saved searches' lifecycle: made (or found, if someone follows it already) when a sign-up is
// confirmed, removed a while after nobody follows them.
public static class SavedSearches
{
    // A search nobody follows is kept this long after it was last chosen: a confirmation that found
    // it just before its last follower left still has it.
    public static readonly TimeSpan KeptUnfollowed = TimeSpan.FromHours(1);

    // The id of the context's site's row for this search, made if new; or why it cannot be followed.
    // Saves the context: call it with nothing else pending.
    public static async Task<(int? Id, SavedSearch.Refusal Why)> FollowAsync(VisnykDb db, SavedSearch.Spec spec, DateTime utcNow, CancellationToken ct)
    {
        var (search, why) = await FiledAsync(spec, utcNow, ct);
        if (search is null)
        {
            return (null, why);
        }
        for (var attempt = 0; ; attempt++)
        {
            // Chosen again now: the sweep leaves it (it removes only rows chosen a while ago).
            var id = await db.SavedSearches.Where(s => s.Language == search.Language && s.Key == search.Key).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            if (id is { } found && await db.SavedSearches.Where(s => s.Id == found).ExecuteUpdateAsync(u => u.SetProperty(s => s.FollowedAt, utcNow), ct) > 0)
            {
                return (found, why);
            }
            search.CreatedAt = search.FollowedAt = utcNow;
            db.SavedSearches.Add(search);
            try
            {
                await db.SaveChangesAsync(ct);
                return (search.Id, why);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e) && attempt < 3)
            {
                // Another confirmation made the same search a moment ago: that row, then.
                db.Entry(search).State = EntityState.Detached;
                foreach (var term in search.Terms)
                {
                    db.Entry(term).State = EntityState.Detached;
                }
                search.Id = 0;
            }
        }
    }

    // A subscriber's mail changes language: each saved search they follow is followed in it (the
    // same words and filters), as mail in a language carries only its articles. One that can no
    // longer be followed is dropped; two that become one are one. Saves the context (FollowAsync)
    // before it changes the subscriber's searches.
    public static async Task MoveToAsync(VisnykDb db, Subscriber subscriber, string language, DateTime utcNow, CancellationToken ct)
    {
        var ids = subscriber.Subscriptions.Where(s => s.Kind == TopicKind.Search).Select(s => s.TopicId).ToList();
        var moves = new Dictionary<int, int?>();
        foreach (var search in await db.SavedSearches.AsNoTracking().Where(s => ids.Contains(s.Id) && s.Language != language).ToListAsync(ct))
        {
            moves[search.Id] = (await FollowAsync(db, search.AsSpec() with { Language = language }, utcNow, ct)).Id;
        }
        foreach (var (from, to) in moves)
        {
            var subscription = subscriber.Subscriptions.First(s => s.Kind == TopicKind.Search && s.TopicId == from);
            if (to is not { } moved || subscriber.Subscriptions.Any(s => s.Kind == TopicKind.Search && s.TopicId == moved))
            {
                subscriber.Subscriptions.Remove(subscription);
            }
            else
            {
                subscription.TopicId = moved;
            }
        }
    }

    // The context's site's searches filed by another stemming than this process's, filed again (at
    // most `batch` a call): their terms as a confirmation now would file them. Returns how many.
    // Instances doing it at once: one wins each search, the other's is skipped.
    public static async Task<int> RefileAsync(VisnykDb db, DateTime utcNow, int batch, CancellationToken ct)
    {
        var filing = UkrainianStems.Shared.Filing;
        var stale = await db.SavedSearches.AsNoTracking().Where(s => s.FiledBy != filing).OrderBy(s => s.Id).Take(batch).ToListAsync(ct);
        foreach (var search in stale)
        {
            // An end already past files nothing new (it can match no article): marked as filed.
            var (again, _) = await FiledAsync(search.AsSpec(), utcNow, ct);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (again is not null)
                {
                    await db.SavedSearchTerms.Where(t => t.SavedSearchId == search.Id).ExecuteDeleteAsync(ct);
                    db.SavedSearchTerms.AddRange(again.Terms.Select(t => new SavedSearchTerm { SavedSearchId = search.Id, Term = t.Term }));
                    await db.SaveChangesAsync(ct);
                }
                await db.SavedSearches.Where(s => s.Id == search.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FiledBy, filing), ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance filed it a moment ago (or it was removed).
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return stale.Count;
    }

    // The search as a confirmation now saves it, its stems filed as the indexed articles' are: from
    // the dictionary, never guessed before it has loaded (a guessed stem would never meet an article's).
    static async Task<(SavedSearch? Search, SavedSearch.Refusal Why)> FiledAsync(SavedSearch.Spec spec, DateTime utcNow, CancellationToken ct)
    {
        await UkrainianStems.Shared.LoadAsync(ct);
        var today = Site.KyivTime.Day(utcNow);
        return UkrainianStems.Shared.Asking(() => SavedSearch.For(spec, today), out _);
    }

    // Hourly, across sites: the searches nobody follows any more, with their terms.
    public static async Task<int> SweepAsync(VisnykDb all, DateTime utcNow, CancellationToken ct)
    {
        var before = utcNow - KeptUnfollowed;
        var subscriptions = all.Set<Subscription>().IgnoreQueryFilters([VisnykDb.SiteFilter]);
        return await all.SavedSearches.IgnoreQueryFilters([VisnykDb.SiteFilter])
            .Where(s => s.FollowedAt < before && !subscriptions.Any(x => x.Kind == TopicKind.Search && x.TopicId == s.Id
                && EF.Property<int>(x, VisnykDb.SiteColumn) == EF.Property<int>(s, VisnykDb.SiteColumn)))
            .ExecuteDeleteAsync(ct);
    }
}
