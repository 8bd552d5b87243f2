using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Site;

// The site as the deployment guide installs it: one instance (its own process, Production), or two
// on one PostgreSQL and Redis, behind nginx running the shipped deploy/nginx.conf and
// deploy/nginx-tls.conf, changed only where a test must (loopback ports, a self-signed
// certificate, temporary folders). Clients can come from any loopback address: 127.0.0.1 is in
// the config's /admin allow-list, 127.0.0.2 is not.
public sealed partial class DeployedSite : IAsyncDisposable
{
    public const string Host = "news.example.gov.ua";
    public static readonly IPAddress Allowed = IPAddress.Parse("127.0.0.1");
    public static readonly IPAddress Denied = IPAddress.Parse("127.0.0.2");

    readonly string folder = Path.Combine(Path.GetTempPath(), "visnyk-tests", "deployed-" + Guid.NewGuid().ToString("N"));
    readonly int httpPort = Smtp4dev.FreePort(), httpsPort = Smtp4dev.FreePort();
    readonly int[] sitePorts;
    readonly string[][] siteArguments;
    readonly Process?[] sites;
    Process? nginx;

    public string? PostgreSql { get; }
    public string DataDirectory => Path.Combine(folder, "data");
    // Where nginx looks for the static mirror (deploy/nginx.conf's /var/lib/visnyk-mirror/site).
    public string MirrorDirectory => Path.Combine(folder, "mirror");
    // Where nginx looks for another site's mirror, by host (deploy/nginx.conf's /var/lib/visnyk-mirror/sites/).
    public string SitesMirrorDirectory => Path.Combine(folder, "mirror-sites");
    public string[] DataArgs => PostgreSql is null
        ? [$"--Visnyk:DataDirectory={DataDirectory}"]
        : [$"--Visnyk:DataDirectory={DataDirectory}", .. TestDatabase.Arguments(PostgreSql)];

    // Two instances share one PostgreSQL database and one Redis, each with its own search index;
    // with `mirror` the first keeps the static mirror nginx falls back on (Visnyk:Mirror:Directory).
    DeployedSite(int instances, bool mirror, string[] more)
    {
        // The data as a first start leaves it (DemoTemplate).
        PostgreSql = DemoTemplate.NewSite(DataDirectory, TestDatabase.IsPostgreSql || instances > 1);
        var redis = $"deployed-{Guid.NewGuid():N}:";
        sitePorts = [.. Enumerable.Range(0, instances).Select(_ => Smtp4dev.FreePort())];
        sites = new Process?[instances];
        siteArguments = [.. Enumerable.Range(0, instances).Select(i => (string[])
        [
            .. DataArgs, $"--Visnyk:PublicUrl=https://{Host}", "--Visnyk:Admin:SignInsPerMinute=1000",
            .. PostgreSql is null ? [] : new[] { $"--Visnyk:Redis={TestDatabase.Redis}", $"--Visnyk:RedisInstance={redis}" },
            .. instances > 1 ? new[] { $"--Visnyk:SearchIndexDirectory={Path.Combine(folder, $"search-{i}")}" } : [],
            .. i == 0 && mirror ? new[] { $"--Visnyk:Mirror:Directory={MirrorDirectory}", $"--Visnyk:Mirror:SitesDirectory={SitesMirrorDirectory}" } : [],
            .. more,
        ])];
    }

    // No instances of the site: nginx alone, in front of upstreams a test runs itself.
    DeployedSite(int[] upstreams)
    {
        sitePorts = upstreams;
        siteArguments = [];
        sites = [];
    }

    public static Task<DeployedSite> StartAsync(params string[] more) => StartAsync(1, mirror: false, more);

    // The shipped nginx configuration in front of these ports instead of the site, with its mirror
    // in MirrorDirectory: for what a real instance does not do on demand (answer 500). The start
    // waits until /healthz answers 200 through nginx, so the upstreams must answer it.
    public static async Task<DeployedSite> NginxInFrontOfAsync(params int[] upstreams)
    {
        var deployed = new DeployedSite(upstreams);
        try
        {
            Directory.CreateDirectory(deployed.MirrorDirectory);
            await deployed.StartNginxAsync();
            return deployed;
        }
        catch
        {
            await deployed.DisposeAsync();
            throw;
        }
    }

    public static async Task<DeployedSite> StartAsync(int instances, bool mirror, params string[] more)
    {
        var deployed = new DeployedSite(instances, mirror, more);
        try
        {
            for (var i = 0; i < instances; i++)
            {
                await deployed.StartSiteAsync(i);
            }
            await deployed.StartNginxAsync();
            return deployed;
        }
        catch
        {
            await deployed.DisposeAsync();
            throw;
        }
    }

    // Stops the instances and starts them again on the same ports and data: what a deployment or a
    // reboot does. nginx stays.
    public async Task RestartSiteAsync()
    {
        await StopSiteAsync();
        for (var i = 0; i < sites.Length; i++)
        {
            await StartSiteAsync(i);
        }
    }

    // Every instance gone, as in a crash or a flood: nginx alone answers.
    public async Task StopSiteAsync()
    {
        foreach (var site in sites)
        {
            await site!.StopAsync();
        }
    }

    async Task StartSiteAsync(int i) => sites[i] = await SiteProcess.StartAsync(sitePorts[i], siteArguments[i]);

    // One instance directly, not through nginx (as a browser on the machine would reach it).
    public Uri Instance(int i) => new($"http://127.0.0.1:{sitePorts[i]}");

    // What the instances logged as errors, for a failing test's output.
    public string LoggedFailures() => string.Join("\n", sites.Select((p, i) => $"-- instance {i + 1}:\n{p?.LoggedFailures()}"));

    // A browser-like client on the site's https address, its connections made from this address.
    public HttpClient Client(IPAddress from, CookieContainer? cookies = null) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = cookies ?? new CookieContainer(),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri($"https://{Host}:{httpsPort}") };

    // The status of a GET sent exactly as written (HttpClient would resolve dot segments and read
    // //admin as a host name): how an attacker's tool sends it.
    public async Task<int> RawStatusAsync(IPAddress from, string target)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, httpsPort));
        await using var tls = new System.Net.Security.SslStream(new NetworkStream(socket), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(Host);
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {Host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(tls, System.Text.Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? "";
        // "HTTP/1.1 403 Forbidden"
        return int.Parse(status.Split(' ')[1]);
    }

    async Task StartNginxAsync()
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: run the tests with ./test.sh (tests/servers/start.sh installs it)");
        var dir = Path.Combine(folder, "nginx");
        Directory.CreateDirectory(Path.Combine(dir, "cache"));
        WriteCertificate(dir);
        // The TLS snippet as shipped, without Diffie-Hellman parameters (ECDHE suites suffice here).
        await File.WriteAllLinesAsync(Path.Combine(dir, "visnyk-tls.conf"),
            File.ReadAllLines(TestTools.InRepo("deploy", "nginx-tls.conf")).Where(l => !l.TrimStart().StartsWith("ssl_dhparam", StringComparison.Ordinal)));
        var site = (await File.ReadAllTextAsync(TestTools.InRepo("deploy", "nginx.conf")))
            .Replace("/etc/letsencrypt/live/news.example.gov.ua/fullchain.pem", Path.Combine(dir, "cert.pem"))
            .Replace("/etc/letsencrypt/live/news.example.gov.ua/privkey.pem", Path.Combine(dir, "key.pem"))
            .Replace("snippets/visnyk-tls.conf", Path.Combine(dir, "visnyk-tls.conf"))
            .Replace("/var/cache/nginx/", Path.Combine(dir, "cache") + "/")
            .Replace("/var/lib/visnyk-mirror/sites/", SitesMirrorDirectory + "/")
            .Replace("/var/lib/visnyk-mirror/site;", MirrorDirectory + ";");
        // Every site's name is listed, as deployment §7's visnyk-hosts.conf does: here any *.test name.
        site = site.Replace("server_name news.example.gov.ua;", "server_name news.example.gov.ua *.test;");
        site = Upstream().Replace(site, string.Join("\n    ", sitePorts.Select(p => $"server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;")));
        site = Ipv6Listen().Replace(site, "");
        site = Listen().Replace(site, m => $"listen 127.0.0.1:{(m.Groups[1].Value == "80" ? httpPort : httpsPort)}{m.Groups[2].Value};");
        await File.WriteAllTextAsync(Path.Combine(dir, "visnyk.conf"), site);
        var config = $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            daemon off;
            error_log {{dir}}/error.log warn;
            pid {{dir}}/nginx.pid;
            events { worker_connections 256; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                include {{dir}}/visnyk.conf;
            }
            """;
        var file = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", dir, "-c", file })
        {
            start.ArgumentList.Add(argument);
        }
        nginx = Process.Start(start)!;
        using var probe = Client(Allowed);
        probe.Timeout = TimeSpan.FromSeconds(5);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < until)
            {
            }
            if (DateTime.UtcNow > until || nginx.HasExited)
            {
                throw new InvalidOperationException("nginx did not start: " + await File.ReadAllTextAsync(Path.Combine(dir, "error.log")));
            }
            await Task.Delay(100);
        }
    }

    static void WriteCertificate(string dir)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(dir, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    [GeneratedRegex(@"server 127\.0\.0\.1:5000[^;]*;")]
    private static partial Regex Upstream();
    [GeneratedRegex(@"^\s*listen \[::\]:.*$", RegexOptions.Multiline)]
    private static partial Regex Ipv6Listen();
    [GeneratedRegex(@"listen (80|443)([^;]*);")]
    private static partial Regex Listen();

    public async ValueTask DisposeAsync()
    {
        foreach (var process in sites.Prepend(nginx))
        {
            if (process is not null)
            {
                await process.StopAsync();
            }
        }
        if (PostgreSql is not null)
        {
            TestDatabase.DropPostgreSql(PostgreSql);
        }
        if (Environment.GetEnvironmentVariable("VISNYK_KEEP_DEPLOYED") is null)
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
