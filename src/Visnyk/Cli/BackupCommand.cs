using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Cli;

// `backup FILE [--encrypt]`: the database (with the Data Protection keys, which live in it) and
// the media files in one archive (BackupArchive), taken while the site serves. The database is snapshotted first (SQLite's
// online backup API, or pg_dump), then the media are copied: media files are named by their
// content and never changed in place, so every image the snapshot refers to is already on disk.
public static class BackupCommand
{
    public static async Task<int> RunAsync(string file, bool encrypt, string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        // pg_dump and pg_restore see every site's rows only as the maintenance role (row-level security).
        var postgres = site.MaintenanceConnection;
        site.PostgreSql = postgres;
        if (!BackupCipher.TryPassphrase(encrypt, out var passphrase))
        {
            return 2;
        }
        var output = Path.GetFullPath(file);
        if (!BackupArchive.HasFolder(output))
        {
            return 1;
        }
        if (string.IsNullOrEmpty(postgres) && !File.Exists(site.DatabasePath))
        {
            Console.Error.WriteLine($"Немає бази даних {site.DatabasePath}: перевірте Visnyk:DataDirectory.");
            return 1;
        }
        builder.Services.AddVisnykData(site);
        using var host = builder.Build();

        var part = output + ".part";
        var snapshot = Path.Combine(Path.GetDirectoryName(output)!, $".visnyk-backup-{Guid.NewGuid():N}.db");
        var clock = Stopwatch.StartNew();
        try
        {
            // 1. The database, as one consistent snapshot.
            Console.Error.Write("Знімок бази даних…");
            string? migration;
            if (string.IsNullOrEmpty(postgres))
            {
                migration = SnapshotSqlite(site.DatabasePath, snapshot);
            }
            else
            {
                await using var scope = host.Services.CreateAsyncScope();
                migration = (await scope.ServiceProvider.GetRequiredService<VisnykDb>().Database.GetAppliedMigrationsAsync()).LastOrDefault();
                await PostgresDump.DumpAsync(postgres, snapshot, CancellationToken.None);
            }
            if (migration is null)
            {
                throw new BackupException("у базі немає схеми (жодної міграції): нема чого зберігати");
            }
            Console.Error.WriteLine($" {clock.Elapsed.TotalSeconds:F1} с");

            // 2. Then the files, listed only now: everything the snapshot refers to exists.
            var files = Files(site.MediaDirectory, "media").ToList();
            var total = new FileInfo(snapshot).Length + files.Sum(f => f.Size);
            var done = 0L;
            var show = BackupArchive.Progress();
            void Progress(long bytes) => show(done += bytes, total);

            var entries = await BackupArchive.CreateAsync(part, passphrase,
                [(string.IsNullOrEmpty(postgres) ? BackupArchive.SqliteEntry : BackupArchive.DumpEntry, snapshot), .. files.Select(f => (f.Name, f.Path))],
                Progress, written => new BackupArchive.Manifest(BackupArchive.Format, host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                    string.IsNullOrEmpty(postgres) ? BackupArchive.Sqlite : BackupArchive.PostgreSql, migration, written));
            File.Move(part, output, overwrite: true);
            Console.Error.WriteLine();

            var media = entries.Where(e => e.Name.StartsWith("media/")).ToList();
            Console.WriteLine($"Резервну копію записано: {output}, {BackupArchive.Size(new FileInfo(output).Length)}" +
                $"{(passphrase is null ? "" : ", зашифровано")} (база {BackupArchive.Size(entries[0].Size)}, схема {migration}; " +
                $"медіафайлів {media.Count} на {BackupArchive.Size(media.Sum(e => e.Size))}) " +
                $"за {clock.Elapsed.TotalSeconds:F1} с");
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or SqliteException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"Резервну копію не створено: {e.Message}");
            return 1;
        }
        finally
        {
            File.Delete(snapshot);
            File.Delete(part);
        }
    }

    // SQLite's online backup: the pages of one read transaction, while writers go on (WAL). The copy
    // leaves WAL mode so that it is one self-contained file; the site turns WAL on again at start.
    static string? SnapshotSqlite(string database, string snapshot)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
        using var command = target.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE";
        command.ExecuteScalar();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if (command.ExecuteScalar() is null)
        {
            return null;
        }
        command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""";
        return command.ExecuteScalar() as string;
    }

    // The files under a folder as archive entries ("media/abc-800.webp"); names outside our layout are left out.
    static IEnumerable<(string Name, string Path, long Size)> Files(string folder, string prefix)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        foreach (var info in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var name = prefix + "/" + Path.GetRelativePath(folder, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (info.LinkTarget is not null || !BackupArchive.IsOurs(name))
            {
                Console.Error.WriteLine($"Пропущено {info.FullName}: ім'я або тип файлу не для копії.");
                continue;
            }
            yield return (name, info.FullName, info.Length);
        }
    }
}
