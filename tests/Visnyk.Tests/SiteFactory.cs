using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;

namespace Visnyk.Tests;

// The whole site on a real SQLite database in a throwaway data folder, with the demo content.
// Tests of one class share one site (xunit class fixture); each class gets a fresh folder.
public class SiteFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));

    protected virtual bool OutputCache => true;
    protected virtual int SignInsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Visnyk:DataDirectory", DataDirectory);
        builder.UseSetting("Visnyk:OutputCache", OutputCache ? "true" : "false");
        // Every test signs in from the same address; the per-address limit has its own test.
        builder.UseSetting("Visnyk:Admin:SignInsPerMinute", SignInsPerMinute.ToString());
    }

    // The configuration a command needs to work on this site's data (backup, restore); a factory
    // on another database adds its connection string here.
    public virtual string[] CommandArgs => [$"--Visnyk:DataDirectory={DataDirectory}", "--Visnyk:DemoContent=false"];

    public HttpClient Browserless() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    // A database context for arranging and checking data directly.
    public AsyncServiceScope Scope(out VisnykDb db)
    {
        var scope = Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        return scope;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}

// Same site with the output cache off: every request renders.
public class UncachedSiteFactory : SiteFactory
{
    protected override bool OutputCache => false;
}
