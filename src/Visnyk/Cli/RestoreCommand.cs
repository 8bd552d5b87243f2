using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Visnyk.Data;
using Visnyk.Search;
using Visnyk.Site;

namespace Visnyk.Cli;

// `restore FILE [--force]`: a backup into the configured data folder (and database). Everything is
// read and checked in a staging folder first (BackupReader); only then are the database (keys
// included) and media moved into place, the old ones aside, and back again if a move fails. The search index is
// removed: the site rebuilds it at start. A schema older than this binary's is migrated forward;
// a newer one is refused.
public static class RestoreCommand
{
    public static async Task<int> RunAsync(string file, bool force, string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        // pg_dump and pg_restore see every site's rows only as the maintenance role (row-level security).
        var postgres = site.MaintenanceConnection;
        site.PostgreSql = postgres;
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"Файл {file} не знайдено.");
            return 1;
        }
        if (NewsIndex.IsInUse(site.FullSearchIndexDirectory))
        {
            Console.Error.WriteLine($"На теці даних {site.FullDataDirectory} працює сайт: зупиніть його перед відновленням.");
            return 1;
        }
        var existed = Directory.Exists(site.FullDataDirectory);
        builder.Services.AddVisnykData(site);
        using var host = builder.Build();
        var staging = Path.Combine(site.FullDataDirectory, $".restore-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        var placed = false;
        try
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
                if (!force && await HoldsDataAsync(site, postgres, db))
                {
                    Console.Error.WriteLine($"Тека даних {site.FullDataDirectory}{(string.IsNullOrEmpty(postgres) ? "" : " або база PostgreSQL")} уже містить дані. " +
                        "Щоб замінити їх вмістом копії, додайте --force.");
                    return 1;
                }

                var manifest = BackupReader.Stage(Path.GetFullPath(file), staging, BackupArchive.Progress());
                Console.Error.WriteLine();
                CheckSchema(manifest, string.IsNullOrEmpty(postgres) ? BackupArchive.Sqlite : BackupArchive.PostgreSql, db.Database.GetMigrations().ToList());

                if (!string.IsNullOrEmpty(postgres))
                {
                    var creator = db.GetService<IRelationalDatabaseCreator>();
                    if (!await creator.ExistsAsync())
                    {
                        await creator.CreateAsync();
                    }
                    await PostgresDump.RestoreAsync(postgres, Path.Combine(staging, BackupArchive.DumpEntry), CancellationToken.None);
                }
                MoveIntoPlace(site, staging, withDatabase: string.IsNullOrEmpty(postgres));
                placed = true;
                if (Directory.Exists(site.FullSearchIndexDirectory))
                {
                    Directory.Delete(site.FullSearchIndexDirectory, recursive: true);
                }

                SqliteConnection.ClearAllPools();
                var before = manifest.Migration;
                await host.Services.PrepareDatabaseAsync(copyFirst: false); // the backup is the copy
                await using var after = host.Services.CreateAsyncScope();
                var now = (await after.ServiceProvider.GetRequiredService<VisnykDb>().Database.GetAppliedMigrationsAsync()).Last();
                var media = manifest.Entries.Where(e => e.Name.StartsWith("media/")).ToList();
                Console.WriteLine($"Відновлено з {file} (копія від {manifest.CreatedUtc:yyyy-MM-dd HH:mm} UTC) у {site.FullDataDirectory}: " +
                    $"база {BackupArchive.Size(manifest.Entries.First(e => e.Name.StartsWith("database/")).Size)}, " +
                    $"медіафайлів {media.Count} на {BackupArchive.Size(media.Sum(e => e.Size))}" +
                    $"{(before == now ? $"; схема {now}" : $"; схему оновлено з {before} до {now}")}; за {clock.Elapsed.TotalSeconds:F1} с. " +
                    "Пошуковий індекс сайт перебудує під час запуску.");
                return 0;
            }
        }
        catch (Exception e) when (e is BackupException or InvalidDataException or EndOfStreamException or FormatException or IOException or UnauthorizedAccessException or ZstdSharp.ZstdException)
        {
            Console.Error.WriteLine();
            var reason = e is BackupException ? e.Message : $"копія пошкоджена або обрізана ({e.Message})";
            Console.Error.WriteLine(placed
                ? $"Копію {file} відновлено, але далі сталася помилка: {reason}."
                : $"Не вдалося відновити з {file}: {reason}. Тека даних не змінена.");
            return 1;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            if (!existed && Directory.Exists(site.FullDataDirectory) && !Directory.EnumerateFileSystemEntries(site.FullDataDirectory).Any())
            {
                Directory.Delete(site.FullDataDirectory);
            }
        }
    }

    static async Task<bool> HoldsDataAsync(SiteOptions site, string? postgres, VisnykDb db)
    {
        static bool NotEmpty(string folder) => Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
        if (File.Exists(site.DatabasePath) && new FileInfo(site.DatabasePath).Length > 0 || NotEmpty(site.MediaDirectory))
        {
            return true;
        }
        return !string.IsNullOrEmpty(postgres)
            && await db.GetService<IRelationalDatabaseCreator>().ExistsAsync()
            && (await db.Database.GetAppliedMigrationsAsync()).Any();
    }

    // The backup's schema must be one this binary knows: older ones are migrated forward after the
    // restore; a newer one needs a newer binary (its tables would not match this code).
    internal static void CheckSchema(BackupArchive.Manifest manifest, string provider, List<string> known)
    {
        if (manifest.Provider != provider && (manifest.Provider == BackupArchive.Site || provider == BackupArchive.Site))
        {
            throw new BackupException(manifest.Provider == BackupArchive.Site
                ? "це копія одного сайту (site export): її переносять командою site import"
                : "це резервна копія всієї установки (backup): її відновлюють командою restore");
        }
        if (manifest.Provider != provider)
        {
            throw new BackupException($"копію зроблено з бази {manifest.Provider}, а сайт налаштовано на {provider}; відновлюйте в базу того самого виду");
        }
        if (known.Contains(manifest.Migration))
        {
            return;
        }
        throw new BackupException(string.CompareOrdinal(manifest.Migration, known.LastOrDefault()) > 0
            ? $"копія новіша за цю версію програми (схема {manifest.Migration}, програма знає до {known.LastOrDefault()}): оновіть програму й повторіть"
            : $"невідома схема бази у копії: {manifest.Migration}");
    }

    // Old database files and media go aside into the staging folder, the restored ones take
    // their places; if any move fails, the moves done so far are undone in reverse.
    static void MoveIntoPlace(SiteOptions site, string staging, bool withDatabase)
    {
        var aside = Path.Combine(staging, "old");
        Directory.CreateDirectory(aside);
        var done = new List<(string From, string To)>();
        void Move(string from, string to)
        {
            if (Directory.Exists(from))
            {
                Directory.Move(from, to);
            }
            else if (File.Exists(from))
            {
                File.Move(from, to);
            }
            else
            {
                return;
            }
            done.Add((from, to));
        }
        try
        {
            var database = site.DatabasePath;
            // The old WAL must go with its database: applied to the restored file it would corrupt it.
            string[] old = withDatabase ? [database, database + "-wal", database + "-shm", database + "-journal", site.MediaDirectory] : [site.MediaDirectory];
            foreach (var path in old)
            {
                Move(path, Path.Combine(aside, Path.GetFileName(path)));
            }
            if (withDatabase)
            {
                Move(Path.Combine(staging, BackupArchive.SqliteEntry), database);
            }
            Move(Path.Combine(staging, "media"), site.MediaDirectory);
        }
        catch
        {
            for (var i = done.Count - 1; i >= 0; i--)
            {
                Move(done[i].To, done[i].From);
            }
            throw;
        }
    }
}
