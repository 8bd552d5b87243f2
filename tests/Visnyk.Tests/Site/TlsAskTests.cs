using System.Net;

namespace Visnyk.Tests.Site;

// The TLS front's question "may I get a certificate for this name?" (Caddy's on-demand TLS): yes
// for a host of one of the sites, whatever its case or the root's dot; no for any other name; and
// only the machine itself (or the monitoring network) may ask.
public class TlsAskTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<HttpStatusCode> AskAsync(string domain, string from = "127.0.0.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tls/ask?domain={Uri.EscapeDataString(domain)}");
        request.Headers.Add("X-Forwarded-For", from);
        return (await site.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Certificates_are_allowed_for_the_sites_hosts_only()
    {
        var other = await OtherSite.CreateAsync(site, 70, "tls-ask.test");
        Assert.Equal(HttpStatusCode.OK, await AskAsync(other.Host));
        Assert.Equal(HttpStatusCode.OK, await AskAsync(other.Alias));
        Assert.Equal(HttpStatusCode.OK, await AskAsync("TLS-Ask.Test."));
        foreach (var stranger in new[] { "evil.example", "", "x.tls-ask.test", new string('a', 300) + ".test" })
        {
            Assert.Equal(HttpStatusCode.NotFound, await AskAsync(stranger));
        }
        // From outside: nothing to learn about which names the installation serves.
        Assert.Equal(HttpStatusCode.NotFound, await AskAsync(other.Host, from: "203.0.113.9"));
    }
}
