using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Articles;

// The newest published articles of the scope's site, kept in memory: the home page, every
// article page and the 404 page show them, so they are read far more often than they change. The
// list is reloaded after any article change of the site in this process (ArticleEviction), when
// the next article scheduled by time becomes public, and at the latest after MaxAge, which bounds
// how long a change made by another process (the seed command, a second instance) takes to show.
// Scoped: each site's list lives in SiteCache (Slot), made by the site's first request.
public class LatestNews(SiteCache cache, CurrentSite site, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int Capacity = 10;
    // Of each department: the home page's three (no more is read than is shown).
    public const int DepartmentCapacity = 3;
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    // Ten cards and their photos' texts, a few cards of each department and the lists' totals, roughly.
    const long SlotKb = 24;
    // Totals kept per site: every department's and tag's a reader or crawler opens, within reason.
    const int MaxTotals = 200;

    // LoadedAt: the time the list was read as of (a count as of an earlier time may miss an article
    // that became public in between, which ValidUntil, the next scheduled one after it, does not see).
    record Snapshot(IReadOnlyList<ArticleListItem> Items, DateTime ValidUntil, DateTime LoadedAt = default);
    record Total(int Count, DateTime ValidUntil);

    // A public list whose total is kept: all news, a tag's or a department's.
    public readonly record struct ListKey(char Kind, int Id)
    {
        public static readonly ListKey AllNews = new('n', 0);
        public static ListKey Tag(int id) => new('t', id);
        public static ListKey Department(int id) => new('d', id);
    }

    // One site's list. Forgetting the slot is the invalidation: a load still running fills a slot
    // nobody finds any more, and the next request starts a new one; a request that was already
    // waiting on the forgotten slot loads again rather than take what was read before the change.
    sealed class Slot
    {
        public volatile Snapshot? Current;
        public volatile bool Forgotten;
        // The newest few of each department (the home page's blocks), valid as long as Current was when read.
        public readonly System.Collections.Concurrent.ConcurrentDictionary<int, Snapshot> Departments = new();
        // The number of public articles in a list (ListKey), valid as long as Current was when counted.
        public readonly System.Collections.Concurrent.ConcurrentDictionary<ListKey, Total> Totals = new();
        // One request loads; the others wait for its answer instead of asking the database too.
        public readonly SemaphoreSlim Loading = new(1, 1);
    }

    // A site's lists, one per language its readers read (a language nobody reads costs nothing).
    sealed class Slots
    {
        public readonly System.Collections.Concurrent.ConcurrentDictionary<SiteLanguage, Slot> ByLanguage = new();
    }

    // The language of the request's page (every public list holds one language's news).
    SiteLanguage Language => site.Language ?? SiteLanguage.Default;

    // The site whose news these are (and whose pages ArticleEviction evicts).
    public int Site => site.Id;

    public async Task<IReadOnlyList<ArticleListItem>> GetAsync(int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        var (_, known, _) = await CurrentAsync(ct);
        return known.Items.Count <= count ? known.Items : known.Items.Take(count).ToList();
    }

    // The newest DepartmentCapacity of a department. The same rules as the latest news: the home
    // page's six department lists cost ~90% of its rendering when read from the database on each
    // request (bench/cold.sh, dotnet-trace: SQLite walking the date index for each department).
    public async Task<IReadOnlyList<ArticleListItem>> InDepartmentAsync(int department, CancellationToken ct)
    {
        var (slot, known, now) = await CurrentAsync(ct);
        if (slot.Departments.TryGetValue(department, out var news) && news.ValidUntil > now)
        {
            return news.Items;
        }
        // Read after the latest news: an article published since is in both or its change forgets both.
        await using var scope = scopes.CreateSiteScope(site.Id, Language);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var items = await db.Articles.AsNoTracking().Published(now).InDepartment(department).Newest()
            .AsListItems().Take(DepartmentCapacity).ToListAsync(ct);
        if (!slot.Forgotten)
        {
            slot.Departments[department] = new Snapshot(items, known.ValidUntil);
        }
        return items;
    }

    // The number of public articles in a list, for its page numbers: the same for every page of the
    // list, while counting them costs SQLite ~0.65 ms at 10,000 articles (10x that at 100,000) on
    // each page a reader or crawler opens. Counted again whenever the latest news would be read again.
    // count counts this site's public articles as of countedAt.
    public async Task<int> TotalAsync(ListKey list, DateTime countedAt, Func<Task<int>> count, CancellationToken ct)
    {
        var (slot, known, now) = await CurrentAsync(ct);
        if (slot.Totals.TryGetValue(list, out var kept) && kept.ValidUntil > now)
        {
            return kept.Count;
        }
        // Counted after the latest news were read: a change since is in the count or forgets both.
        var total = await count();
        // Kept only with the list it was counted for, and only if counted as of its time or later.
        if (!slot.Forgotten && ReferenceEquals(slot.Current, known) && countedAt >= known.LoadedAt
            && (slot.Totals.Count < MaxTotals || slot.Totals.ContainsKey(list)))
        {
            slot.Totals[list] = new Total(total, known.ValidUntil);
        }
        return total;
    }

    // The site's slot and its latest news, loaded again when expired.
    async Task<(Slot Slot, Snapshot Known, DateTime Now)> CurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = cache.GetOrCreate(site.Id, () => new Slots(), SlotKb).ByLanguage.GetOrAdd(Language, _ => new Slot());
        if (slot.Current is not { } known || known.ValidUntil <= now)
        {
            known = await LoadAsync(slot, now, ct);
        }
        return (slot, known, now);
    }

    public void Invalidate() => Forget(cache, site.Id);

    // The same for a site named by another instance (PeerEviction).
    public static void Forget(SiteCache cache, int site)
    {
        if (cache.TryGet<Slots>(site, out var slots))
        {
            foreach (var slot in slots.ByLanguage.Values)
            {
                slot.Forgotten = true;
            }
            cache.Remove<Slots>(site);
        }
    }

    async Task<Snapshot> LoadAsync(Slot slot, DateTime now, CancellationToken ct)
    {
        await slot.Loading.WaitAsync(ct);
        try
        {
            if (!slot.Forgotten && slot.Current is { } fresh && fresh.ValidUntil > now)
            {
                return fresh;
            }
            await using var scope = scopes.CreateSiteScope(site.Id, Language);
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
            // What was kept with the expired list has expired with it.
            slot.Totals.Clear();
            return slot.Current = new Snapshot(items, validUntil, now);
        }
        finally
        {
            slot.Loading.Release();
        }
    }
}
