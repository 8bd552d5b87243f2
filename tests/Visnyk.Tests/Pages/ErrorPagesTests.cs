using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Visnyk.Tests.Pages;

// A clock that can be told to fail, to make a page handler throw as a real fault would.
public class FailingClock : TimeProvider
{
    public volatile bool Fail;
    public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException("secret detail: clock broke") : base.GetUtcNow();
}

public class FaultySiteFactory : UncachedSiteFactory
{
    public FailingClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public class ErrorPagesTests(FaultySiteFactory site) : IClassFixture<FaultySiteFactory>
{
    [Fact]
    public async Task An_unknown_address_gets_a_friendly_404_with_search_and_latest_news()
    {
        var response = await site.Browserless().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var doc = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("uk", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Сторінку не знайдено", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("main form[role=search] input[type=search]"));
        Assert.Equal(5, doc.QuerySelectorAll("main .news-item").Length);
        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task A_failure_gets_a_plain_500_page_without_details()
    {
        var client = site.Browserless(); // starts the site while the clock still works
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/news")).StatusCode);
        site.Clock.Fail = true;
        try
        {
            var response = await client.GetAsync("/news");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var doc = await Html.ParseAsync(html);
            Assert.Equal("Сталася помилка", doc.QuerySelector("h1")!.TextContent.Trim());
            Assert.DoesNotContain("secret detail", html);
            Assert.DoesNotContain("InvalidOperationException", html);
            Assert.DoesNotContain(" at Visnyk", html);
        }
        finally
        {
            site.Clock.Fail = false;
        }
        Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync("/news")).StatusCode);
    }

    // The status comes from the pipeline (what failed, or what was not found), never from a value of the request:
    // a form field named `code` once made any address answer 200, and a sign-in form's code became the status line.
    [Fact]
    public async Task A_form_field_or_query_value_named_code_does_not_set_the_status()
    {
        var client = site.Browserless();
        foreach (var path in new[] { "/no/such/page", "/no-such-page", "/news" })
        {
            // Whatever the pipeline answers a POST there (404, or 405 where the address takes only GET), a `code` does not change it.
            var plain = (await client.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode;
            Assert.True(plain is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST {path}: {plain}");
            Assert.Equal(plain, (await client.PostAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("code", "200")]))).StatusCode);
            Assert.Equal(plain, (await client.PostAsync(path + "?code=200", new FormUrlEncodedContent([KeyValuePair.Create("Code", "123456")]))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page?code=200")).StatusCode);
        // The error page's own address is nothing to visit: not found, whatever it says.
        foreach (var direct in new[] { "/error", "/error/200", "/error?code=200", "/error/500" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(direct)).StatusCode);
        }
        var form = await client.PostAsync("/error", new FormUrlEncodedContent([KeyValuePair.Create("code", "200")]));
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }

    [Fact]
    public async Task A_failure_answers_500_whatever_code_the_request_carries()
    {
        var client = site.Browserless();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/news")).StatusCode);
        site.Clock.Fail = true;
        try
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/news?code=200")).StatusCode);
            var signUp = await client.PostAsync("/subscribe?code=201", new FormUrlEncodedContent([
                KeyValuePair.Create("Email", "reader@example.org"), KeyValuePair.Create("Topics[all]", "daily"), KeyValuePair.Create("code", "200")]));
            Assert.Equal(HttpStatusCode.InternalServerError, signUp.StatusCode);
            Assert.Equal("Сталася помилка", (await Html.ParseAsync(await signUp.Content.ReadAsStringAsync())).QuerySelector("h1")!.TextContent.Trim());
        }
        finally
        {
            site.Clock.Fail = false;
        }
    }
}
