using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Visnyk.Tests.Caching;

// Readers asking for a page while it renders wait for that rendering and share it (the output
// cache's request locking). When the reader whose request renders it goes away, the rendering is
// cancelled; the readers who waited for it must still get the page, not a 500.
public class CoalescedRequestsTests(CoalescedRequestsTests.HeldSite site) : IClassFixture<CoalescedRequestsTests.HeldSite>
{
    [Fact]
    public async Task A_reader_waiting_for_a_page_that_another_reader_abandoned_gets_the_page()
    {
        var client = site.Browserless();
        using var abandon = new CancellationTokenSource();
        // The first reader's request renders /news and is held there ("held" is not part of the cache key).
        var first = client.GetAsync("/news?held=1", abandon.Token);
        await site.Rendering.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The second asks for the same page: its lookup misses, and it waits for the first's rendering.
        site.Store.HoldNextLookup();
        var second = client.GetAsync("/news");
        await site.Store.LookupHeld.WaitAsync(TimeSpan.FromSeconds(60));
        // Released off the test's synchronization context, so that the held request runs on in this
        // call (inline), up to waiting for the first's rendering.
        await Task.Run(site.Store.ReleaseLookup);

        // The first reader goes away: its rendering is cancelled as a database query would be.
        abandon.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var answer = await second.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await Html.ParseAsync(await answer.Content.ReadAsStringAsync());
        Assert.NotEmpty(page.QuerySelectorAll("main .news-item__title"));
    }

    public class HeldSite : SiteFactory
    {
        public TaskCompletionSource Rendering { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public HoldingStore Store { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.Configure<MvcOptions>(o => o.Filters.Add(new HoldFilter(Rendering)));
                var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
                services.Remove(store);
                services.AddSingleton<IOutputCacheStore>(s => Store = new HoldingStore((IOutputCacheStore)(store.ImplementationInstance
                    ?? store.ImplementationFactory?.Invoke(s) ?? ActivatorUtilities.CreateInstance(s, store.ImplementationType!))));
            });
        }
    }

    // Holds a request for ?held until its client goes away, then fails it as a cancelled query would.
    sealed class HoldFilter(TaskCompletionSource rendering) : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            if (context.HttpContext.Request.Query.ContainsKey("held"))
            {
                rendering.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.HttpContext.RequestAborted);
            }
            await next();
        }
    }

    // The site's cache store, whose next lookup can be held: released from the test's thread, the
    // held request runs on synchronously until it waits again (for the rendering it shares).
    public sealed class HoldingStore(IOutputCacheStore inner) : IOutputCacheStore
    {
        int armed;
        readonly TaskCompletionSource<byte[]?> release = new();
        readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task LookupHeld => held.Task;

        public void HoldNextLookup() => Volatile.Write(ref armed, 1);

        public void ReleaseLookup() => release.SetResult(null); // a miss: nothing is cached yet

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken ct)
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                held.SetResult();
                return new ValueTask<byte[]?>(release.Task);
            }
            return inner.GetAsync(key, ct);
        }

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct) =>
            inner.SetAsync(key, value, tags, validFor, ct);

        public ValueTask EvictByTagAsync(string tag, CancellationToken ct) => inner.EvictByTagAsync(tag, ct);
    }
}
