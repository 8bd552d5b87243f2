using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Site;

// A site with all three address lists configured, and requests from chosen client addresses:
// the newsroom for 10.20.0.0/16, /metrics for 10.30.0.0/16, a proxy (nginx) at 10.40.0.0/24.
public class NetworksSiteFactory : SiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Visnyk:Admin:AllowedNetworks:0", "10.20.0.0/16");
        builder.UseSetting("Visnyk:MetricsNetworks:0", "10.30.0.0/16");
        builder.UseSetting("Visnyk:ProxyNetworks:0", "10.40.0.0/24");
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ClientAddress>());
    }

    // A client whose requests come from this address, through a proxy when forwardedFor is given.
    public HttpClient ClientFrom(string address, string? forwardedFor = null)
    {
        var client = this.Client();
        client.DefaultRequestHeaders.Add(ClientAddress.Header, address);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client;
    }
}

// The refusals have their tests (AllowListTests, MetricsRefusedTests); these show the lists let in
// what they name, and that a forwarded address counts only when a configured proxy sends it.
public class NetworksTests(NetworksSiteFactory site) : IClassFixture<NetworksSiteFactory>
{
    static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) => (await client.GetAsync(path)).StatusCode;

    [Fact]
    public async Task The_newsroom_answers_an_address_inside_its_allowed_network_and_signing_in_works_there()
    {
        var admin = await site.CreateAsync(Roles.Administrator);
        var office = await site.SignedInAsync(admin, site.ClientFrom("10.20.7.15"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(office, "/admin/users"));
        // The same address as an IPv4 client on a dual-stack socket sees it.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(site.ClientFrom("::ffff:10.20.7.15"), "/admin/signin"));
        foreach (var outside in new[] { "10.21.0.1", "192.0.2.10", "::1" })
        {
            Assert.True(await StatusAsync(site.ClientFrom(outside), "/admin/signin") == HttpStatusCode.NotFound, outside);
        }
    }

    [Fact]
    public async Task A_forwarded_address_counts_from_a_configured_proxy_and_is_ignored_from_anyone_else()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(site.ClientFrom("10.40.0.7", forwardedFor: "10.20.9.9"), "/admin/signin"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(site.ClientFrom("10.40.0.7", forwardedFor: "203.0.113.5"), "/admin/signin"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(site.ClientFrom("10.40.0.7"), "/admin/signin")); // the proxy itself is not the newsroom
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(site.ClientFrom("192.0.2.50", forwardedFor: "10.20.9.9"), "/admin/signin"));

        // The audit log records the reader behind the proxy, not the proxy.
        var admin = await site.CreateAsync(Roles.Administrator);
        await site.SignedInAsync(admin, site.ClientFrom("10.40.0.7", forwardedFor: "10.20.9.9"));
        await using var scope = site.Scope(out var db);
        var signIns = await db.AuditEntries.Where(e => e.Action == AuditActions.SignIn && e.UserId == admin.Id).Select(e => e.Ip).ToListAsync();
        Assert.NotEmpty(signIns);
        Assert.All(signIns, ip => Assert.Equal("10.20.9.9", ip));
    }

    [Fact]
    public async Task Metrics_answer_an_address_in_the_metrics_networks_directly_or_through_the_proxy()
    {
        foreach (var scraper in new[] { site.ClientFrom("10.30.4.2"), site.ClientFrom("10.40.0.7", forwardedFor: "10.30.4.2") })
        {
            var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("# TYPE visnyk_mail_deliveries_waiting gauge", await response.Content.ReadAsStringAsync());
        }
        foreach (var (address, forwardedFor) in new[] { ("10.31.0.1", null), ("10.20.7.15", null), ("192.0.2.50", "10.30.4.2"), ("10.40.0.7", "203.0.113.5") })
        {
            Assert.True(await StatusAsync(site.ClientFrom(address, forwardedFor), "/metrics") == HttpStatusCode.NotFound, $"{address} for {forwardedFor}");
        }
    }
}
