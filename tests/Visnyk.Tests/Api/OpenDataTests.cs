using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Visnyk.Tests.Api;

public class OpenDataTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task News_list_is_paged_filtered_licensed_and_open_to_other_origins()
    {
        var client = site.Browserless();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/news?pageSize=5");
        request.Headers.Add("Origin", "https://data.gov.ua");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var json = await JsonAsync(response);
        Assert.Equal(5, json.GetProperty("items").GetArrayLength());
        Assert.True(json.GetProperty("total").GetInt32() > 5);
        Assert.StartsWith("https://creativecommons.org/licenses/by/4.0/", json.GetProperty("licence").GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("licence").GetProperty("attribution").GetString()));

        var tagged = await JsonAsync(await client.GetAsync("/api/v1/news?tag=koalitsiia-1325-poltavshchyna"));
        Assert.All(tagged.GetProperty("items").EnumerateArray(), i =>
            Assert.Contains("Коаліція 1325 Полтавщина", i.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        var other = await JsonAsync(await client.GetAsync("/api/v1/news?tag=koalitsiia-1325-poltavshchyna&pageSize=1"));
        Assert.Equal(1, other.GetProperty("items").GetArrayLength()); // not the cached answer of another query

        // Conditional GET.
        var first = await client.GetAsync("/api/v1/news");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/news");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Bad_parameters_get_problem_details_and_unknown_articles_404()
    {
        var client = site.Browserless();
        // The form of each value first (Site/QueryRules), then what the values mean.
        foreach (var (query, keys) in new[] { ("page=0&pageSize=1000", new[] { "page", "pageSize" }), ("department=no-such&from=2025-02-01&to=2025-01-01", ["department", "from"]) })
        {
            var response = await client.GetAsync("/api/v1/news?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var errors = (await JsonAsync(response)).GetProperty("errors");
            foreach (var key in keys)
            {
                Assert.True(errors.TryGetProperty(key, out _), key);
            }
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/news?from=not-a-date")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/news/999999")).StatusCode);
    }

    [Fact]
    public async Task Article_departments_tags_and_the_openapi_document()
    {
        var client = site.Browserless();
        var article = await JsonAsync(await client.GetAsync("/api/v1/news/4"));
        Assert.StartsWith("Членкині", article.GetProperty("title").GetString());
        Assert.Equal(DateTimeOffset.Parse("2025-06-18T15:58:00+03:00"), article.GetProperty("published").GetDateTimeOffset());
        Assert.Contains("<p>", article.GetProperty("bodyHtml").GetString());
        Assert.Equal(2, article.GetProperty("departments").GetArrayLength());

        var departments = await JsonAsync(await client.GetAsync("/api/v1/departments"));
        Assert.True(departments.GetProperty("items").GetArrayLength() >= 2);
        var tags = await JsonAsync(await client.GetAsync("/api/v1/tags"));
        Assert.Contains(tags.GetProperty("items").EnumerateArray(), t => t.GetProperty("slug").GetString() == "koalitsiia-1325-poltavshchyna");

        var openapi = await JsonAsync(await client.GetAsync("/api/v1/openapi.json"));
        Assert.StartsWith("3.", openapi.GetProperty("openapi").GetString());
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/news", "/api/v1/news/{id}", "/api/v1/departments", "/api/v1/tags", "/api/v1/documents", "/api/v1/documents/{id}", "/api/v1/people" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
