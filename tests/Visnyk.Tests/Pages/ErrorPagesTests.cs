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
}
