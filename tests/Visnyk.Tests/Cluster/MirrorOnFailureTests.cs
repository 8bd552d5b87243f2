using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cluster;

// The shipped nginx configuration answers from the static mirror not only when no instance can be
// reached but also when the one that answers fails with a 500 (proxy_intercept_errors in
// `location /`), while /search passes an instance's own 503 through (its index still loading: the
// reader is told to come back, not shown a stale copy). A real instance answers 500 only on a real
// failure, so nginx stands here in front of a small upstream that fails on purpose.
public class MirrorOnFailureTests
{
    [Fact]
    public async Task A_failing_instance_is_answered_from_the_mirror_but_a_loading_search_keeps_its_own_503()
    {
        var asked = new ConcurrentQueue<string>();
        await using var instance = await FailingInstanceAsync(asked);
        await using var deployed = await DeployedSite.NginxInFrontOfAsync(new Uri(instance.Urls.Single()).Port);
        var mirror = deployed.MirrorDirectory;
        WriteMirrorPage(mirror, "index.html", "mirror: the home page");
        WriteMirrorPage(mirror, "news/1-x/index.html", "mirror: news 1");
        // A copy of /search exists too, so a wrongly intercepted 503 would show it.
        WriteMirrorPage(mirror, "search/index.html", "mirror: search");
        using var reader = deployed.Client(DeployedSite.Denied);

        // None of these pages has ever been answered 200, so nginx's cache (its own folder for this
        // test) has no copy of them to serve instead: what comes back is what nginx makes of the 500.
        foreach (var (path, copy) in new[] { ("/", "mirror: the home page"), ("/news/1-x", "mirror: news 1") })
        {
            var response = await reader.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Equal("mirror", Assert.Single(response.Headers.GetValues("X-Visnyk-Source")));
            Assert.Contains(copy, body);
            Assert.DoesNotContain("instance failure", body);
        }
        // The instance was asked, and answered 500: the mirror stood in for its failure, not for an
        // instance nginx could not reach.
        Assert.Contains("/", asked);
        Assert.Contains("/news/1-x", asked);

        // A page the instance does answer is the live one.
        var live = await reader.GetAsync("/news/2-y");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("live", await live.Content.ReadAsStringAsync());
        Assert.False(live.Headers.Contains("X-Visnyk-Source"));

        // Search still loading: the instance's own 503 and words, not the mirror's copy.
        var search = await reader.GetAsync("/search?q=a");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
        Assert.Equal("search index loading", await search.Content.ReadAsStringAsync());
        Assert.False(search.Headers.Contains("X-Visnyk-Source"));
        Assert.Contains("/search", asked);

        // A failing page the mirror has no copy of: the mirror's try_files ends in =503, and nginx
        // does not go to error_page again (recursive_error_pages is off), so its own 503 page.
        // Right: the reader is told "unavailable for now, try later" (as crawlers read 503) rather
        // than the instance's failure, and the header says the mirror was looked in.
        var missing = await reader.GetAsync("/news/9-z");
        var missingBody = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
        Assert.Equal("mirror", Assert.Single(missing.Headers.GetValues("X-Visnyk-Source")));
        Assert.DoesNotContain("instance failure", missingBody);
        Assert.Contains("/news/9-z", asked);
    }

    // An instance that fails: 500 for every page but one, 503 for search, 200 for /healthz (which
    // nginx's start waits for).
    static async Task<WebApplication> FailingInstanceAsync(ConcurrentQueue<string> asked)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            asked.Enqueue(context.Request.Path);
            await next(context);
        });
        app.MapGet("/healthz", () => "Healthy");
        app.MapGet("/news/2-y", () => "live");
        app.MapGet("/search", () => Results.Text("search index loading", statusCode: 503));
        app.MapFallback(() => Results.Text("instance failure", statusCode: 500));
        await app.StartAsync();
        return app;
    }

    static void WriteMirrorPage(string mirror, string file, string text)
    {
        var path = Path.Combine(mirror, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"<!doctype html><main>{text}</main>");
    }
}
