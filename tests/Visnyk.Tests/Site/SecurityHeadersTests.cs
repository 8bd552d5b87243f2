namespace Visnyk.Tests.Site;

public class SecurityHeadersTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/admin/signin")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var client = site.Browserless();
        // Twice: the second public response comes from the output cache and still gets fresh headers.
        string? firstNonce = null;
        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.Contains("base-uri 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            var nonce = csp.Split("'nonce-")[1].Split('\'')[0];
            Assert.NotEqual(firstNonce, nonce);
            firstNonce = nonce;
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("geolocation=()", response.Headers.GetValues("Permissions-Policy").Single());
        }
    }
}
