using System.Net;
using System.Text.Json;
using Visnyk.Tests.Search;

namespace Visnyk.Tests.Site;

// Values a public address may carry follow one set of rules (Site/QueryRules): a value that breaks
// them answers 400 with a Ukrainian page saying which one, or problem details under /api, never 500.
public class HostileQueryTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/news?to=9999-12-31", "to")]
    [InlineData("/search?to=9999-12-31", "to")]
    [InlineData("/news?from=0001-01-01", "from")]
    [InlineData("/search?q=x&from=1899-12-31", "from")]
    [InlineData("/news?from=2025-02-30", "from")]
    [InlineData("/news?from=18.06.2025", "from")]
    [InlineData("/news?page=abc", "page")]
    [InlineData("/news?page=99999999999", "page")]
    [InlineData("/news?page=0", "page")]
    [InlineData("/tags/sotszakhyst?page=-1", "page")]
    [InlineData("/news?page=1&page=2", "page")]
    [InlineData("/feeds/search.rss?q=%00", "q")]
    [InlineData("/feeds/search.atom?q=a%01b", "q")]
    [InlineData("/search?q=%C3%28", "q")]
    [InlineData("/search?department=%FF", "department")]
    [InlineData("/news?q=%EF%BF%BF", "q")]
    public async Task A_value_against_the_rules_gets_a_Ukrainian_400_page_naming_it(string url, string key)
    {
        var response = await site.Browserless().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var doc = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("uk", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Неправильний запит", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(doc.QuerySelectorAll("main .query-errors li code"), c => c.TextContent == key);
    }

    [Fact]
    public async Task A_control_character_in_an_address_is_refused_before_anything_looks_it_up()
    {
        foreach (var url in new[] { "/departments/a%01b", "/tags/%1B", "/news/%7F", "/no-such-page%01" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await site.Browserless().GetAsync(url)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/v1/news?to=9999-12-31", "to")]
    [InlineData("/api/v1/news?page=abc", "page")]
    [InlineData("/api/v1/news?pageSize=1e3", "pageSize")]
    [InlineData("/api/v1/news?from=not-a-date", "from")]
    [InlineData("/api/v1/news?q=%00", "q")]
    [InlineData("/api/v1/news?tag=%C3%28", "tag")]
    public async Task The_api_answers_problem_details_naming_the_value(string url, string key)
    {
        var response = await site.Browserless().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.True(json.GetProperty("errors").TryGetProperty(key, out var messages), key);
        Assert.NotEmpty(messages.EnumerateArray().Select(m => m.GetString()).OfType<string>());
    }

    [Theory]
    [InlineData("/api/v1/news/abc")]
    [InlineData("/api/v1/nothing")]
    public async Task Api_addresses_that_find_nothing_answer_problem_details_too(string url)
    {
        var response = await site.Browserless().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Dates_at_the_edges_of_the_range_are_accepted()
    {
        await site.CaughtUpAsync();
        var client = site.Browserless();
        foreach (var url in new[] { "/news?from=1900-01-01&to=2100-12-31", "/search?from=1900-01-01&to=2100-12-31", "/feeds/search.rss?from=1900-01-01&to=2100-12-31" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/news?from=1900-01-01&to=2100-12-31&page=1&pageSize=100")).StatusCode);
    }
}
