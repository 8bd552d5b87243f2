using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Articles;

// The newest published articles, kept in memory: the home page, every article page and the 404
// page show them, so they are read far more often than they change. The list is reloaded after
// any article change in this process (ArticleEviction), when the next article scheduled by time
// becomes public, and at the latest after MaxAge, which bounds how long a change made by another
// process (the seed command, a second instance) takes to show.
public class LatestNews(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int Capacity = 10;
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    record Snapshot(IReadOnlyList<ArticleListItem> Items, DateTime ValidUntil);

    volatile Snapshot? current;
    // Moves on with every invalidation, so a load that raced with a change is not kept.
    int version;
    readonly SemaphoreSlim loading = new(1, 1);

    public async Task<IReadOnlyList<ArticleListItem>> GetAsync(int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        var now = clock.GetUtcNow().UtcDateTime;
        if (current is not { } known || known.ValidUntil <= now)
        {
            known = await LoadAsync(now, ct);
        }
        return known.Items.Count <= count ? known.Items : known.Items.Take(count).ToList();
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref version);
        current = null;
    }

    async Task<Snapshot> LoadAsync(DateTime now, CancellationToken ct)
    {
        // One request loads; the others wait for its answer instead of asking the database too.
        await loading.WaitAsync(ct);
        try
        {
            if (current is { } fresh && fresh.ValidUntil > now)
            {
                return fresh;
            }
            var startedAt = Volatile.Read(ref version);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var items = await db.LatestAsync(now, Capacity, ct);
            var nextScheduled = await db.Articles
                .Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now)
                .OrderBy(a => a.PublishedAt).Select(a => (DateTime?)a.PublishedAt).FirstOrDefaultAsync(ct);
            var validUntil = now + MaxAge;
            if (nextScheduled < validUntil)
            {
                validUntil = nextScheduled.Value;
            }
            var snapshot = new Snapshot(items, validUntil);
            if (Volatile.Read(ref version) == startedAt)
            {
                current = snapshot;
            }
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }
}
