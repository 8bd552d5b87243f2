using System.Diagnostics;
using System.Net;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Cluster;

// Two instances of the site as separate processes on loopback ports, sharing one PostgreSQL
// database, one Redis and one data folder (media), each with its own search index, behind nginx
// which passes on the Host the client sent, as deploy/nginx.conf does (the request's site comes
// from it). nginx listens three times: one port for each instance (to choose which one answers)
// and one that balances between them.
public sealed class Cluster : IAsyncDisposable
{
    public const string Host = "visnyk.test";

    readonly string folder = Path.Combine(Path.GetTempPath(), "visnyk-tests", "cluster-" + Guid.NewGuid().ToString("N"));
    readonly List<Process> processes = [];
    readonly int[] nginxPorts = [Smtp4dev.FreePort(), Smtp4dev.FreePort(), Smtp4dev.FreePort()];

    public string PostgreSql { get; }

    // The data as a first start leaves it (DemoTemplate).
    Cluster() => PostgreSql = DemoTemplate.NewSite(DataDirectory, postgreSql: true)!;
    public string DataDirectory => Path.Combine(folder, "data");
    public string[] DataArgs => [$"--Visnyk:DataDirectory={DataDirectory}", .. TestDatabase.Arguments(PostgreSql)];
    public Uri First => new($"http://127.0.0.1:{nginxPorts[0]}");
    public Uri Second => new($"http://127.0.0.1:{nginxPorts[1]}");
    public Uri Balanced => new($"http://127.0.0.1:{nginxPorts[2]}");

    // The first instance starts on the data (checking its migrations), then the second.
    public static async Task<Cluster> StartAsync(params string[] more)
    {
        var cluster = new Cluster();
        try
        {
            var ports = new[] { Smtp4dev.FreePort(), Smtp4dev.FreePort() };
            var prefix = $"cluster-{Guid.NewGuid():N}:";
            for (var i = 0; i < ports.Length; i++)
            {
                cluster.processes.Add(await SiteProcess.StartAsync(ports[i],
                [
                    .. cluster.DataArgs, $"--Visnyk:SearchIndexDirectory={Path.Combine(cluster.folder, $"search-{i}")}",
                    $"--Visnyk:Redis={TestDatabase.Redis}", $"--Visnyk:RedisInstance={prefix}", $"--Visnyk:PublicUrl=http://{Host}",
                    "--Visnyk:Admin:SignInsPerMinute=1000", .. more,
                ]));
            }
            await cluster.StartNginxAsync(ports);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    // A client of one port of nginx with its own cookies; clients given the same cookies are one browser.
    // It asks for the default site's name unless told another (nginx is reached by its address).
    // What the instances logged as errors, for a failing test's output.
    public string LoggedFailures() => string.Join("\n", processes.Take(2).Select((p, i) => $"-- instance {i + 1}:\n{p.LoggedFailures()}"));

    public HttpClient Client(Uri through, CookieContainer? cookies = null, string host = Host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = through, DefaultRequestHeaders = { Host = host },
        };

    async Task StartNginxAsync(int[] instances)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: run the tests with ./test.sh (tests/servers/start.sh installs it)");
        Directory.CreateDirectory(Path.Combine(folder, "nginx"));
        // The headers of deploy/nginx.conf.
        string Proxy(string upstream) => $$"""
            location / {
                proxy_pass http://{{upstream}};
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_set_header X-Forwarded-Host $host;
            }
            """;
        var config = $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            daemon off;
            error_log {{folder}}/nginx/error.log warn;
            pid {{folder}}/nginx/nginx.pid;
            events { worker_connections 512; }
            http {
                access_log off;
                tcp_nopush off;
                client_body_temp_path {{folder}}/nginx/body;
                proxy_temp_path {{folder}}/nginx/proxy;
                fastcgi_temp_path {{folder}}/nginx/fastcgi;
                uwsgi_temp_path {{folder}}/nginx/uwsgi;
                scgi_temp_path {{folder}}/nginx/scgi;
                upstream first { server 127.0.0.1:{{instances[0]}}; keepalive 8; }
                upstream second { server 127.0.0.1:{{instances[1]}}; keepalive 8; }
                upstream both { server 127.0.0.1:{{instances[0]}}; server 127.0.0.1:{{instances[1]}}; keepalive 16; }
                server { listen 127.0.0.1:{{nginxPorts[0]}}; {{Proxy("first")}} }
                server { listen 127.0.0.1:{{nginxPorts[1]}}; {{Proxy("second")}} }
                server { listen 127.0.0.1:{{nginxPorts[2]}}; {{Proxy("both")}} }
            }
            """;
        var file = Path.Combine(folder, "nginx", "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", Path.Combine(folder, "nginx"), "-c", file })
        {
            start.ArgumentList.Add(argument);
        }
        processes.Add(Process.Start(start)!);
        // Ready when every port answers through it.
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(120);
        foreach (var port in nginxPorts)
        {
            while (true)
            {
                try
                {
                    if ((await probe.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < until) // not up yet, or a loaded machine
                {
                }
                if (DateTime.UtcNow > until)
                {
                    throw new InvalidOperationException("nginx did not start: " + await File.ReadAllTextAsync(Path.Combine(folder, "nginx", "error.log")));
                }
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.StopAsync();
        }
        TestDatabase.DropPostgreSql(PostgreSql);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
