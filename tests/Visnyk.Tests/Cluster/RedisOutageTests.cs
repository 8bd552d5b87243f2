using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Visnyk.Articles;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Xunit.Abstractions;

namespace Visnyk.Tests.Cluster;

// Redis is only a cache: two instances under load keep answering every request while it stops
// answering (SIGSTOP: connections stay open and nothing comes back, the worst case for a client),
// and once it answers again they use it again, with fresh pages although evictions made
// meanwhile never reached it. Some readers give up early (as `curl -m1` would): the readers whose
// requests waited for theirs must get their pages all the same. Latency is printed, not asserted
// (bench/redis-outage.sh measures it).
[Collection(AloneCollection.Name)]
public class RedisOutageTests(ITestOutputHelper output)
{
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task While_Redis_is_stopped_every_page_answers_and_afterwards_pages_are_fresh()
    {
        using var redis = RedisProcess.Start();
        var prefix = $"outage-{Guid.NewGuid():N}:";
        await using var cluster = await Cluster.StartAsync($"--Visnyk:Redis={redis.Address}", $"--Visnyk:RedisInstance={prefix}");
        string[] paths;
        int department;
        await using (var db = TestDatabase.Open(cluster.DataDirectory, cluster.PostgreSql))
        {
            var now = DateTime.UtcNow;
            var articles = await db.Articles.Published(now).Where(a => a.Language == "uk").OrderByDescending(a => a.PublishedAt).Take(4).Select(a => new { a.Id, a.Slug }).ToListAsync();
            paths = ["/", "/news", "/sitemap", .. articles.Select(a => $"/news/{a.Id}-{a.Slug}")];
            department = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        }

        var phase = "before";
        var samples = new ConcurrentQueue<(string Phase, string Path, int Status, double Ms)>();
        using var stop = new CancellationTokenSource();
        // Readers who wait as long as it takes (counted), and impatient ones who give up after a second.
        var readers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var patient = n < 6;
            using var client = cluster.Client(cluster.Balanced);
            client.Timeout = patient ? TimeSpan.FromSeconds(100) : TimeSpan.FromSeconds(1);
            for (var i = n; !stop.IsCancellationRequested; i++)
            {
                var path = paths[i % paths.Length];
                var started = Stopwatch.GetTimestamp();
                var status = 0;
                try
                {
                    using var answer = await client.GetAsync(path);
                    await answer.Content.ReadAsByteArrayAsync();
                    status = (int)answer.StatusCode;
                }
                catch (Exception e) when (!patient && e is TaskCanceledException or HttpRequestException)
                {
                    continue;
                }
                catch (HttpRequestException)
                {
                }
                if (patient)
                {
                    samples.Enqueue((Volatile.Read(ref phase), path, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                }
            }
        })).ToList();
        try
        {
            using var direct = await ConnectionMultiplexer.ConnectAsync(redis.Address);
            var keys = direct.GetServer(redis.Address);
            Assert.True(await Mail.EventuallyAsync(async () => await keys.KeysAsync(pattern: prefix + "*").CountAsync(), count => count > 0, seconds: 60) > 0); // pages are cached in Redis
            await Task.Delay(TimeSpan.FromSeconds(5)); // a measure of normal times

            // Redis stops answering; an article scheduled for now is published meanwhile by one instance,
            // whose evictions cannot reach Redis or the other instance.
            Volatile.Write(ref phase, "outage");
            var outageStarted = Stopwatch.GetTimestamp();
            redis.Pause();
            const string title = "Поки Redis мовчав: заплановану новину опубліковано";
            int scheduledId;
            await using (var db = TestDatabase.Open(cluster.DataDirectory, cluster.PostgreSql))
            {
                var article = new Article
                {
                    Title = title, Slug = "poky-redis-movchav", Summary = "Анонс", Body = "<p>Текст.</p>", Status = ArticleStatus.Scheduled,
                    PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Departments = [await db.Departments.SingleAsync(d => d.Id == department)],
                };
                db.Articles.Add(article);
                await db.SaveChangesAsync();
                scheduledId = article.Id;
            }
            Assert.Equal(ArticleStatus.Published, await Mail.EventuallyAsync(async () =>
            {
                await using var db = TestDatabase.Open(cluster.DataDirectory, cluster.PostgreSql);
                return await db.Articles.Where(a => a.Id == scheduledId).Select(a => a.Status).SingleAsync();
            }, status => status == ArticleStatus.Published, seconds: 60));
            var left = Outage - Stopwatch.GetElapsedTime(outageStarted);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left);
            }
            Volatile.Write(ref phase, "after");
            Report("outage");
            NoneFailed("outage");

            // Redis answers again: both instances show the new article (pages cached before the outage are gone).
            redis.Resume();
            foreach (var through in new[] { cluster.First, cluster.Second })
            {
                var client = cluster.Client(through);
                Assert.Contains(title, await Mail.EventuallyAsync(() => client.GetStringAsync("/"), page => page.Contains(title), seconds: 60));
            }
            Assert.True(await Mail.EventuallyAsync(async () => await keys.KeysAsync(pattern: prefix + "*").CountAsync(), count => count > 0, seconds: 60) > 0); // cached in Redis again
            await Task.Delay(TimeSpan.FromSeconds(5));
            stop.Cancel();
            await Task.WhenAll(readers);
            Report("before");
            Report("after");
            NoneFailed("before");
            NoneFailed("after");
        }
        finally
        {
            stop.Cancel(); // the readers stop whatever failed
            await Task.WhenAll(readers);
        }

        // With what the instances logged as errors, when a request failed (a 500 says nothing by itself).
        void NoneFailed(string which)
        {
            if (Failed(which).Count > 0)
            {
                output.WriteLine(cluster.LoggedFailures());
            }
            Assert.Empty(Failed(which));
        }

        List<string> Failed(string which) => samples.Where(s => s.Phase == which && s.Status is < 200 or > 299)
            .Select(s => $"{s.Status} {s.Path} after {s.Ms:F0} ms").ToList();

        void Report(string which)
        {
            var times = samples.Where(s => s.Phase == which).Select(s => s.Ms).Order().ToList();
            double At(double share) => times.Count == 0 ? double.NaN : times[Math.Min(times.Count - 1, (int)(share * times.Count))];
            output.WriteLine($"{which}: {times.Count} requests, p50 {At(0.5):F0} ms, p99 {At(0.99):F0} ms, max {At(1):F0} ms, non-2xx {Failed(which).Count}");
        }
    }

    // A Redis server of the test's own on a free port, so that stopping it disturbs no other test.
    sealed class RedisProcess : IDisposable
    {
        readonly Process process;

        RedisProcess(int port, Process process) => (Address, this.process) = ($"127.0.0.1:{port}", process);

        public string Address { get; }

        public static RedisProcess Start()
        {
            var port = Smtp4dev.FreePort();
            var process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
            })!;
            process.BeginOutputReadLine();
            var until = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    using var connection = new System.Net.Sockets.TcpClient("127.0.0.1", port);
                    return new RedisProcess(port, process);
                }
                catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < until)
                {
                    Thread.Sleep(50);
                }
            }
        }

        public void Pause() => Signal("STOP");

        public void Resume() => Signal("CONT");

        void Signal(string name) => Process.Start("kill", [$"-{name}", process.Id.ToString()]).WaitForExit();

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Signal("CONT");
                process.Kill();
                process.WaitForExit();
            }
        }
    }
}
