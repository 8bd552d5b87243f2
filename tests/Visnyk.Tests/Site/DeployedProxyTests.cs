using System.Net;
using Microsoft.Net.Http.Headers;

namespace Visnyk.Tests.Site;

public sealed class DeployedSiteFixture : IAsyncLifetime
{
    public DeployedSite? Site { get; private set; }
    public async Task InitializeAsync() => Site = await DeployedSite.StartAsync();
    public async Task DisposeAsync() => await (Site?.DisposeAsync() ?? ValueTask.CompletedTask);
}

// The shipped nginx configuration in front of the site, as a reader or an attacker reaches it.
public class DeployedProxyTests(DeployedSiteFixture fixture) : IClassFixture<DeployedSiteFixture>
{
    DeployedSite Site => fixture.Site!;

    [Fact]
    public async Task The_back_office_is_refused_to_other_networks_however_its_address_is_spelt()
    {
        // The review signed in through /ADMIN/signin from a denied address; nginx matched /admin by case.
        string[] spellings =
        [
            "/admin/signin", "/ADMIN/signin", "/Admin/users", "/aDmIn/SignIn", "/ADMIN", "/%41DMIN/signin", "/%61dmin/signin",
            "/%2Fadmin/signin", "//admin/signin", "/./admin/signin", "/news/../ADMIN/signin", "/METRICS", "/Readyz",
        ];
        foreach (var path in spellings)
        {
            var status = await Site.RawStatusAsync(DeployedSite.Denied, path);
            Assert.True(status == 403, $"{path} from {DeployedSite.Denied}: {status}");
        }
        // The public site stays open to them, and the newsroom's own network still gets in.
        Assert.Equal(200, await Site.RawStatusAsync(DeployedSite.Denied, "/news"));
        using var newsroom = Site.Client(DeployedSite.Allowed);
        Assert.Equal(HttpStatusCode.OK, (await newsroom.GetAsync("/admin/signin")).StatusCode);
        // The app answers its back office only at the lower-case address, whoever asks.
        Assert.Equal(HttpStatusCode.NotFound, (await newsroom.GetAsync("/ADMIN/signin")).StatusCode);
    }

    [Fact]
    public async Task Over_https_every_cookie_the_site_sets_is_secure()
    {
        // nginx says https (X-Forwarded-Proto); the antiforgery cookie used to go without Secure.
        using var newsroom = Site.Client(DeployedSite.Allowed);
        var form = await newsroom.GetAsync("/admin/signin");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var cookies = SetCookieHeaderValue.ParseList([.. form.Headers.GetValues("Set-Cookie")]);
        Assert.Contains(cookies, c => c.Name.Value!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} is not Secure"));
    }
}
