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

    // Pages of one person are cut off from the window that opened them; the public pages, the same
    // for everyone, are not (the policy moves the page into a new process on arrival, which costs a
    // phone's first render: bench/README, "Lighthouse and the opener policy").
    [Theory]
    [InlineData("/admin/signin", true)]
    [InlineData("/admin", true)]
    [InlineData("/ADMIN/signin", true)]
    [InlineData("/en/admin/signin", true)]
    [InlineData("/preview/no-such-token", true)]
    [InlineData("/subscribe/manage/no-such-token", true)]
    [InlineData("/unsubscribe/no-such-token", true)]
    [InlineData("/en/preview/no-such-token", true)]
    [InlineData("/feedback", true)]
    [InlineData("/", false)]
    [InlineData("/news", false)]
    [InlineData("/en", false)]
    [InlineData("/administration-of-nothing", false)]
    public async Task The_opener_policy_isolates_the_pages_of_one_person(string path, bool isolated)
    {
        var response = await site.Browserless().GetAsync(path);
        if (isolated)
        {
            Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        }
        else
        {
            Assert.False(response.Headers.Contains("Cross-Origin-Opener-Policy"), $"{path}: {(int)response.StatusCode}");
        }
    }
}
