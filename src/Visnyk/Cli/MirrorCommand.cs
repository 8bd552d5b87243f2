using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Mirror;
using Visnyk.Search;
using Visnyk.Site;

namespace Visnyk.Cli;

// `mirror export DIR`: the whole public site as static files, for a CDN to serve when the site
// cannot (a DDoS, an outage), as GOV.UK keeps its mirrors. The site runs in this process on a
// loopback port with its background jobs off (no mail, no scheduled publishing), and is crawled
// like a reader would. The copy is written beside DIR and swapped in only when complete, so a
// CDN never serves half a mirror and a failed export leaves the previous one as it was. Another
// site than the default one (--site) is crawled on its primary host, and its links are that
// host's (on the installation's scheme): one folder per site, which nginx serves by $host.
public static class MirrorCommand
{
    // In every mirror; a non-empty folder without it is not replaced (it may be someone's files).
    public const string Marker = ".visnyk-mirror";

    public static async Task<int> ExportAsync(string dir, int siteId, string[] configArgs)
    {
        var clock = Stopwatch.StartNew();
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        var parent = Path.GetDirectoryName(target);
        var name = Path.GetFileName(target);
        if (parent is null || name.Length == 0)
        {
            return Fail($"не можна записати дзеркало в {target}: укажіть теку, наприклад /srv/mirror.", target);
        }
        if (File.Exists(target))
        {
            return Fail($"{target} — це файл, а не тека.", target);
        }
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, Marker)))
        {
            return Fail($"тека {target} не порожня й не є дзеркалом (у ній немає файлу {Marker}); щоб не стерти чужі файли, дзеркало туди не записано.", target);
        }

        var stamp = $"{TimeProvider.System.GetUtcNow():yyyyMMddHHmmss}-{Environment.ProcessId}";
        var temp = Path.Combine(parent, $".{name}.new-{stamp}");
        // Its own search index ("Новини за темою" then match the site's); the site's own stays with the site.
        var index = Path.Combine(Path.GetTempPath(), $"visnyk-mirror-index-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"не вдалося створити тимчасову теку {temp} ({e.Message}).", target);
        }
        try
        {
            var crawl = await CrawlAsync(temp, index, siteId, configArgs);
            Swap(temp, target);
            foreach (var address in crawl.Missing.Order().Take(20))
            {
                Console.Error.WriteLine($"Увага: сайт посилається на {address}, але відповідає «не знайдено»; у дзеркалі цієї адреси немає.");
            }
            Console.WriteLine($"Дзеркало в {target}: {crawl.Pages} сторінок, {crawl.Files} файлів, {crawl.Bytes / 1048576.0:F1} МБ за {clock.Elapsed.TotalSeconds:F1} с.");
            return 0;
        }
        catch (MirrorFailure e)
        {
            return Fail(e.Message, target);
        }
        catch (OptionsValidationException e)
        {
            return Fail($"неправильні налаштування: {string.Join("; ", e.Failures)}", target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"не вдалося записати файли ({e.Message}).", target);
        }
        catch (Exception e)
        {
            // Anything else (a database the site cannot read, say): one line for the operator, the details after it.
            Fail($"дзеркало зупинено через збій ({e.Message}).", target);
            Console.Error.WriteLine(e);
            return 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Delete(temp);
            Delete(index);
        }
    }

    static async Task<MirrorCrawl> CrawlAsync(string temp, string index, int siteId, string[] configArgs)
    {
        string[] args =
        [
            "--Logging:LogLevel:Default=Warning",
            .. configArgs,
            // Ours come last and win: pages rendered as asked (no cache to fill), no background
            // jobs, the pages and assets of this binary.
            "--Visnyk:OutputCache=false",
            "--Visnyk:BackgroundJobs=false",
            "--Visnyk:Sites:Limits:Enabled=false", // no neighbour to share with: the crawl is this process's only reader
            // Site 1 is asked as 127.0.0.1, a name no site has: with many sites
            // configured to answer such names 404, the whole mirror would be "not found".
            "--Visnyk:Sites:UnknownHost=Default",
            $"--Visnyk:SearchIndexDirectory={index}",
            $"--applicationName={typeof(SiteApp).Assembly.GetName().Name}",
        ];
        // In memory (ASP.NET Core's TestServer): the crawl's requests go through the site's whole
        // pipeline without a socket or HTTP's bytes on either side (over loopback, ~8% of the CPU).
        await using var app = SiteApp.Build(args, host => host.UseTestServer());
        var site = app.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
        if (siteId == Site.Site.Default && string.IsNullOrEmpty(site.PublicUrl))
        {
            throw new MirrorFailure("не задано Visnyk:PublicUrl (публічна адреса сайту, наприклад https://news.example.gov.ua): туди ведуть форми пошуку й підписки, а стрічки й мапа сайту містять повні адреси.");
        }
        await app.Services.PrepareDatabaseAsync();
        // Another site: the address its pages link to is its primary host's; the crawl asks on that
        // host (so SiteResolution picks the site) as if through the proxy on that scheme.
        var host = siteId == Site.Site.Default ? null : await app.Services.GetRequiredService<SiteHosts>().PrimaryAsync(siteId, CancellationToken.None)
            ?? throw new MirrorFailure($"сайт {siteId} не має основного домену або його немає (див. site list).");
        var publicUrl = host is null ? site.PublicUrl! : PublicUrl.Origin(site, host);
        await app.StartAsync();
        // Ctrl+C or SIGTERM reach the site's host, which stops the crawl through this token.
        var stopping = app.Lifetime.ApplicationStopping;
        try
        {
            var address = "http://127.0.0.1/";
            var started = Stopwatch.StartNew();
            Console.Error.Write("Пошуковий індекс для «Новин за темою»…");
            UkrainianStems.Shared.Load();
            await app.Services.GetRequiredService<SearchIndexer>().RebuildAsync(null, stopping);
            Console.Error.WriteLine($" {started.Elapsed.TotalSeconds:F1} с");

            // No Accept-Encoding: pages uncompressed, nothing compressed here to be decompressed
            // there (a tenth of the export's CPU). The site's own mirror (MirrorSync) asks as readers
            // do, for the compressed pages its output cache already holds.
            // From the loopback address, as a request over it would be (rate limits and admin networks read it).
            var server = app.GetTestServer();
            using var http = new HttpClient(server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Loopback))
            {
                BaseAddress = new Uri(address),
                Timeout = TimeSpan.FromSeconds(60),
            };
            if (host is not null)
            {
                http.DefaultRequestHeaders.Host = host;
                http.DefaultRequestHeaders.Add("X-Forwarded-Proto", new Uri(publicUrl).Scheme);
            }
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var crawl = new MirrorCrawl(http, new Uri(address), new Uri(publicUrl.TrimEnd('/') + "/"), temp, string.Format(Text.MirrorNotice, KyivTime.Long(now)), replacing: false);
            var shown = Stopwatch.StartNew();
            await crawl.RunAsync(MirrorPaths.Seeds,
                (done, queued) =>
                {
                    if (shown.ElapsedMilliseconds >= 100 || done == queued)
                    {
                        ProgressBar.Show(done, queued, "адрес");
                        shown.Restart();
                    }
                }, stopping);
            Console.Error.WriteLine();
            await File.WriteAllTextAsync(Path.Combine(temp, Marker), $"Дзеркало {publicUrl}, {now:yyyy-MM-ddTHH:mm:ssZ}\n");
            return crawl;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new MirrorFailure("експорт перервано (Ctrl+C або сигнал зупинки).");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    // The new copy takes the old one's place; between the two renames the folder is missing for
    // an instant (Linux has no portable exchange of folders). A host that must never see that can
    // point at DIR through a symbolic link and switch it.
    static void Swap(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }
        var old = temp.Replace(".new-", ".old-", StringComparison.Ordinal);
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        Delete(old);
    }

    static int Fail(string message, string target)
    {
        Console.Error.WriteLine();
        Console.Error.WriteLine($"Помилка: {message}");
        Console.Error.WriteLine(Directory.Exists(target)
            ? $"Дзеркало не оновлено; попереднє в {target} лишилося як було."
            : "Дзеркало не створено.");
        return 1;
    }

    static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Не вдалося прибрати {folder}: {e.Message}");
        }
    }
}
