using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace Visnyk.Site;

// What is kept in memory per site (its chrome, its latest news): created by the site's first
// request, never before, and dropped after Idle without one, so that a thousand idle hromadas cost
// nothing but their host names (SiteHosts). The total is bounded too (SizeLimit): past it the
// least recently used go first. Sizes are rough kilobytes, given by whoever stores.
public sealed class SiteCache : IDisposable
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    // 64 MB: some 1,500 busy sites' chrome, latest news and lists' totals at once.
    public const long SizeLimit = 64 * 1024;

    readonly MemoryCache entries;
    // MemoryCache drops an expired entry only when something touches the cache; a site nobody reads
    // any more must go all the same, so expired entries are swept on the site's clock.
    readonly ITimer sweeper;
    readonly Lock creating = new();
    long changes;

    // Moves on with every invalidation of a site's chrome (SiteChrome): a load that raced with one is
    // not kept. Per cache, so per installation, not per process (tests run many in one).
    public long Changes => Interlocked.Read(ref changes);

    // The site whose chrome was just forgotten (null: every site's), for whoever follows what every
    // page of a site shows (MirrorSync). Raised on the thread that forgot it: handlers only note it.
    public event Action<int?>? ChromeForgotten;

    public void Changed(int site)
    {
        Interlocked.Increment(ref changes);
        ChromeForgotten?.Invoke(site);
    }

    public SiteCache(TimeProvider clock)
    {
        entries = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = SizeLimit,
            Clock = new Clock(clock),
            // Its own scans, started by a read, are left rare: the sweeper does that work on time.
            ExpirationScanFrequency = Idle,
        });
        sweeper = clock.CreateTimer(_ => entries.Compact(0), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    // Entries held now, of every site (tests and the memory benchmark read it).
    public int Count => entries.Count;

    public bool TryGet<T>(int site, out T value) where T : class
    {
        if (entries.TryGetValue(new Key(typeof(T), site), out var found) && found is T known)
        {
            value = known;
            return true;
        }
        value = null!;
        return false;
    }

    public void Set<T>(int site, T value, long sizeKb) where T : class =>
        entries.Set(new Key(typeof(T), site), value, Options(sizeKb));

    // The site's holder of T, created on first use (once, even when requests race for it).
    public T GetOrCreate<T>(int site, Func<T> create, long sizeKb) where T : class
    {
        if (TryGet<T>(site, out var known))
        {
            return known;
        }
        lock (creating)
        {
            if (TryGet<T>(site, out var raced))
            {
                return raced;
            }
            var made = create();
            Set(site, made, sizeKb);
            return made;
        }
    }

    public void Remove<T>(int site) where T : class => entries.Remove(new Key(typeof(T), site));

    // Every site's copies (Redis came back after an outage: anything may have changed).
    public void Clear()
    {
        entries.Clear();
        ChromeForgotten?.Invoke(null);
    }

    public void Dispose()
    {
        sweeper.Dispose();
        entries.Dispose();
    }

    static MemoryCacheEntryOptions Options(long sizeKb) => new() { Size = Math.Max(1, sizeKb), SlidingExpiration = Idle };

    readonly record struct Key(Type Kind, int Site);

    // The site's clock as it runs on from now (its timestamps): idleness is measured, not read off
    // the wall clock, which may be set back or forward.
    sealed class Clock(TimeProvider time) : ISystemClock
    {
        readonly DateTimeOffset origin = time.GetUtcNow();
        readonly long started = time.GetTimestamp();

        public DateTimeOffset UtcNow => origin + time.GetElapsedTime(started);
    }
}
