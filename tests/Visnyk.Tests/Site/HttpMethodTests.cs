using System.Net;
using Visnyk.Accounts;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Site;

// Each address answers the methods it has a use for: GET and HEAD everywhere, POST where the page
// has a form. Anything else (TRACE, PUT, DELETE, PATCH...) is 405 with the Allow header.
public class HttpMethodTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static HashSet<string> Allowed(HttpResponseMessage response) =>
        response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var values) ? values : [])
            .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet();

    [Theory]
    [InlineData("TRACE", "/", "GET HEAD")]
    [InlineData("PUT", "/news", "GET HEAD")]
    [InlineData("DELETE", "/news", "GET HEAD")]
    [InlineData("POST", "/news", "GET HEAD")]
    [InlineData("PATCH", "/search", "GET HEAD")]
    [InlineData("DELETE", "/sitemap", "GET HEAD")]
    [InlineData("PUT", "/subscribe", "GET HEAD POST")]
    [InlineData("TRACE", "/admin/signin", "GET HEAD POST")]
    [InlineData("DELETE", "/api/v1/news", "GET HEAD")]
    [InlineData("PUT", "/feeds/news.rss", "GET HEAD")]
    [InlineData("TRACE", "/sitemap.xml", "GET HEAD")]
    public async Task Other_methods_get_405_with_the_allowed_ones(string method, string path, string allowed)
    {
        var response = await site.Browserless().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed.Split(' ').ToHashSet(), Allowed(response));
    }

    [Fact]
    public async Task A_page_answers_TRACE_with_its_405_page_not_with_its_content()
    {
        var response = await site.Browserless().SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var doc = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Неправильний запит", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(doc.QuerySelectorAll("main .news-item"));
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/news", "text/html")]
    [InlineData("/news/4-chlenkyni-koalitsii-1325-poltavshchyna-vzialy-uchast-u-navchanni", "text/html")]
    [InlineData("/subscribe", "text/html")]
    [InlineData("/feeds/news.rss", "application/rss+xml")]
    [InlineData("/feeds/tags/sotszakhyst.atom", "application/atom+xml")]
    [InlineData("/sitemap.xml", "application/xml")]
    [InlineData("/robots.txt", "text/plain")]
    [InlineData("/api/v1/news", "application/json")]
    [InlineData("/api/v1/news/4", "application/json")]
    [InlineData("/api/v1/tags", "application/json")]
    [InlineData("/api/v1/openapi.json", "application/json")]
    public async Task HEAD_answers_like_GET(string path, string type)
    {
        var client = site.Browserless();
        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.True(get.StatusCode is HttpStatusCode.OK or HttpStatusCode.MovedPermanently, $"GET {path}: {get.StatusCode}");
        Assert.Equal(get.StatusCode, head.StatusCode);
        if (get.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(type, head.Content.Headers.ContentType!.MediaType);
        }
    }

    // A form posted to a page with a handler name it does not have (or none, where the page has only named
    // ones) was rendered without the state its GET loads, and failed with 500.
    [Fact]
    public async Task A_post_to_a_handler_a_page_lacks_is_not_found()
    {
        var admin = await site.CreateAsync(Roles.Administrator);
        var client = await site.SignedInAsync(admin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/admin/tags", "/admin/tags?handler=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/admin/tags", "/admin/tags")).StatusCode);
        // A GET with a handler name the page lacks runs its unnamed OnGet, with all its state.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/tags?handler=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/tags")).StatusCode);
    }
}
