using Dapper;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Search;

// Keeps this instance's search index in step with the database by following ArticleChanges:
// every few seconds (at once for changes saved by this process) it re-reads the articles changed
// since its cursor and puts or removes them. An empty index, an index of another schema, one
// left behind longer than the log is kept, a rebuild request (the reindex command) or a bulk
// load are answered with a full rebuild, during which searches see the old index.
public sealed class SearchIndexer(NewsIndex index, IServiceScopeFactory scopes, AllSites allSites, CommitSignal signal, TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService
{
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    // More changes than this at once (a bulk load) are cheaper as a rebuild.
    const int RebuildAbove = 5_000;
    const int Batch = 1_000;
    // PostgreSQL numbers a change when it is inserted, not when its save commits, so a change with
    // a lower id can appear after a higher one was read. The cursor stays below the first gap in
    // the ids until the gap is this old (a rolled-back save leaves one for ever); the changes above
    // it are applied at once and remembered, so they are not applied again.
    static readonly TimeSpan GapWait = TimeSpan.FromMinutes(2);
    readonly Dictionary<long, DateTime> gapsSeen = [];
    readonly HashSet<long> appliedAbove = [];

    readonly SemaphoreSlim running = new(1, 1);
    readonly SemaphoreSlim wake = new(0);
    DateTime nextPrune;
    // Whether the index found on disk has been checked against the log's retention.
    bool checkedAge;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up goes on; the dictionary loads and the index builds meanwhile
        void Wake(CommitSignal.What what)
        {
            if (what.HasFlag(CommitSignal.What.Articles))
            {
                wake.Release();
            }
        }
        signal.Committed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await CatchUpAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Updating the search index failed; retrying");
                }
                await wake.WaitAsync(Poll, stoppingToken);
                while (wake.CurrentCount > 0)
                {
                    await wake.WaitAsync(stoppingToken); // several wake-ups, one catch-up
                }
            }
        }
        finally
        {
            signal.Committed -= Wake;
        }
    }

    // Applies every change committed so far; returns the number of articles updated (or indexed, after a rebuild).
    public async Task<int> CatchUpAsync(CancellationToken ct = default, Action<int, int>? progress = null)
    {
        await running.WaitAsync(ct);
        try
        {
            var updated = await CatchUpLockedAsync(progress, ct);
            if (!wasReady && index.IsReady)
            {
                // Article pages rendered until now took their related news from tags (an index
                // found on disk is ready without a rebuild once the dictionary has loaded).
                wasReady = true;
                await using var scope = scopes.CreateAsyncScope();
                await using var db = allSites.Open();
                await EvictAsync(scope.ServiceProvider, await db.Sites.Select(s => s.Id).ToListAsync(ct), CacheTags.RelatedByTags, ct);
            }
            return updated;
        }
        finally
        {
            running.Release();
        }
    }

    bool wasReady;

    async Task<int> CatchUpLockedAsync(Action<int, int>? progress, CancellationToken ct)
    {
        // Opened first: with the words it knows (saved beside it), the index answers searches
        // while the dictionary loads, here, in the background, rather than by a request.
        if (!index.TryOpen())
        {
            return 0;
        }
        UkrainianStems.Shared.Load();
        // One index and one log for every site: read across sites, each article indexed with its own.
        await using var scope = scopes.CreateAsyncScope();
        await using var db = allSites.Open();
        var now = clock.GetUtcNow().UtcDateTime;
        await PruneAsync(db, now, ct);
        // An index last brought up to date before the oldest kept change may have missed some.
        var stale = !checkedAge && index.CommittedAt < now - Retention + TimeSpan.FromDays(1);
        checkedAge = true;
        if (index.Cursor is not { } cursor || stale)
        {
            return await RebuildLockedAsync(scope.ServiceProvider, progress, ct);
        }
        var changes = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).AsNoTracking().Where(c => c.Id > cursor).OrderBy(c => c.Id)
            .Take(RebuildAbove + 1).Select(c => new { c.Id, c.ArticleId, Site = EF.Property<int>(c, VisnykDb.SiteColumn) }).ToListAsync(ct);
        if (changes.Count == 0)
        {
            return 0;
        }
        if (changes.Count > RebuildAbove || changes.Any(c => c.ArticleId == ArticleChange.Everything))
        {
            var rebuilt = await RebuildLockedAsync(scope.ServiceProvider, progress, ct);
            foreach (var site in changes.Where(c => c.ArticleId is ArticleChange.WholeSite or ArticleChange.Outside).Select(c => c.Site).Distinct())
            {
                await ForgetSiteAsync(scope.ServiceProvider, db, site, ct);
            }
            return rebuilt;
        }
        var safe = SafeCursor(cursor, changes.Select(c => c.Id), now);
        var fresh = changes.Where(c => !appliedAbove.Contains(c.Id)).ToList();
        if (fresh.Count == 0)
        {
            appliedAbove.RemoveWhere(id => id <= safe);
            if (safe > cursor)
            {
                index.Commit(safe, now, sites: []);
            }
            return 0;
        }
        // Sites changed whole: every document of theirs is put again, whatever else the changes name.
        var whole = fresh.Where(c => c.ArticleId == ArticleChange.WholeSite).Select(c => c.Site).ToHashSet();
        var count = 0;
        foreach (var site in whole)
        {
            count += await PutSiteAsync(db, site, ct);
        }
        var ids = fresh.Where(c => c.ArticleId > 0 && !whole.Contains(c.Site)).Select(c => c.ArticleId).Distinct().ToList();
        var found = new HashSet<int>();
        foreach (var chunk in ids.Chunk(Batch))
        {
            foreach (var article in await LoadAsync(db, chunk, afterId: null, ct))
            {
                index.Put(article);
                found.Add(article.Id);
            }
        }
        foreach (var id in ids.Where(id => !found.Contains(id)))
        {
            index.Remove(id); // withdrawn, removed, back to draft, or deleted
        }
        index.Commit(safe, now, fresh.Select(c => c.Site).Distinct());
        // Remembered as applied only now: if anything above failed, the next catch-up does it all again.
        appliedAbove.UnionWith(fresh.Select(c => c.Id));
        appliedAbove.RemoveWhere(id => id <= safe);
        await EvictSearchesAsync(scope.ServiceProvider, fresh.Select(c => c.Site).Distinct(), ct);
        // Sites changed whole, or whose articles a command saved: nothing in this process evicted their pages.
        foreach (var site in fresh.Where(c => c.ArticleId is ArticleChange.WholeSite or ArticleChange.Outside).Select(c => c.Site).Distinct())
        {
            await ForgetSiteAsync(scope.ServiceProvider, db, site, ct);
        }
        logger.LogDebug("Search index: {Count} articles updated up to change {Cursor}", ids.Count + count, safe);
        return ids.Count + count;
    }

    // One site's documents from the database: the old ones removed, its published articles put.
    async Task<int> PutSiteAsync(VisnykDb db, int site, CancellationToken ct)
    {
        index.RemoveSite(site);
        var done = await PutPublishedAsync(db, site, progress: null, ct);
        logger.LogInformation("Search index: site {Site} indexed again, {Count} articles", site, done);
        return done;
    }

    // Every published article (of one site, or of all), a batch at a time in id order; returns how
    // many. `progress` hears the count so far after each batch.
    async Task<int> PutPublishedAsync(VisnykDb db, int? site, Action<int>? progress, CancellationToken ct)
    {
        var (done, afterId) = (0, 0);
        while (await LoadAsync(db, ids: null, afterId, ct, site) is { Count: > 0 } batch)
        {
            // Analysis (the costly part) runs on every core; the writer takes documents from any thread.
            Parallel.ForEach(batch, new ParallelOptions { CancellationToken = ct }, index.Put);
            done += batch.Count;
            afterId = batch[^1].Id;
            progress?.Invoke(done);
        }
        return done;
    }

    // A site changed whole, or its articles, outside the saves of a process serving pages (site
    // import --replace, seed, import wordpress): every cached page of it (each carries the site's
    // tag), its chrome and latest news in memory, and the oblast's "Новини громад" that may show
    // it. Every instance does this as it reads the change.
    static async Task ForgetSiteAsync(IServiceProvider services, VisnykDb db, int site, CancellationToken ct)
    {
        if (services.GetService<SiteCache>() is { } sites)
        {
            SiteChrome.Forget(sites, site);
            LatestNews.Forget(sites, site);
        }
        var parent = await db.Sites.Where(s => s.Id == site).Select(s => s.ParentId).FirstOrDefaultAsync(ct);
        await EvictAsync(services, [site], CacheTags.Site, ct);
        if (parent is { } above)
        {
            await EvictAsync(services, [above], CacheTags.Hromadas, ct);
        }
    }

    // The highest change id below which every change has been read: the ids after the cursor run
    // without a gap, or past a gap that has waited GapWait (see gapsSeen).
    long SafeCursor(long cursor, IEnumerable<long> ids, DateTime now)
    {
        var next = cursor + 1;
        foreach (var id in ids)
        {
            if (id != next)
            {
                var since = gapsSeen.TryGetValue(next, out var seen) ? seen : gapsSeen[next] = now;
                if (now - since < GapWait)
                {
                    break;
                }
                gapsSeen.Remove(next);
            }
            next = id + 1;
        }
        gapsSeen.Keys.Where(k => k < next).ToList().ForEach(k => gapsSeen.Remove(k));
        return next - 1;
    }

    // Builds the index again from every published article (the reindex command).
    public async Task<int> RebuildAsync(Action<int, int>? progress, CancellationToken ct)
    {
        await running.WaitAsync(ct);
        try
        {
            if (!index.TryOpen())
            {
                throw new InvalidOperationException("The search index is in use by another process");
            }
            await using var scope = scopes.CreateAsyncScope();
            return await RebuildLockedAsync(scope.ServiceProvider, progress, ct);
        }
        finally
        {
            running.Release();
        }
    }

    async Task<int> RebuildLockedAsync(IServiceProvider services, Action<int, int>? progress, CancellationToken ct)
    {
        await using var db = allSites.Open();
        var started = clock.GetUtcNow().UtcDateTime;
        appliedAbove.Clear();
        gapsSeen.Clear();
        // Changes from here on are applied after the rebuild, whatever it has already read.
        var cursor = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).MaxAsync(c => (long?)c.Id, ct) ?? 0;
        // What LoadAsync reads: every language's (the progress reaches 100 %).
        var total = await db.Articles.IgnoreQueryFilters([VisnykDb.SiteFilter, VisnykDb.NewsFilter, VisnykDb.LanguageFilter]).CountAsync(a => a.Status == ArticleStatus.Published, ct);
        logger.LogInformation("Rebuilding the search index: {Total} published articles", total);
        index.RemoveAll();
        // The words of what is indexed now, and no more (an article of made-up words, since
        // withdrawn, would otherwise stay in the saved vocabulary for ever).
        UkrainianStems.Shared.Load();
        UkrainianStems.Shared.ForgetKnown();
        progress?.Invoke(0, total);
        var done = await PutPublishedAsync(db, site: null, count => progress?.Invoke(count, Math.Max(total, count)), ct);
        index.MergeAll();
        index.Commit(cursor, started, sites: null);
        await EvictSearchesAsync(services, await db.Sites.Select(s => s.Id).ToListAsync(ct), ct);
        logger.LogInformation("Search index rebuilt: {Count} articles in {Seconds:F1} s", done, (clock.GetUtcNow().UtcDateTime - started).TotalSeconds);
        return done;
    }

    // These published articles as the index reads them (saved searches are matched against them: SearchAlerts).
    public static Task<List<IndexedArticle>> ArticlesAsync(VisnykDb db, int[] ids, CancellationToken ct) => LoadAsync(db, ids, null, ct);

    // Published news, pages and documents in every language: the given ones, or the next batch
    // after an id (in id order). Plain SQL that reads the same on SQLite and PostgreSQL.
    static async Task<List<IndexedArticle>> LoadAsync(VisnykDb db, int[]? ids, int? afterId, CancellationToken ct, int? site = null)
    {
        var connection = db.Database.GetDbConnection();
        var where = ids is null ? $"""{(site is null ? "" : """a."SiteId" = @site AND """)}a."Id" > @afterId ORDER BY a."Id" LIMIT @batch""" : connection.In("""a."Id" """, "ids");
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(SiteSession.Scoped(db, $"""
            SELECT a."Id", a."SiteId", a."Title", a."Summary", a."Body", a."PublishedAt", a."Kind", a."DocType", a."DocNumber", a."Language" FROM "Articles" AS a
            WHERE a."Status" = @published AND {where}
            """), new { ids, afterId, site, batch = Batch, published = (int)ArticleStatus.Published }, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }
        var found = rows.Select(r => r.Id).ToArray();
        var linked = connection.In("\"ArticleId\"", "found");
        var links = (await connection.QueryAsync<(int ArticleId, int Kind, int Id)>(new CommandDefinition(SiteSession.Scoped(db, $"""
            SELECT "ArticleId", 1, "DepartmentsId" FROM "ArticleDepartments" WHERE {linked}
            UNION ALL SELECT "ArticleId", 2, "TagsId" FROM "ArticleTags" WHERE {linked}
            """), new { found }, cancellationToken: ct))).ToLookup(l => l.ArticleId);
        var tagIds = links.SelectMany(l => l).Where(l => l.Kind == 2).Select(l => l.Id).Distinct().ToArray();
        var tagNames = (await connection.QueryAsync<(int Id, string Name)>(new CommandDefinition(
            SiteSession.Scoped(db, $"""SELECT "Id", "Name" FROM "Tags" WHERE {connection.In("\"Id\"", "tagIds")}"""), new { tagIds }, cancellationToken: ct))).ToDictionary(t => t.Id, t => t.Name);
        return rows.Select(r =>
        {
            var tags = links[r.Id].Where(l => l.Kind == 2).Select(l => l.Id).ToList();
            // A document is found by its kind and number too ("розпорядження 123").
            var title = r.Kind == (int)ArticleKind.Document
                ? $"{Documents.DocumentNames.Type((DocumentType)(r.DocType ?? (int)DocumentType.Inshyi))} № {r.DocNumber}. {r.Title}" : r.Title;
            return new IndexedArticle(r.Id, r.SiteId, title, r.Summary, PlainText.FromHtml(r.Body),
                DateTime.SpecifyKind(r.PublishedAt, DateTimeKind.Utc),
                links[r.Id].Where(l => l.Kind == 1).Select(l => l.Id).ToList(),
                tags, tags.Where(tagNames.ContainsKey).Select(t => tagNames[t]).ToList(), (ArticleKind)r.Kind, r.Language);
        }).ToList();
    }

    // Cached search pages, feeds and API answers show the old index, and article pages rendered
    // without it (a new article's) may now have related news from it: evict them.
    // Only the sites whose articles changed (all of them after a rebuild).
    static async Task EvictSearchesAsync(IServiceProvider services, IEnumerable<int> sites, CancellationToken ct)
    {
        var list = sites.ToList();
        await EvictAsync(services, list, CacheTags.Search, ct);
        await EvictAsync(services, list, CacheTags.RelatedByTags, ct);
    }

    // (There is no output cache in the reindex command.)
    static async Task EvictAsync(IServiceProvider services, IEnumerable<int> sites, string tag, CancellationToken ct)
    {
        if (services.GetService<IOutputCacheStore>() is { } cache)
        {
            foreach (var site in sites)
            {
                await cache.EvictAsync(site, tag, ct);
            }
        }
    }

    // The log is kept a week: long enough for an instance that was down to catch up, and one
    // that was down longer rebuilds (CommittedAt).
    async Task PruneAsync(VisnykDb db, DateTime utcNow, CancellationToken ct)
    {
        if (utcNow < nextPrune)
        {
            return;
        }
        nextPrune = utcNow + PruneEvery;
        var cutoff = utcNow - Retention;
        await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).Where(c => c.At < cutoff).ExecuteDeleteAsync(ct);
    }

    sealed class Row
    {
        public int Id { get; set; }
        public int SiteId { get; set; }
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Body { get; set; } = "";
        public DateTime PublishedAt { get; set; }
        public int Kind { get; set; }
        public int? DocType { get; set; }
        public string? DocNumber { get; set; }
        public string Language { get; set; } = "";
    }
}
