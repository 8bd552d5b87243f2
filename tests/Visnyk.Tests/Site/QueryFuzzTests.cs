using System.Net;
using Visnyk.Tests.Search;
using Xunit.Abstractions;

namespace Visnyk.Tests.Site;

// Every public route and each of its parameters (route values too) with hostile values: dates at and past
// the edges, huge and negative numbers, NUL and other control characters, invalid UTF-8, very long text,
// Lucene and SQL syntax. No answer may be a server error. Uncached, so that every request runs its page.
public class QueryFuzzTests(UncachedSiteFactory site, ITestOutputHelper output) : IClassFixture<UncachedSiteFactory>
{
    // Routes with a {} where a route value goes, and the query parameters each reads.
    static readonly (string Route, string[] Parameters)[] Routes =
    [
        ("/", []),
        ("/news", ["page", "from", "to", "q"]),
        ("/news/{}", []),
        ("/departments/{}", ["page"]),
        ("/tags/{}", ["page"]),
        ("/search", ["q", "department", "tag", "from", "to", "sort", "page"]),
        ("/sitemap", []),
        ("/subscribe", ["department", "tag"]),
        ("/subscribe/confirm/{}", []),
        ("/subscribe/manage/{}", ["confirmed", "saved"]),
        ("/unsubscribe/{}", []),
        ("/preview/{}", []),
        ("/feeds/news.rss", []),
        ("/feeds/departments/{}.atom", []),
        ("/feeds/tags/{}.rss", []),
        ("/feeds/search.rss", ["q", "department", "tag", "from", "to"]),
        ("/sitemaps/news-{}.xml", []),
        ("/sitemaps/news-en-{}.xml", []),
        ("/en/departments/{}", ["page"]),
        ("/en/tags/{}", ["page"]),
        ("/en/search", ["q", "department", "tag", "from", "to", "sort", "page"]),
        ("/en/feeds/departments/{}.rss", []),
        ("/en/subscribe/manage/{}", ["confirmed", "saved"]),
        ("/api/v1/news", ["page", "pageSize", "department", "tag", "from", "to", "q"]),
        ("/api/v1/news/{}", []),
        ("/error/{}", []),
    ];

    // Already percent-encoded, as they travel in an address.
    static readonly string[] Values =
    [
        "", "0", "-1", "1", "2147483647", "2147483648", "99999999999999999999", "1e9", "%EF%BC%91",
        "0001-01-01", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01", "9999-12-31", "2025-02-29", "2025-06-18T00:00", "18.06.2025",
        "%20", "%C2%A0", "%00", "a%00b", "%01", "%7F", "%C2%85", "%EF%BF%BF",
        "%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%C0%AF", "%", "%zz",
        "%27%20OR%201%3D1%20--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "title%3A(a", "*", "%5Ba%20TO%20z%5D", "%22unclosed", "%5C",
        "..%2F..%2Fetc%2Fpasswd", "%D0%9F%D0%BE%D0%BB%D1%82%D0%B0%D0%B2%D0%B0",
        new string('x', 5_000), string.Concat(Enumerable.Repeat("%D1%97", 3_000)), string.Concat(Enumerable.Repeat("a%20", 2_000)),
    ];

    [Fact]
    public async Task No_hostile_value_in_any_public_route_or_parameter_gives_a_server_error()
    {
        await site.CaughtUpAsync(); // the search answers 503 while its index is first built
        var client = site.Browserless();
        var urls = new List<string>();
        foreach (var (route, parameters) in Routes)
        {
            var plain = route.Replace("{}", "sotszakhyst");
            urls.Add(plain);
            if (route.Contains("{}"))
            {
                // NUL never reaches a path: Kestrel refuses it, and so does the test server's client.
                urls.AddRange(Values.Where(v => v.Length > 0 && !v.Contains("%00")).Select(v => route.Replace("{}", v)));
            }
            foreach (var parameter in parameters)
            {
                urls.AddRange(Values.Select(v => $"{plain}?{parameter}={v}"));
            }
            // Names in another case, repeated, and a range with both ends at the edges.
            urls.Add($"{plain}?{string.Join('&', parameters.Select(p => $"{p.ToUpperInvariant()}=9999-12-31"))}");
            urls.Add($"{plain}?{string.Join('&', parameters.Select(p => $"{p}=1&{p}=2"))}");
            urls.Add($"{plain}?from=2100-12-31&to=1900-01-01&page=100000&pageSize=100");
            urls.Add($"{plain}?%00=1&%FF=%FF&=x");
        }
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var url in urls)
        {
            var shown = url.Length > 120 ? url[..120] + "…" : url;
            int status;
            try
            {
                status = (int)(await client.GetAsync(url)).StatusCode;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not even a valid HTTP answer (the error page once took its status from the address).
                failures.Add($"{e.GetType().Name} {shown}: {e.Message.Split('\n')[0]}");
                continue;
            }
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{status} {shown}");
            }
        }
        output.WriteLine($"Tried {urls.Count} requests over {Routes.Length} routes; answers: " +
            string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {urls.Count} requests failed:\n" + string.Join('\n', failures));
    }
}
