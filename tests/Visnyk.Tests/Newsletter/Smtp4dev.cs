using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Visnyk.Tests.Newsletter;

// A real SMTP server for the mail tests: smtp4dev from the repository's tool manifest
// (`dotnet tool restore` installs it), started once per test run on free loopback ports, in
// memory. Recipients whose address starts with "rejected" get a permanent 550, as a mailbox
// that does not exist would.
public sealed class Smtp4dev
{
    static readonly Lazy<Task<Smtp4dev>> shared = new(StartAsync);
    readonly HttpClient http;

    public int SmtpPort { get; }

    Smtp4dev(int smtpPort, int webPort)
    {
        SmtpPort = smtpPort;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public static Smtp4dev Shared => shared.Value.GetAwaiter().GetResult();

    // ReceivedDate: when smtp4dev had the whole message (its clock, not the sender's).
    public record Summary(string Id, string[] To, string Subject, DateTimeOffset ReceivedDate);

    record Page([property: JsonPropertyName("results")] List<Summary> Results);

    // Every message received for these recipients, oldest first.
    public async Task<List<Summary>> MessagesToAsync(Func<string, bool> recipient)
    {
        var page = await http.GetFromJsonAsync<Page>("api/messages?pageSize=1000000&sortColumn=receivedDate&sortIsDescending=false");
        return page!.Results.Where(m => m.To.Any(recipient)).ToList();
    }

    public Task<List<Summary>> MessagesToAsync(string address) => MessagesToAsync(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase));

    // Waits until `count` messages have reached the address (or fails after `seconds`).
    public async Task<List<Summary>> WaitForAsync(string address, int count = 1, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var messages = await MessagesToAsync(address);
            if (messages.Count >= count)
            {
                return messages;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{messages.Count} of {count} messages to {address} arrived in {seconds} s");
            }
            await Task.Delay(200);
        }
    }

    public Task<string> RawAsync(string id) => http.GetStringAsync($"api/messages/{id}/raw");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<Smtp4dev> StartAsync()
    {
        var (smtpPort, webPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}", "--bindaddress=127.0.0.1",
            "--disableipv6", "--db=", "--imapport=", "--pop3port=", "--nousersettings", "--messagestokeep=1000000", "--sessionstokeep=10",
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ServerOptions__RecipientValidationExpression"] = "!recipient.toLowerCase().startsWith('rejected')";
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        var server = new Smtp4dev(smtpPort, webPort);
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {process.ExitCode}; run `dotnet tool restore`");
            }
            try
            {
                await server.http.GetStringAsync("api/messages?pageSize=1");
                using var smtp = new TcpClient();
                await smtp.ConnectAsync(IPAddress.Loopback, smtpPort);
                return server;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException && DateTime.UtcNow < until)
            {
                await Task.Delay(250);
            }
        }
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("No .config/dotnet-tools.json above the test folder");
    }
}
