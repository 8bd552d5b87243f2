using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;
using static Visnyk.Cli.SiteArchive;

namespace Visnyk.Cli;

// `site import FILE [--host H] [--alias A] [--name N] [--parent ID]`: a site exported by
// `site export` becomes a new site of this installation, on the archive's hosts or those given.
// The archive is read and checked whole first (BackupReader); then the site is created
// (SiteCreation) and its rows are written in one transaction of its scope; the media files go
// into place before that commits. If anything fails, nothing of the site stays. Ids free here
// are kept, so the site's addresses (/news/ID-slug) stay the same; an id another site holds gets
// a new one, and its old address a permanent redirect (OldAddresses).
//
// `site import FILE --replace ID [--force]` restores a site in place from its own archive (a
// per-site backup): in one transaction its content, media library, settings and roles become the
// archive's, while its newsroom takes no changes (WritesPause); its hosts, name and place among
// the sites stay, and so do its audit log and its subscribers (with --subscribers, those are the
// archive's too: after a loss of them). The other sites keep serving meanwhile, and every
// instance's search index and caches catch up within seconds (ArticleChange.WholeSite). An
// archive of another site (none of its hosts is this site's) is refused unless --force says that
// is meant.
public static class SiteImport
{
    public record Request(string File, string? Host, string? Alias, string? Name, int? ParentId, int? Replace = null, bool Force = false, bool Subscribers = false);

    public static async Task<int> RunAsync(Request request, string[] configArgs)
    {
        if (!File.Exists(request.File))
        {
            Console.Error.WriteLine($"Файл {request.File} не знайдено.");
            return 1;
        }
        using var host = SiteCommand.Build(configArgs);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value;
        await host.Services.PrepareDatabaseAsync();
        Directory.CreateDirectory(options.FullDataDirectory);
        var staging = Path.Combine(options.FullDataDirectory, $".site-import-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        int? created = null;
        try
        {
            var manifest = BackupReader.Stage(Path.GetFullPath(request.File), staging, BackupArchive.Progress());
            Console.Error.WriteLine();
            JsonSerializerOptions json;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
                CheckSchema(manifest, db.Database.GetMigrations().ToList());
                json = Json(db.Model);
            }
            var header = ReadHeader(Path.Combine(staging, BackupArchive.SiteEntry), json);
            if (request.Replace is { } replaced)
            {
                return await ReplaceAsync(host.Services, options, request, replaced, staging, json, header, clock);
            }

            var hosts = request.Host is not null ? new[] { request.Host, request.Alias }.OfType<string>().ToList()
                : header.Hosts.OrderByDescending(h => h.IsPrimary).Select(h => h.Host).ToList();
            var (site, refusal) = await SiteCreation.CreateAsync(host.Services,
                new SiteCreation.Request(hosts.FirstOrDefault(), request.Name ?? header.Name, ParentId: request.ParentId, Aliases: hosts.Skip(1).ToList()), CancellationToken.None);
            if (refusal is not null)
            {
                Console.Error.WriteLine($"Сайт не перенесено: {refusal.Message}");
                return refusal.Invalid ? 2 : 1;
            }
            created = site!.Site.Id;

            SiteRows.Result result;
            await using (var scope = host.Services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(site.Site.Id))
            {
                result = await new SiteRows(scope.ServiceProvider, staging, json, header, site.Origin, replace: false).WriteAsync(CancellationToken.None);
            }
            Console.WriteLine($"Сайт {site.Site.Id} «{site.Site.Name}» перенесено: {site.Origin}/ (новин {result.Articles}, підписників {result.Subscribers}, " +
                $"медіафайлів {result.MediaFiles}, облікових записів {result.Accounts.Count}) за {clock.Elapsed.TotalSeconds:F1} с.");
            Report(result);
            created = null;
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or DbUpdateException or System.Data.Common.DbException)
        {
            // A database error (a lock that timed out, say) rolls the whole transaction back: nothing changed.
            Console.Error.WriteLine();
            Console.Error.WriteLine($"{(request.Replace is null ? "Сайт не перенесено" : "Сайт не відновлено, нічого не змінено")}: {(e is DbUpdateException ? e.InnerException?.Message ?? e.Message : e.Message)}");
            return 1;
        }
        finally
        {
            if (created is { } undo)
            {
                await SiteCreation.RemoveEmptyAsync(host.Services, undo, CancellationToken.None);
            }
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    static async Task<int> ReplaceAsync(IServiceProvider services, SiteOptions options, Request request, int id, string staging,
        JsonSerializerOptions json, Header header, Stopwatch clock)
    {
        Site.Site? site;
        await using (var scope = services.CreateAsyncScope())
        {
            site = await scope.ServiceProvider.GetRequiredService<VisnykDb>().Sites.Include(s => s.Hosts).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
        }
        if (site is null)
        {
            Console.Error.WriteLine($"Сайт не відновлено: сайту {id} немає (див. site list).");
            return 1;
        }
        var hosts = site.Hosts.OrderByDescending(h => h.IsPrimary).Select(h => h.Host).ToList();
        var archived = header.Hosts.Select(h => h.Host).ToList();
        if (!request.Force && (hosts.Count > 0 || archived.Count > 0) && !hosts.Intersect(archived).Any())
        {
            Console.Error.WriteLine($"Сайт не відновлено: копія — сайту «{header.Name}» ({Listed(archived)}), а сайт {id} — «{site.Name}» ({Listed(hosts)}). " +
                "Якщо саме його вміст треба замінити цією копією, повторіть з --force.");
            return 1;
        }
        var origin = PublicUrl.Origin(options, id, hosts.FirstOrDefault());
        SiteRows.Result result;
        // The site's newsroom takes no changes meanwhile (WritesPause); the pause ends with the
        // restore, whether it succeeds or not, or with its lease if this process dies.
        await using var all = services.GetRequiredService<AllSites>().Open();
        var pausedUntil = Site.Site.RestoreLeaseFrom(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await WritesPause.PauseAsync(all, id, pausedUntil, CancellationToken.None);
        try
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(id);
            result = await new SiteRows(scope.ServiceProvider, staging, json, header, origin, replace: true, request.Subscribers).WriteAsync(CancellationToken.None);
        }
        finally
        {
            await WritesPause.ResumeAsync(all, id, pausedUntil, CancellationToken.None);
        }
        Console.WriteLine($"Сайт {id} «{site.Name}» відновлено з копії: {origin}/ (новин {result.Articles}, підписників {result.Subscribers}, " +
            $"медіафайлів {result.MediaFiles}, облікових записів {result.Accounts.Count}) за {clock.Elapsed.TotalSeconds:F1} с. " +
            $"Його адреси, журнал змін{(request.Subscribers ? "" : " і підписники")} залишилися; усі сеанси редакції на ньому завершено; " +
            "пошук і сторінки оновляться на кожному екземплярі за кілька секунд.");
        if (result.Dropped > 0)
        {
            Console.WriteLine($"{result.Dropped} листів, що чекали відправлення, скасовано разом із колишніми підписниками.");
        }
        Report(result);
        return 0;
    }

    // What the operator should see: renumbered news, who now holds which role on the site (the
    // archive gave them), and the set-up links of new accounts.
    static void Report(SiteRows.Result result)
    {
        if (result.Renumbered > 0)
        {
            Console.WriteLine($"{result.Renumbered} новин отримали нові номери (їхні тут зайняті іншими сайтами); старі адреси ведуть на них.");
        }
        foreach (var (email, _, roles) in result.Accounts.Where(a => a.Roles.Length > 0))
        {
            Console.WriteLine($"Роль на сайті з копії: {email} — {roles}");
        }
        foreach (var (email, link, _) in result.Accounts.Where(a => a.Link is not null))
        {
            Console.WriteLine($"Новий обліковий запис {email}: посилання для встановлення пароля (дійсне 2 доби):\n{link}");
        }
    }

    static string Listed(List<string> hosts) => hosts.Count > 0 ? string.Join(", ", hosts) : "без домену";

    static Header ReadHeader(string path, JsonSerializerOptions json)
    {
        try
        {
            return JsonSerializer.Deserialize<Header>(File.ReadAllBytes(path), json) is { Name: not null, Hosts: not null, Settings.SocialLinks: not null, Counts: not null } header
                && header.Hosts.All(h => h?.Host is not null)
                ? header
                : throw new BackupException("site.json неповний");
        }
        catch (JsonException e)
        {
            throw new BackupException($"site.json: {e.Message}");
        }
    }

    // The archive's schema must be one this program knows (the same or an older version). Site
    // archives are logical rows, so an SQLite installation's can go to a PostgreSQL one: migrations
    // are compared by name, which both providers share.
    static void CheckSchema(BackupArchive.Manifest manifest, List<string> known)
    {
        if (manifest.Provider != BackupArchive.Site)
        {
            throw new BackupException("це резервна копія всієї установки (backup): її відновлюють командою restore");
        }
        static string Name(string migration) => migration[(migration.IndexOf('_') + 1)..];
        if (!known.Any(k => Name(k) == Name(manifest.Migration)))
        {
            throw new BackupException(string.CompareOrdinal(manifest.Migration, known.LastOrDefault()) > 0
                ? $"копія новіша за цю версію програми (схема {manifest.Migration}, програма знає до {known.LastOrDefault()}): оновіть програму й повторіть"
                : $"невідома схема бази у копії: {manifest.Migration}");
        }
    }
}
