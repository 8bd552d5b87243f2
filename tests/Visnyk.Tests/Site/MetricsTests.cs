using System.Net;

namespace Visnyk.Tests.Site;

// The site on a real loopback port, as Prometheus on the same machine would scrape it.
public class MetricsTests : IAsyncLifetime
{
    readonly SiteFactory site = new();

    public Task InitializeAsync()
    {
        site.UseKestrel(0);
        site.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task Metrics_count_requests_cache_hits_and_waiting_mail_for_loopback()
    {
        var client = site.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/news")).StatusCode);
        }
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Matches(@"visnyk_output_cache_lookups_total\{[^}]*result=""hit""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"visnyk_output_cache_lookups_total\{[^}]*result=""miss""[^}]*\} [1-9]", metrics);
        Assert.Contains("http_server_request_duration_seconds_count", metrics);
        Assert.Contains("visnyk_mail_deliveries_waiting", metrics);
    }

    [Fact]
    public async Task Behind_a_proxy_on_loopback_the_forwarded_client_is_what_counts()
    {
        // nginx on the same machine forwards an outside reader: refused, as that reader would be.
        var client = site.CreateClient();
        using var outside = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        outside.Headers.Add("X-Forwarded-For", "203.0.113.9");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(outside)).StatusCode);
        // A reader on the proxy's own machine is let through.
        using var local = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        local.Headers.Add("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(local)).StatusCode);
    }
}

// Anything not on loopback (nor in Visnyk:MetricsNetworks) gets a 404; the test server has no client address.
public class MetricsRefusedTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Metrics_are_not_served_to_other_addresses()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync("/metrics")).StatusCode);
    }
}
