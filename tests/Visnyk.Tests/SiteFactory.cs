using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;

namespace Visnyk.Tests;

// The whole site on a real database (SQLite in a throwaway data folder, or a throwaway PostgreSQL
// database: TestDatabase), with the demo content (copied from DemoTemplate: the same as its own first
// start would load). Tests of one class share one site (xunit class fixture); each class gets a fresh
// folder and database.
public class SiteFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));

    // The PostgreSQL database of this site, when the suite runs on PostgreSQL.
    public string? PostgreSql => postgreSql.Value;
    readonly Lazy<string?> postgreSql;

    public SiteFactory() => postgreSql = new(() => UsesPostgreSql ? TestDatabase.CreatePostgreSql(fromTemplate?.PostgreSqlName) : null);

    // On PostgreSQL in the PostgreSQL run; a fixture about PostgreSQL itself says always.
    protected virtual bool UsesPostgreSql => TestDatabase.IsPostgreSql;

    // The site starts with the demo content (Visnyk:DemoContent, on by default).
    protected virtual bool DemoContent => true;

    // The demo content comes from a copy of DemoTemplate rather than the site's own start; only if
    // the site is the first to touch its data (a test may fill it by a command first, as a restore does).
    protected virtual bool DemoFromTemplate => DemoContent;
    DemoTemplate? fromTemplate;

    void CopyTemplateIfUntouched()
    {
        var touched = UsesPostgreSql ? postgreSql.IsValueCreated : File.Exists(Path.Combine(DataDirectory, "visnyk.db"));
        if (!DemoFromTemplate || touched)
        {
            return;
        }
        fromTemplate = DemoTemplate.For(UsesPostgreSql);
        fromTemplate.CopyFilesTo(DataDirectory);
    }

    // Configuration arguments for a command (or a second process) working on this site's data.
    public string[] DataArgs => PostgreSql is null
        ? [$"--Visnyk:DataDirectory={DataDirectory}"]
        : [$"--Visnyk:DataDirectory={DataDirectory}", .. TestDatabase.Arguments(PostgreSql)];

    protected virtual bool OutputCache => true;
    protected virtual int SignInsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        CopyTemplateIfUntouched();
        builder.UseEnvironment("Production");
        builder.UseSetting("Visnyk:DataDirectory", DataDirectory);
        if (PostgreSql is not null)
        {
            builder.UseSetting("Visnyk:PostgreSql", TestDatabase.AsApp(PostgreSql));
            builder.UseSetting("Visnyk:PostgreSqlMaintenance", PostgreSql);
            builder.UseSetting("Visnyk:Redis", TestDatabase.Redis);
            builder.UseSetting("Visnyk:RedisInstance", $"test-{Path.GetFileName(DataDirectory)}:");
        }
        builder.UseSetting("Visnyk:OutputCache", OutputCache ? "true" : "false");
        builder.UseSetting("Visnyk:DemoContent", DemoContent ? "true" : "false");
        // Every test signs in from the same address; the per-address limit has its own test.
        builder.UseSetting("Visnyk:Admin:SignInsPerMinute", SignInsPerMinute.ToString());
    }

    // The same, for a command that must not load demo content into an empty database (backup, restore).
    public string[] CommandArgs => [.. DataArgs, "--Visnyk:DemoContent=false"];

    public HttpClient Browserless() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    // A database context for arranging and checking data directly.
    public AsyncServiceScope Scope(out VisnykDb db) => Scope(Visnyk.Site.Site.Default, out db);

    // Another site of this installation (its row in Sites only), if it is not there yet.
    public async Task EnsureSiteAsync(int id, string name)
    {
        await using var scope = Scope(out var db);
        if (!await db.Sites.AnyAsync(s => s.Id == id))
        {
            db.Sites.Add(new Visnyk.Site.Site { Id = id, Name = name, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
    }

    // A scope working for one site, as a request on that site's host or a job for it would.
    public AsyncServiceScope Scope(int siteId, out VisnykDb db)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Visnyk.Site.CurrentSite>().Id = siteId;
        db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        return scope;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (PostgreSql is not null)
            {
                TestDatabase.DropPostgreSql(PostgreSql);
            }
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}

// Same site with the output cache off: every request renders.
public class UncachedSiteFactory : SiteFactory
{
    protected override bool OutputCache => false;
}
