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

// The static mirror kept by the site itself (Visnyk:Mirror:Directory), so that what nginx serves
// when no instance answers is never older than a few seconds. The instance that has the folder
// reads its own pages over loopback as a reader would (the output cache answers most of them) and
// writes each file whole, then renames it into place:
// - on start, and whenever something every page shows changes (a notice starts or ends, a
//   setting, a department or tag), the whole site again, in place, the notices first; files of
//   addresses the site no longer has are removed at the end of such a pass;
// - after a publication, correction or withdrawal (ArticleChanges, which every instance writes),
//   only what shows it: the article, the home page, the news lists, its tags' and departments'
//   lists and feeds, the sitemaps and the API's lists, in both languages.
// A background job rather than a command run by a timer: a command would start a site and build a
// search index for every run (tens of seconds before the first page), and could not tell what
// changed. One instance keeps the folder (the one on nginx's machine); the others need not.
// The default site only; a hromada's site is exported with `mirror export --site`.
public sealed class MirrorSync(IOptions<SiteOptions> options, IServer server, IHostApplicationLifetime lifetime, AllSites allSites,
    IServiceScopeFactory scopes, TimeProvider clock, ILogger<MirrorSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    const int Workers = 2; // readers keep the rest of the machine

    readonly ConcurrentDictionary<string, byte> written = new();
    Task whole = Task.CompletedTask;
    CancellationTokenSource? wholeStop;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var site = options.Value;
        if (string.IsNullOrEmpty(site.Mirror.Directory))
        {
            return;
        }
        if (string.IsNullOrEmpty(site.PublicUrl))
        {
            logger.LogError("Visnyk:Mirror:Directory is set but Visnyk:PublicUrl is not: the mirror's feeds and links need the public address; no mirror is kept");
            return;
        }
        var root = Path.GetFullPath(site.Mirror.Directory);
        Directory.CreateDirectory(root);
        if (Directory.EnumerateFileSystemEntries(root).Any() && !File.Exists(Path.Combine(root, MirrorCommand.Marker)))
        {
            logger.LogError("The folder {Root} is not empty and is no mirror (no {Marker}): nothing is written there", root, MirrorCommand.Marker);
            return;
        }
        // The pages are read once the site answers.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            await started.Task;
        }
        using var http = Client(site);
        var publicUrl = new Uri(site.PublicUrl.TrimEnd('/') + "/");
        long cursor;
        await using (var db = allSites.Open())
        {
            cursor = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).MaxAsync(c => (long?)c.Id, stoppingToken) ?? 0;
            // What is there now, the first pass over the whole site shows.
            seenChanges.UnionWith(await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).Where(c => c.Id > cursor - Window).Select(c => c.Id).ToListAsync(stoppingToken));
        }
        object? chrome = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var snapshot = await ChromeAsync(stoppingToken);
                if (!ReferenceEquals(snapshot, chrome))
                {
                    // Every page shows it (a notice, the menus): what tells of an emergency first, then the rest.
                    if (chrome is not null)
                    {
                        await RefreshAsync(http, publicUrl, root, MirrorPaths.Seeds.Take(4), stoppingToken);
                    }
                    chrome = snapshot;
                    StartWhole(http, publicUrl, root, stoppingToken);
                }
                var (changed, last) = await ChangesAsync(cursor, stoppingToken);
                if (changed is null || wholeWanted)
                {
                    wholeWanted = false;
                    StartWhole(http, publicUrl, root, stoppingToken);
                }
                else if (changed.Count > 0)
                {
                    await RefreshAsync(http, publicUrl, root, await AddressesAsync(changed, root, stoppingToken), stoppingToken);
                }
                cursor = last;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The mirror in {Root} could not be brought up to date; trying again in {Interval}", root, Interval);
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
        wholeStop?.Cancel();
        await whole.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // The default site's chrome: a new snapshot means something every page shows has changed
    // (SiteChrome drops it on every instance when a notice, a setting, a department or a tag does).
    async Task<object> ChromeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateSiteScope(Site.Site.Default);
        return await scope.ServiceProvider.GetRequiredService<SiteChrome>().GetAsync(SiteLanguage.Default, ct);
    }

    // The articles of the default site changed since the cursor, and the new cursor; null when
    // everything is to be read again (a rebuild, an import, a restore). A row can commit after one
    // with a higher id (PostgreSQL hands out ids before commit): the last rows are read again, and
    // those already seen skipped.
    const int Window = 200;
    readonly HashSet<long> seenChanges = [];

    async Task<(IReadOnlySet<int>? Articles, long Cursor)> ChangesAsync(long cursor, CancellationToken ct)
    {
        await using var db = allSites.Open();
        var from = cursor - Window;
        var changes = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).AsNoTracking()
            .Where(c => c.Id > from && EF.Property<int>(c, VisnykDb.SiteColumn) == Site.Site.Default)
            .OrderBy(c => c.Id).Take(1000 + Window).Select(c => new { c.Id, c.ArticleId }).ToListAsync(ct);
        var last = await db.ArticleChanges.IgnoreQueryFilters([VisnykDb.SiteFilter]).MaxAsync(c => (long?)c.Id, ct) ?? cursor;
        var fresh = changes.Where(c => seenChanges.Add(c.Id)).ToList();
        seenChanges.RemoveWhere(id => id <= last - Window);
        if (fresh.Count >= 1000 || fresh.Any(c => c.ArticleId <= 0))
        {
            return (null, last);
        }
        return (fresh.Select(c => c.ArticleId).ToHashSet(), last);
    }

    // What shows these articles, as addresses of the site: each one's own (a withdrawn one answers
    // 404 and loses its file; its old addresses answer 301 and become redirections), and every
    // list, feed and map it is or was in, as the mirror has them. A page of the tree or a document
    // changes menus or the register: the whole site is read again.
    async Task<IReadOnlyCollection<string>> AddressesAsync(IReadOnlySet<int> ids, string root, CancellationToken ct)
    {
        await using var scope = scopes.CreateSiteScope(Site.Site.Default);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var articles = await db.Articles.IgnoreQueryFilters([VisnykDb.NewsFilter, VisnykDb.LanguageFilter]).AsNoTracking()
            .Where(a => ids.Contains(a.Id)).Include(a => a.Tags).Include(a => a.Departments).ToListAsync(ct);
        if (articles.Any(a => !a.IsNews))
        {
            wholeWanted = true;
        }
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
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var shown = relative is "index.html" or "en/index.html"
                || prefixes.Any(p => relative.StartsWith(p, StringComparison.Ordinal)) && (ArticleOf(relative) is not { } id || ids.Contains(id));
            if (shown && !Path.GetFileName(relative).StartsWith('.'))
            {
                addresses.Add(MirrorPaths.AddressOf(relative));
            }
        }
        return addresses;
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

    async Task RefreshAsync(HttpClient http, Uri publicUrl, string root, IEnumerable<string> addresses, CancellationToken ct)
    {
        var crawl = Crawl(http, publicUrl, root, follow: false);
        await crawl.RunAsync(addresses, (_, _) => { }, ct);
        logger.LogInformation("Mirror: {Files} files brought up to date", crawl.Files);
        Warn(crawl);
    }

    MirrorCrawl Crawl(HttpClient http, Uri publicUrl, string root, bool follow) =>
        new(http, http.BaseAddress!, publicUrl, root, string.Format(Text.MirrorNotice, KyivTime.Long(clock.GetUtcNow().UtcDateTime)), follow, Workers, written, keepGoing: true);

    // A page of the tree or a document changed: menus or the register, on many pages.
    bool wholeWanted;

    // Everything again, in place; one pass at a time: a new reason stops the one under way and starts over.
    void StartWhole(HttpClient http, Uri publicUrl, string root, CancellationToken stopping)
    {
        wholeStop?.Cancel();
        wholeStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var ct = wholeStop.Token;
        var previous = whole;
        whole = Task.Run(async () =>
        {
            await previous.ContinueWith(_ => { }, TaskScheduler.Default);
            written.Clear();
            var begun = clock.GetUtcNow();
            var crawl = Crawl(http, publicUrl, root, follow: true);
            try
            {
                await crawl.RunAsync(MirrorPaths.Seeds, (_, _) => { }, ct);
                Warn(crawl);
                // Only after a clean pass: a page that failed may be the only one linking to others.
                if (crawl.Failed.Count == 0)
                {
                    Prune(root);
                }
                await File.WriteAllTextAsync(Path.Combine(root, MirrorCommand.Marker), $"Дзеркало {publicUrl}, {clock.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}\n", ct);
                logger.LogInformation("Mirror: the whole site in {Root}, {Pages} pages and {Files} files in {Seconds:F1} s", root, crawl.Pages, crawl.Files, (clock.GetUtcNow() - begun).TotalSeconds);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "Mirror: the pass over the whole site failed; the files it did not reach stay as they were");
            }
        }, CancellationToken.None);
    }

    void Warn(MirrorCrawl crawl)
    {
        if (crawl.Failed.Count > 0)
        {
            logger.LogWarning("Mirror: {Count} addresses kept their old files, the site did not give them: {First}", crawl.Failed.Count, string.Join("; ", crawl.Failed.Take(5)));
        }
    }

    // After a whole pass: files no address of the site led to (withdrawn articles, removed tags).
    // Those written meanwhile by a refresh are in `written` too.
    void Prune(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (!Path.GetFileName(relative).StartsWith('.') && !written.ContainsKey(relative))
            {
                File.Delete(file);
            }
        }
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(f => f.Length))
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }

    // A client of this very process, as nginx would ask it: on its own address, with the public host and scheme.
    HttpClient Client(SiteOptions site)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("The mirror reads the site over plain HTTP, and the site listens on no http:// address");
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.All };
        Uri origin;
        if (address.StartsWith("http://unix:", StringComparison.OrdinalIgnoreCase))
        {
            var socket = address["http://unix:".Length..];
            handler.ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            };
            origin = new Uri("http://localhost/");
        }
        else
        {
            var uri = new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1"));
            origin = new Uri($"http://{uri.Authority}/");
        }
        var publicUrl = new Uri(site.PublicUrl!);
        var client = new HttpClient(handler) { BaseAddress = origin, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Host = publicUrl.Authority;
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", publicUrl.Scheme);
        return client;
    }
}
