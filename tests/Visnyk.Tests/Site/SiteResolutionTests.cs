using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Site;

// The request's host chooses the site: each host shows its own site's name, departments and
// latest news; an alias redirects to the primary host; a host no site has gets the default site.
public class SiteResolutionTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string DefaultName = "Полтавська обласна військова адміністрація";

    [Fact]
    public async Task Each_host_shows_its_own_sites_name_departments_and_latest_news()
    {
        var other = await OtherSite.CreateAsync(site, 20, "hromada.test");
        var theirs = other.Client(site);
        var ours = site.Browserless();

        foreach (var path in new[] { "/", "/news", "/departments", "/no-such-page" })
        {
            var html = await theirs.GetStringOrErrorAsync(path);
            Assert.Contains(other.Name, html);
            Assert.DoesNotContain(DefaultName, html);
            var home = await ours.GetStringOrErrorAsync(path);
            Assert.Contains(DefaultName, home);
            Assert.DoesNotContain(other.Name, home);
            Assert.DoesNotContain(other.ArticleTitle, home);
            Assert.DoesNotContain(other.DepartmentName, home);
        }
        var theirHome = await theirs.GetStringAsync("/");
        Assert.Contains(other.ArticleTitle, theirHome);
        Assert.Contains(other.DepartmentName, theirHome);
        // The 404 page's "Останні новини" are the host's site's too.
        Assert.Contains(other.ArticleTitle, await theirs.GetStringOrErrorAsync("/no-such-page"));
        Assert.Contains(other.DepartmentName, await theirs.GetStringAsync("/departments"));
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync("/departments/viddil-hromady")).StatusCode);

        // The host is taken as stored: any case, any port, the root's trailing dot.
        var shouting = OtherSite.ClientOf(site, "HROMADA.TEST.:8080");
        Assert.Contains(other.Name, await shouting.GetStringAsync("/"));
    }

    [Fact]
    public async Task An_alias_answers_301_with_the_primary_host_the_same_path_and_query()
    {
        var other = await OtherSite.CreateAsync(site, 21, "druha.test");
        var alias = OtherSite.ClientOf(site, other.Alias);
        var moved = await alias.GetAsync("/news?page=2&q=вода");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("http://druha.test/news?page=2&q=%D0%B2%D0%BE%D0%B4%D0%B0", moved.Headers.Location!.AbsoluteUri);
        var withPort = await OtherSite.ClientOf(site, other.Alias + ":8080").GetAsync("/sitemap");
        Assert.Equal("http://druha.test:8080/sitemap", withPort.Headers.Location!.AbsoluteUri);
        // A form posted to the alias goes on as a POST (308), not as a GET that would lose it.
        var posted = await alias.PostAsync("/subscribe", new FormUrlEncodedContent([KeyValuePair.Create("Email", "a@example.org")]));
        Assert.Equal(HttpStatusCode.PermanentRedirect, posted.StatusCode);
        Assert.Equal("http://druha.test/subscribe", posted.Headers.Location!.AbsoluteUri);
        // Health and metrics answer on any name.
        Assert.Equal(HttpStatusCode.OK, (await alias.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_host_no_site_has_gets_the_default_site()
    {
        await OtherSite.CreateAsync(site, 22, "tretia.test");
        var stranger = OtherSite.ClientOf(site, "nobody.example");
        var html = await stranger.GetStringAsync("/");
        Assert.Contains(DefaultName, html);
        Assert.DoesNotContain("Тестова громада", html);
    }

    // Added by another instance or the command line, which this instance is not told of: served
    // within seconds all the same, without a restart.
    [Fact]
    public async Task A_site_added_by_another_process_is_served_within_seconds()
    {
        Assert.Contains(DefaultName, await OtherSite.ClientOf(site, "nova.test").GetStringAsync("/"));
        var other = await OtherSite.CreateAsync(site, 23, "nova.test", reload: false);
        var client = other.Client(site);
        var html = await Mail.EventuallyAsync(() => client.GetStringAsync("/"), page => page.Contains(other.Name), seconds: 30);
        Assert.Contains(other.Name, html);
        Assert.Contains(other.ArticleTitle, html);
    }
}

// An installation of many sites: a host no site has is a plain 404, with no page; health still answers.
public class UnknownHostNotFoundTests(UnknownHostNotFoundTests.Factory site) : IClassFixture<UnknownHostNotFoundTests.Factory>
{
    public class Factory : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Visnyk:Sites:UnknownHost", "NotFound");
        }
    }

    [Fact]
    public async Task A_host_no_site_has_answers_a_plain_404_and_health_answers_on_any_host()
    {
        var other = await OtherSite.CreateAsync(site, 2, "hromada.test");
        foreach (var client in new[] { site.Browserless(), OtherSite.ClientOf(site, "nobody.example") })
        {
            var missing = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Empty(await missing.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/news")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            // Only those addresses: below them is a path of no site, not the default site's 404 page.
            foreach (var below in new[] { "/healthz/x", "/readyz/x", "/metrics/x" })
            {
                var under = await client.GetAsync(below);
                Assert.Equal(HttpStatusCode.NotFound, under.StatusCode);
                Assert.Empty(await under.Content.ReadAsStringAsync());
            }
        }
        Assert.Contains(other.Name, await other.Client(site).GetStringAsync("/"));
    }
}

static class ErrorPages
{
    // The page whatever its status (a 404 page is a page too).
    public static async Task<string> GetStringOrErrorAsync(this HttpClient client, string path) =>
        await (await client.GetAsync(path)).Content.ReadAsStringAsync();
}
