using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Visnyk.Cli;
using Visnyk.Data;

namespace Visnyk.Tests.Cli;

// Helpers for the backup tests: running a command with its output captured, reading every
// table's keys through the model (on whatever database the site uses), and fingerprinting folders.
public static class Backups
{
    public const string Passphrase = "довга фраза-пароль резервної копії 2026";

    public record Run(int Exit, string Output, string Errors);

    // The passphrase is the process's environment: only BackupRefusalTests gives one (its tests
    // run one after another), and the others' commands never read it.
    public static async Task<Run> RunAsync(string? passphrase, params string[] args)
    {
        if (passphrase is not null)
        {
            Environment.SetEnvironmentVariable(BackupCipher.PassphraseVariable, passphrase);
        }
        try
        {
            var run = await CommandRun.RunAsync([.. args, "--Logging:LogLevel:Default=Warning"]);
            return new Run(run.Exit, run.Out, run.Error);
        }
        finally
        {
            if (passphrase is not null)
            {
                Environment.SetEnvironmentVariable(BackupCipher.PassphraseVariable, null);
            }
        }
    }

    // Every mapped table's primary keys ("1", "3|7" for composite keys), read with plain SQL that
    // runs on SQLite and PostgreSQL alike.
    public static async Task<Dictionary<string, HashSet<string>>> TableKeysAsync(VisnykDb db)
    {
        var tables = new Dictionary<string, HashSet<string>>();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var type in db.Model.GetEntityTypes())
            {
                if (type.IsOwned() || type.GetTableName() is not { } table || type.FindPrimaryKey() is not { } key || tables.ContainsKey(table))
                {
                    continue;
                }
                var store = StoreObjectIdentifier.Table(table, type.GetSchema());
                var columns = string.Join(", ", key.Properties.Select(p => $"\"{p.GetColumnName(store)}\""));
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT {columns} FROM \"{table}\"";
                var rows = new HashSet<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
                }
                tables[table] = rows;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return tables;
    }

    // Relative path → SHA-256 of every file under a folder; empty if the folder is not there.
    public static Dictionary<string, string> Fingerprint(string folder) => !Directory.Exists(folder)
        ? []
        : Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public static string TempFolder() => Path.Combine(Path.GetTempPath(), "visnyk-tests", "backup-" + Guid.NewGuid().ToString("N"));
}
