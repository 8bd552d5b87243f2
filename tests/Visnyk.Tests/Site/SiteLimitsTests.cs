using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Site;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Site;

// A noisy neighbour: once the installation has several sites and another one is busy, one site
// holds at most RequestsAtOnce requests at once (here one, with no queue), and the next is refused
// with 503 and Retry-After; another site, the flooded site's newsroom and the health checks still
// answer. One site alone is never limited, nor is a site while the others are quiet. A request is held by its form body, sent up to the last byte and then
// held back (the page waits for it while holding the site's turn), or, for the middleware alone,
// by what comes after it.
public class SiteLimitsTests
{
    sealed class LimitedSite : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Visnyk:Sites:Limits:RequestsAtOnce", "1");
            builder.UseSetting("Visnyk:Sites:Limits:Waiting", "0");
            // A site with a request stays busy for the whole test, however slow the machine.
            builder.UseSetting("Visnyk:Sites:Limits:BusyFor", "00:10:00");
        }
    }

    [Fact]
    public async Task A_site_holding_its_share_gets_503_while_another_site_its_newsroom_and_health_answer()
    {
        using var site = new LimitedSite();
        var reader = site.Browserless();
        var other = await OtherSite.CreateAsync(site, 2, "hromada-limits.test");
        var neighbour = other.Client(site);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/")).StatusCode); // the neighbour is busy
        var (held, refused) = await HoldAsync(site, reader);
        await using (held)
        {
            Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
            Assert.Contains("перевантажений", await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/news")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/admin/signin")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);
        }
        // Its turn given back, the site answers again.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/news")).StatusCode);
    }

    [Fact]
    public async Task One_site_alone_or_with_the_others_quiet_is_not_limited_and_is_once_another_is_busy()
    {
        using var site = new LimitedSite();
        var entered = new SemaphoreSlim(0);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The middleware as the pipeline has it, with the installation's own hosts; what comes after
        // it waits (on /news; other pages answer at once).
        var limits = ActivatorUtilities.CreateInstance<SiteLimits>(site.Services, (RequestDelegate)(async http =>
        {
            if (http.Request.Path == "/news")
            {
                entered.Release();
                await done.Task;
            }
        }));
        async Task<(Task Request, HttpContext Http)> StartAsync(string host = "localhost", string path = "/news")
        {
            var scope = site.Services.CreateAsyncScope();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Path = path;
            http.Response.Body = new MemoryStream();
            scope.ServiceProvider.GetRequiredService<CurrentSite>().Id = (await site.Services.GetRequiredService<SiteHosts>().FindAsync(host, default))?.Site ?? Visnyk.Site.Site.Default;
            return (limits.InvokeAsync(http, scope.ServiceProvider.GetRequiredService<CurrentSite>()), http);
        }
        async Task TwoAtOnceAsync()
        {
            var (first, _) = await StartAsync();
            Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
            var (second, _) = await StartAsync();
            Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
            done.SetResult();
            await Task.WhenAll(first, second);
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // One site: the second request runs while the first is still inside.
        await TwoAtOnceAsync();
        // Two sites, the other one quiet: the same.
        var other = await OtherSite.CreateAsync(site, 2, "hromada-limits-2.test");
        await TwoAtOnceAsync();

        // The other site has a request: one at a time.
        var (neighbour, answered) = await StartAsync(other.Host, "/");
        await neighbour;
        Assert.Equal(StatusCodes.Status200OK, answered.Response.StatusCode);
        var (first, _) = await StartAsync();
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
        var (refused, http) = await StartAsync();
        await refused;
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.False(first.IsCompleted);
        done.SetResult();
        await first;
    }

    // A request held inside site 1: the site refuses the next one. If the held one came while
    // one of these tries had the turn, it was refused itself: hold another.
    static async Task<(Held, HttpResponseMessage Refused)> HoldAsync(SiteFactory site, HttpClient reader)
    {
        while (true)
        {
            var held = await HeldPostAsync(site.Browserless());
            // Waits for a state, not for a time: the held request reaches the page on its own schedule.
            var answer = await Mail.EventuallyAsync(() => reader.GetAsync("/news"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable || held.Response.IsCompleted);
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return (held, answer);
            }
            Assert.True(held.Response.IsCompleted, "no request was refused while one was held");
            await held.DisposeAsync();
        }
    }

    // The subscription form posted, the body's last byte held back until disposed; then the
    // request ends (whatever it answers) and gives its turn back.
    static async Task<Held> HeldPostAsync(HttpClient client)
    {
        var body = new HeldBody("Email=held%40example.gov.ua&Topics=all");
        var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe") { Content = body };
        var response = client.SendAsync(request);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new Held(body, response);
    }

    sealed record Held(HeldBody Body, Task<HttpResponseMessage> Response) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Body.Release.TrySetResult();
            (await Response.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        }
    }

    sealed class HeldBody : HttpContent
    {
        public HeldBody(string form)
        {
            bytes = System.Text.Encoding.ASCII.GetBytes(form);
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly byte[] bytes;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length - 1));
            await stream.FlushAsync();
            Started.TrySetResult();
            await Release.Task;
            await stream.WriteAsync(bytes.AsMemory(bytes.Length - 1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
