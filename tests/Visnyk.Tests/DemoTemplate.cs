using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Visnyk.Tests;

// A site as its first start leaves it (schema migrated, demo content loaded), made once per test
// process and copied into each new test site before it starts. The start would otherwise paint and
// encode the 17 demo photos again for every test class: about ten seconds of both processors each.
// The copy is what the site's own start made, by the same code (SiteApp.Build, PrepareDatabaseAsync);
// DemoContentTests and the tests of separate processes still load demo content the long way.
// It holds no Data Protection keys and no sessions: each site makes its own keys, as a fresh one does.
public sealed class DemoTemplate
{
    static readonly Lazy<DemoTemplate> onSqlite = new(() => Make(postgreSql: false));
    static readonly Lazy<DemoTemplate> onPostgreSql = new(() => Make(postgreSql: true));

    public static DemoTemplate For(bool postgreSql) => (postgreSql ? onPostgreSql : onSqlite).Value;

    // The template's data folder (the SQLite file, on SQLite, and the media files).
    string DataDirectory { get; }

    // The template database on the PostgreSQL server (CREATE DATABASE … TEMPLATE), or null.
    public string? PostgreSqlName { get; }

    DemoTemplate(string dataDirectory, string? postgreSqlName)
    {
        DataDirectory = dataDirectory;
        PostgreSqlName = postgreSqlName;
    }

    // Copies the files into a new site's data folder (which must have no database yet).
    public void CopyFilesTo(string dataDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dataDirectory, Path.GetRelativePath(DataDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    // A new site's data as the template: files copied into the folder, and on PostgreSQL a new
    // database copied from the template's (its connection string; null on SQLite).
    public static string? NewSite(string dataDirectory, bool postgreSql)
    {
        var template = For(postgreSql);
        template.CopyFilesTo(dataDirectory);
        return postgreSql ? TestDatabase.CreatePostgreSql(template.PostgreSqlName) : null;
    }

    static DemoTemplate Make(bool postgreSql) => Task.Run(async () =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "visnyk-tests", "template-" + Guid.NewGuid().ToString("N"));
        var connection = postgreSql ? TestDatabase.CreatePostgreSql() : null;
        string[] args = [$"--Visnyk:DataDirectory={directory}", "--applicationName=Visnyk", .. connection is null ? [] : TestDatabase.Arguments(connection)];
        await using (var app = Visnyk.Site.SiteApp.Build(args))
        {
            await Visnyk.Data.DataSetup.PrepareDatabaseAsync(app.Services, demoContent: true);
        }
        await using (var db = TestDatabase.Open(directory, connection))
        {
            if (await db.Articles.CountAsync() == 0)
            {
                throw new InvalidOperationException("The demo template has no articles");
            }
            await db.DataProtectionKeys.ExecuteDeleteAsync();
            await db.Sessions.IgnoreQueryFilters().ExecuteDeleteAsync();
        }
        // Nothing may hold the template open while it is copied.
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        // Search indexes are each site's own (built at its start from its database).
        if (Directory.Exists(Path.Combine(directory, "search")))
        {
            Directory.Delete(Path.Combine(directory, "search"), recursive: true);
        }
        string? name = connection is null ? null : new NpgsqlConnectionStringBuilder(connection).Database;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                if (connection is not null)
                {
                    TestDatabase.DropPostgreSql(connection);
                }
            }
            catch (Exception) { } // a leftover on a throwaway test server
        };
        return new DemoTemplate(directory, name);
    }).GetAwaiter().GetResult();
}
