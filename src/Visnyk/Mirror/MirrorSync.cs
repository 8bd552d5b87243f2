using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Articles;
using Visnyk.Cli;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Mirror;

// The static mirror kept by the site itself (Visnyk:Mirror:Directory for the default site,
// Visnyk:Mirror:SitesDirectory/<primary host> for every other), so that what nginx serves when no
// instance answers is never older than a few seconds. The instance that has the folders reads its
// own pages over loopback as a reader would, on each site's host (the output cache answers most
// of them), and writes each file whole, then renames it into place:
// - when a site is first seen (on start, or created meanwhile), and whenever something all its
//   pages show changes (a notice starts or ends, a setting, a department or tag: SiteChrome forgets
//   it on every instance), the whole site again, in place, the notice's own pages first; files of
//   addresses the site no longer has are removed at the end of such a pass. One such pass at a
//   time for all the sites, in the order asked for (on start by site, the default site first), so
//   that a thousand hromadas do not crowd out readers; a site asked for again during its pass
//   goes again after it, none is stopped half-way;
// - after a publication, correction or withdrawal (ArticleChanges, which every instance writes),
//   only what shows it: the article, the home page, the news lists, its tags' and departments'
//   lists and feeds, the sitemaps and the API's lists, in both languages, at once.
// A background job rather than a command run by a timer: a command would start a site and build a
// search index for every run (tens of seconds before the first page), and could not tell what
// changed. One instance keeps the folders (the one on nginx's machine); the others need not.
public sealed class MirrorSync(IOptions<SiteOptions> options, IServer server, IHostApplicationLifetime lifetime, AllSites allSites,
    SiteHosts hosts, SiteCache cache, IServiceScopeFactory scopes, TimeProvider clock, ILogger<MirrorSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    const int Workers = 2; // readers keep the rest of the machine

    // The sites kept, by id; changed by the loop alone.
    readonly ConcurrentDictionary<int, MirrorSite> mirrors = new();
    // Folders refused once (not empty and no mirror, or failing), not to be reported every round.
    readonly HashSet<string> refused = [];
    // Sites whose chrome was forgotten since the last round (null: every site's).
    readonly ConcurrentQueue<int?> chromeForgotten = new();
    // Sites waiting for a pass over the whole site, in the order asked for, each once; a signal per site.
    readonly List<int> waiting = [];
    readonly Lock turns = new();
    readonly SemaphoreSlim asked = new(0);
    SocketsHttpHandler? loopback;
    Uri? origin;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var site = options.Value;
        var others = !string.IsNullOrEmpty(site.Mirror.SitesDirectory);
        if (string.IsNullOrEmpty(site.Mirror.Directory) && !others)
        {
            return;
        }
        if (others && !string.IsNullOrEmpty(site.Mirror.Directory) && Nested(FullPath(site.Mirror.Directory), FullPath(site.Mirror.SitesDirectory!)))
        {
            // One site's prune would remove the others' files, and nginx would serve them under its name.
            logger.LogError("Visnyk:Mirror:Directory and Visnyk:Mirror:SitesDirectory are inside one another: no mirror is kept");
            return;
        }
        if (!string.IsNullOrEmpty(site.Mirror.Directory) && string.IsNullOrEmpty(site.PublicUrl))
        {
            logger.LogError("Visnyk:Mirror:Directory is set but Visnyk:PublicUrl is not: the mirror's feeds and links need the public address; no mirror of the default site is kept");
            if (!others)
            {
                return;
            }
        }
        // The pages are read once the site answers.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            await started.Task;
        }
        (loopback, origin) = Loopback();
        long cursor;
        await using (var db = allSites.Open())
        {
            cursor = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).MaxAsync(c => (long?)c.Id, stoppingToken) ?? 0;
            // What is there now, the first pass over each whole site shows.
            seenChanges.UnionWith(await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).Where(c => c.Id > cursor - Window).Select(c => c.Id).ToListAsync(stoppingToken));
        }
        cache.ChromeForgotten += chromeForgotten.Enqueue;
        var passes = Task.Run(() => PassesAsync(stoppingToken), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    cursor = await RoundAsync(cursor, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "The mirror could not be brought up to date; trying again in {Interval}", Interval);
                }
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        finally
        {
            cache.ChromeForgotten -= chromeForgotten.Enqueue;
            await passes.ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var mirror in mirrors.Values)
            {
                mirror.Dispose();
            }
            loopback?.Dispose();
        }
    }

    // One look at what changed; the new cursor of ArticleChanges.
    async Task<long> RoundAsync(long cursor, CancellationToken ct)
    {
        // What every page of a site shows changed, heard a round ago (so that the site's pages,
        // evicted just after the chrome was forgotten, are not read from the cache): the notice's
        // own pages at once, the whole site in its turn. Every site's (Redis came back): in turn.
        foreach (var mirror in mirrors.Values.Where(m => heardEvery || heard.Contains(m.Id)).OrderBy(m => m.Id))
        {
            Want(mirror);
        }
        foreach (var mirror in mirrors.Values.Where(m => heard.Contains(m.Id)).OrderBy(m => m.Id))
        {
            await RefreshAsync(mirror, MirrorPaths.Seeds.Take(4), ct);
        }
        heard.Clear();
        heardEvery = false;
        while (chromeForgotten.TryDequeue(out var one))
        {
            heardEvery |= one is null;
            heard.Add(one ?? 0);
        }
        // Sites created, given another primary host, or gone; a new one is read whole.
        await FollowSitesAsync(ct);
        var (changed, last) = await ChangesAsync(cursor, ct);
        foreach (var mirror in mirrors.Values.OrderBy(m => m.Id))
        {
            if (!changed.TryGetValue(mirror.Id, out var articles))
            {
                continue;
            }
            if (articles is null)
            {
                Want(mirror);
                continue;
            }
            var (addresses, whole) = await AddressesAsync(mirror, articles, ct);
            await RefreshAsync(mirror, addresses, ct);
            if (whole)
            {
                Want(mirror);
            }
        }
        return last;
    }

    readonly HashSet<int> heard = [];
    bool heardEvery;

    // The sites to keep and their folders: the default site in Directory, every other site with a
    // primary host in SitesDirectory under that host's name. A site whose folder changed (another
    // primary host) or that is gone is dropped, and a folder of SitesDirectory that is a mirror of
    // no site now is removed: nginx would answer that name with pages nobody keeps.
    async Task FollowSitesAsync(CancellationToken ct)
    {
        var site = options.Value;
        var wanted = new Dictionary<int, (string Root, Uri PublicUrl)>();
        if (!string.IsNullOrEmpty(site.Mirror.Directory) && !string.IsNullOrEmpty(site.PublicUrl))
        {
            wanted[Site.Site.Default] = (FullPath(site.Mirror.Directory), new Uri(site.PublicUrl.TrimEnd('/') + "/"));
        }
        string? sitesRoot = null;
        if (!string.IsNullOrEmpty(site.Mirror.SitesDirectory))
        {
            sitesRoot = FullPath(site.Mirror.SitesDirectory);
            foreach (var (id, host) in await hosts.PrimariesAsync(ct))
            {
                if (id != Site.Site.Default && IsFolderName(host))
                {
                    wanted[id] = (Path.Combine(sitesRoot, host), new Uri(PublicUrl.Origin(site, host) + "/"));
                }
            }
        }
        var dropped = mirrors.Values.Where(m => !wanted.TryGetValue(m.Id, out var w) || w.Root != m.Root).ToList();
        foreach (var mirror in dropped)
        {
            mirrors.TryRemove(mirror.Id, out _);
            lock (turns)
            {
                mirror.Dispose(); // a pass not begun now never begins (PassesAsync)
            }
        }
        // Their passes stopped, so that nothing writes into a folder being removed.
        await Task.WhenAll(dropped.Select(m => m.Pass.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var (id, (root, publicUrl)) in wanted.Where(w => !mirrors.ContainsKey(w.Key) && !refused.Contains(w.Value.Root)).OrderBy(w => w.Key))
        {
            try
            {
                Directory.CreateDirectory(root);
                if (Directory.EnumerateFileSystemEntries(root).Any() && !File.Exists(Path.Combine(root, MirrorCommand.Marker)))
                {
                    refused.Add(root);
                    logger.LogError("The folder {Root} is not empty and is no mirror (no {Marker}): nothing is written there", root, MirrorCommand.Marker);
                    continue;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // One site's folder, not every site's mirror.
                refused.Add(root);
                logger.LogError(e, "The folder {Root} cannot be used for the mirror of {Site}: nothing is written there until the instance restarts", root, publicUrl);
                continue;
            }
            var mirror = new MirrorSite(id, root, publicUrl, Client(publicUrl));
            mirrors[id] = mirror;
            Want(mirror);
        }
        if (sitesRoot is not null && (dropped.Count > 0 || !sitesSwept))
        {
            sitesSwept = true;
            // The default site's folder is never under it (Nested refuses that at start).
            var kept = mirrors.Values.Select(m => m.Root).ToHashSet();
            foreach (var folder in Directory.EnumerateDirectories(sitesRoot))
            {
                if (!kept.Contains(folder) && File.Exists(Path.Combine(folder, MirrorCommand.Marker)))
                {
                    logger.LogInformation("Mirror: {Folder} is no site's any more; removed", folder);
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    bool sitesSwept;

    static string FullPath(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    static bool Nested(string a, string b) =>
        a == b || a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal) || b.StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // A host as a folder's name: a plain DNS name (SiteHosts.Normalize lowered it; punycode for
    // international ones), never anything that reaches outside the folder.
    static bool IsFolderName(string host) =>
        Uri.CheckHostName(host) == UriHostNameType.Dns && !host.StartsWith('.') && Path.GetFileName(host) == host;

    // The articles changed since the cursor by site, and the new cursor: a site's set is null when
    // it is to be read again whole (a rebuild, an import, a restore, more changes than one round
    // reads). A row can commit after one with a higher id (PostgreSQL hands out ids before
    // commit): the last rows are read again, and those already seen skipped.
    const int Window = 200;
    const int Limit = 1000;
    readonly HashSet<long> seenChanges = [];

    async Task<(Dictionary<int, HashSet<int>?> Sites, long Cursor)> ChangesAsync(long cursor, CancellationToken ct)
    {
        await using var db = allSites.Open();
        var from = cursor - Window;
        var changes = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).AsNoTracking()
            .Where(c => c.Id > from)
            .OrderBy(c => c.Id).Take(Limit + Window).Select(c => new { c.Id, c.ArticleId, Site = EF.Property<int>(c, VisnykDb.SiteColumn) }).ToListAsync(ct);
        var last = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).MaxAsync(c => (long?)c.Id, ct) ?? cursor;
        var fresh = changes.Where(c => seenChanges.Add(c.Id)).ToList();
        seenChanges.RemoveWhere(id => id <= last - Window);
        var sites = new Dictionary<int, HashSet<int>?>();
        if (fresh.Count >= Limit)
        {
            // The sites of the changes not read: each whole.
            foreach (var site in await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter])
                .Where(c => c.Id > from && c.Id <= last).Select(c => EF.Property<int>(c, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct))
            {
                sites[site] = null;
            }
            return (sites, last);
        }
        foreach (var bySite in fresh.GroupBy(c => c.Site))
        {
            sites[bySite.Key] = bySite.Any(c => c.ArticleId <= 0) ? null : bySite.Select(c => c.ArticleId).ToHashSet();
        }
        return (sites, last);
    }

    // What shows these articles, as addresses of the site: each one's own (a withdrawn one answers
    // 404 and loses its file; its old addresses answer 301 and become redirections), and every
    // list, feed and map it is or was in, as the mirror has them. Whole: a page of the tree or a
    // document changed menus or the register, and the whole site is to be read again.
    async Task<(IReadOnlyCollection<string> Addresses, bool Whole)> AddressesAsync(MirrorSite mirror, IReadOnlySet<int> ids, CancellationToken ct)
    {
        await using var scope = scopes.CreateSiteScope(mirror.Id);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var articles = await db.Articles.IgnoreQueryFilters([VisnykDb.NewsFilter, VisnykDb.LanguageFilter]).AsNoTracking()
            .Where(a => ids.Contains(a.Id)).Include(a => a.Tags).Include(a => a.Departments).ToListAsync(ct);
        var lists = new List<string> { "news", "sitemaps", "feeds/news.", "api/" };
        HashSet<string> addresses = ["/", "/news", "/sitemap.xml", "/feeds/news.rss", "/feeds/news.atom", .. MirrorPaths.Named.Keys.Where(k => k.StartsWith("/api/", StringComparison.Ordinal))];
        foreach (var article in articles.Where(a => a.IsNews))
        {
            addresses.Add(Article.PathOf(article.Kind, article.Id, article.Slug, null, article.Written));
            lists.AddRange(article.Tags.SelectMany(t => new[] { $"tags/{t.Slug}/", $"feeds/tags/{t.Slug}." }));
            lists.AddRange(article.Departments.SelectMany(d => new[] { $"departments/{d.Slug}/", $"feeds/departments/{d.Slug}." }));
        }
        foreach (var id in ids)
        {
            // Its every address in the mirror: the current one again, an old one (a new slug) becomes a redirection.
            lists.Add($"news/{id}-");
        }
        var prefixes = lists.SelectMany(l => new[] { l, "en/" + l }).ToList();
        foreach (var file in Directory.EnumerateFiles(mirror.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(mirror.Root, file).Replace('\\', '/');
            var shown = relative is "index.html" or "en/index.html"
                || prefixes.Any(p => relative.StartsWith(p, StringComparison.Ordinal)) && (ArticleOf(relative) is not { } id || ids.Contains(id));
            if (shown && !Path.GetFileName(relative).StartsWith('.'))
            {
                addresses.Add(MirrorPaths.AddressOf(relative));
            }
        }
        return (addresses, articles.Any(a => !a.IsNews));
    }

    // The article a file of the mirror is the page of ("news/12-slug/index.html", "en/news/12-slug/index.html"), if any.
    static int? ArticleOf(string relative)
    {
        var rest = relative.StartsWith("en/", StringComparison.Ordinal) ? relative[3..] : relative;
        if (!rest.StartsWith("news/", StringComparison.Ordinal))
        {
            return null;
        }
        var dash = rest.IndexOf('-');
        return dash > 5 && int.TryParse(rest.AsSpan(5, dash - 5), System.Globalization.NumberStyles.None, null, out var id) ? id : null;
    }

    async Task RefreshAsync(MirrorSite mirror, IEnumerable<string> addresses, CancellationToken ct)
    {
        var crawl = Crawl(mirror, follow: false);
        await crawl.RunAsync(addresses, (_, _) => { }, ct);
        logger.LogInformation("Mirror of {Site}: {Files} files brought up to date", mirror.PublicUrl, crawl.Files);
        Warn(mirror, crawl);
    }

    MirrorCrawl Crawl(MirrorSite mirror, bool follow) =>
        new(mirror.Http, mirror.Http.BaseAddress!, mirror.PublicUrl, mirror.Root, string.Format(Text.MirrorNotice, KyivTime.Long(clock.GetUtcNow().UtcDateTime)),
            follow, Workers, mirror.Written, keepGoing: true);

    // The whole site again, in its turn: at the end of the line, unless it is waiting already.
    void Want(MirrorSite mirror)
    {
        lock (turns)
        {
            if (waiting.Contains(mirror.Id))
            {
                return;
            }
            waiting.Add(mirror.Id);
        }
        asked.Release();
    }

    // The passes over whole sites, one at a time, in turn.
    async Task PassesAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await asked.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            MirrorSite? mirror;
            TaskCompletionSource pass;
            lock (turns)
            {
                var id = waiting[0];
                waiting.RemoveAt(0);
                if (!mirrors.TryGetValue(id, out mirror) || mirror.Dropped.IsCancellationRequested)
                {
                    continue;
                }
                pass = new TaskCompletionSource();
                mirror.Pass = pass.Task;
            }
            try
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, mirror.Dropped.Token);
                await WholeAsync(mirror, stop.Token);
            }
            finally
            {
                pass.SetResult();
            }
        }
    }

    // Everything again, in place.
    async Task WholeAsync(MirrorSite mirror, CancellationToken ct)
    {
        try
        {
            mirror.Written.Clear();
            var begun = clock.GetUtcNow();
            var crawl = Crawl(mirror, follow: true);
            await crawl.RunAsync(MirrorPaths.Seeds, (_, _) => { }, ct);
            Warn(mirror, crawl);
            // Only after a clean pass: a page that failed may be the only one linking to others.
            if (crawl.Failed.Count == 0)
            {
                Prune(mirror);
            }
            await File.WriteAllTextAsync(Path.Combine(mirror.Root, MirrorCommand.Marker), $"Дзеркало {mirror.PublicUrl}, {clock.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}\n", ct);
            logger.LogInformation("Mirror: the whole site {Site} in {Root}, {Pages} pages and {Files} files in {Seconds:F1} s",
                mirror.PublicUrl, mirror.Root, crawl.Pages, crawl.Files, (clock.GetUtcNow() - begun).TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Mirror: the pass over the whole site {Site} failed; the files it did not reach stay as they were", mirror.PublicUrl);
        }
    }

    void Warn(MirrorSite mirror, MirrorCrawl crawl)
    {
        if (crawl.Failed.Count > 0)
        {
            logger.LogWarning("Mirror of {Site}: {Count} addresses kept their old files, the site did not give them: {First}",
                mirror.PublicUrl, crawl.Failed.Count, string.Join("; ", crawl.Failed.Take(5)));
        }
    }

    // After a whole pass: files no address of the site led to (withdrawn articles, removed tags).
    // Those written meanwhile by a refresh are in Written too.
    static void Prune(MirrorSite mirror)
    {
        foreach (var file in Directory.EnumerateFiles(mirror.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(mirror.Root, file).Replace('\\', '/');
            if (!Path.GetFileName(relative).StartsWith('.') && !mirror.Written.ContainsKey(relative))
            {
                File.Delete(file);
            }
        }
        foreach (var folder in Directory.EnumerateDirectories(mirror.Root, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }

    // This very process as nginx would reach it: its own plain-HTTP address (or Unix socket).
    (SocketsHttpHandler Handler, Uri Origin) Loopback()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("The mirror reads the site over plain HTTP, and the site listens on no http:// address");
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.All };
        if (address.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase))
        {
            var socket = address["http://unix:".Length..];
            handler.ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            };
            return (handler, new Uri("http://localhost/"));
        }
        var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
        return (handler, new Uri($"http://{uri.Authority}/"));
    }

    // A client of one site, as nginx would ask: with its public host and scheme.
    HttpClient Client(Uri publicUrl)
    {
        var client = new HttpClient(loopback!, disposeHandler: false) { BaseAddress = origin, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Host = publicUrl.Authority;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", publicUrl.Scheme);
        return client;
    }
}
