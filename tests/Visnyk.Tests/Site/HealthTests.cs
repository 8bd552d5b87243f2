using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Visnyk.Tests.Site;

public class HealthTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Liveness_answers_and_readiness_lists_every_check()
    {
        var live = await site.Browserless().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        var ready = await site.Browserless().GetAsync("/readyz");
        // No SMTP server on the embedded default: degraded, but still ready for traffic.
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("disk").GetProperty("status").GetString());
        Assert.Matches(@"^\d+ MB free$", checks.GetProperty("disk").GetProperty("description").GetString());
        Assert.Equal("Degraded", checks.GetProperty("mail").GetProperty("status").GetString());
        Assert.True(checks.TryGetProperty("search", out _));
        // On PostgreSQL the site serves as a role held to row-level security (TestDatabase.AppRole).
        Assert.Equal("Healthy", checks.GetProperty("isolation").GetProperty("status").GetString());
        // The page cache: in memory on the embedded default, in Redis on the PostgreSQL run.
        Assert.Equal("Healthy", checks.GetProperty("cache").GetProperty("status").GetString());
        Assert.Equal(TestDatabase.IsPostgreSql ? "Redis" : "in memory", checks.GetProperty("cache").GetProperty("description").GetString()!.Split(',')[0]);
        Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
    }
}

// A site whose database has lost a table: not ready (503), while still alive.
public class BrokenDatabaseHealthTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Readiness_fails_when_the_database_cannot_answer()
    {
        var client = site.Browserless(); // the site is up (and its database made) first
        // As the tables' owner: the site's own role may not drop them.
        await using (var db = TestDatabase.Open(site.DataDirectory, site.PostgreSql))
        {
            // The list of sites (what readiness reads: it belongs to no site); renamed, since every site's rows refer to it.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Sites\" RENAME TO \"SitesGone\"");
        }
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        // No exception text or path in the answer.
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(site.DataDirectory, text);
        Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync("/healthz")).StatusCode);
    }
}
