using System.Data.Common;
using System.Diagnostics;

namespace Visnyk.Cli;

// PostgreSQL's own tools for the backup of a PostgreSQL site: pg_dump --format=custom (one
// consistent snapshot, whatever the site writes meanwhile) and pg_restore in one transaction.
// The Npgsql connection string (Visnyk:PostgreSql) is handed over as libpq's PG* variables, so the
// password never shows on a command line.
public static class PostgresDump
{
    public static async Task DumpAsync(string connectionString, string file, CancellationToken ct) =>
        await RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}"], ct);

    // --clean drops what the target has; --single-transaction: all of it or, on any error, nothing.
    public static async Task RestoreAsync(string connectionString, string file, CancellationToken ct) =>
        await RunAsync("pg_restore", connectionString,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", $"--dbname={Database(connectionString)}", file], ct);

    static string Database(string connectionString) => Variables(connectionString).GetValueOrDefault("PGDATABASE")
        ?? throw new BackupException("у Visnyk:PostgreSql не вказано базу даних (Database=...)");

    static async Task RunAsync(string tool, string connectionString, string[] args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Find(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in Variables(connectionString))
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new BackupException($"не вдалося запустити {tool}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await output;
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} завершився з кодом {process.ExitCode}: {(await errors).Trim()}");
        }
    }

    // On PATH, or Debian's /usr/lib/postgresql/N/bin (the newest N: pg_dump must not be older than the server).
    static string Find(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Path: Path.Combine(d, "bin", tool)))
                .Where(d => File.Exists(d.Path)).OrderByDescending(d => d.Version).Select(d => d.Path).FirstOrDefault()
            : null;
        return debian ?? onPath ?? throw new BackupException($"не знайдено {tool}: встановіть клієнт PostgreSQL (Debian: apt-get install postgresql-client)");
    }

    // Npgsql's keywords (and their usual synonyms) as libpq environment variables.
    static Dictionary<string, string> Variables(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var variables = new Dictionary<string, string>();
        foreach (string key in builder.Keys)
        {
            var value = builder[key]?.ToString();
            var name = key.ToLowerInvariant().Replace(" ", "") switch
            {
                "host" or "server" => "PGHOST",
                "port" => "PGPORT",
                "username" or "user" or "userid" or "uid" => "PGUSER",
                "password" or "pwd" => "PGPASSWORD",
                "database" or "db" => "PGDATABASE",
                "sslmode" => "PGSSLMODE",
                _ => null,
            };
            if (name is not null && !string.IsNullOrEmpty(value))
            {
                variables[name] = name == "PGSSLMODE" ? value.ToLowerInvariant().Replace("verify", "verify-") : value;
            }
        }
        return variables;
    }
}
