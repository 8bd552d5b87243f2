using System.Net;
using System.Net.Sockets;

namespace Visnyk.Tests.Newsletter;

// A port that refuses connections until opened, then forwards them to smtp4dev: an SMTP server
// that is down for a while, for the site configured to send to it.
public sealed class SmtpGate : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    TcpListener? listener;

    volatile bool refusing;

    public int Port { get; } = Smtp4dev.FreePort();

    // Answers every connection with "554 no service" and hangs up, as a server that blocks us would.
    public void Refuse()
    {
        refusing = true;
        Listen();
    }

    public void Open()
    {
        refusing = false;
        Listen();
    }

    void Listen()
    {
        if (listener is not null)
        {
            return;
        }
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener!.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (refusing)
            {
                using (client)
                {
                    await client.GetStream().WriteAsync("554 5.7.1 Service unavailable; client host blocked\r\n"u8.ToArray());
                }
                continue;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                using (var server = new TcpClient())
                {
                    await server.ConnectAsync(IPAddress.Loopback, Smtp4dev.Shared.SmtpPort);
                    var (a, b) = (client.GetStream(), server.GetStream());
                    await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
                }
            });
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener?.Stop();
        return ValueTask.CompletedTask;
    }
}
