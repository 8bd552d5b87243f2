using System.Net;
using System.Net.Sockets;

namespace Visnyk.Tests.Newsletter;

// A port that refuses connections until opened, then forwards them to smtp4dev: an SMTP server
// that is down for a while, or slow to accept each message, for the site configured to send to it.
public sealed class SmtpGate : IAsyncDisposable
{
    readonly CancellationTokenSource stop = new();
    TcpListener? listener;

    volatile bool refusing;
    int connections;
    int refused;

    public int Port { get; } = Smtp4dev.FreePort();

    // How long the server takes to answer the end of each message's data (as a busy server does).
    public TimeSpan Delay { get; set; }

    // Client connections open now; a sender closes its connections when its round ends.
    public int Connections => Volatile.Read(ref connections);

    // Connections answered with 554 so far.
    public int Refused => Volatile.Read(ref refused);

    // When the sender began each message (its MAIL FROM passed through; Stopwatch ticks): the
    // sender's own pace, stamped in this process as the bytes pass, before the server has answered
    // anything of that message or stamped it.
    public IReadOnlyList<long> MessagesBegun
    {
        get
        {
            lock (begun)
            {
                return [.. begun];
            }
        }
    }

    readonly List<long> begun = [];

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
                Interlocked.Increment(ref refused);
                continue;
            }
            Interlocked.Increment(ref connections);
            _ = Task.Run(async () =>
            {
                try
                {
                    using (client)
                    using (var server = new TcpClient())
                    {
                        await server.ConnectAsync(IPAddress.Loopback, Smtp4dev.Shared.SmtpPort);
                        var (a, b) = (client.GetStream(), server.GetStream());
                        var dataEnded = new SemaphoreSlim(0);
                        await Task.WhenAny(ForwardAsync(a, b, dataEnded, toServer: true), ForwardAsync(b, a, dataEnded, toServer: false));
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref connections);
                }
            });
        }
    }

    // Copies one direction. The client's end of data (CRLF.CRLF) makes the server's next answer wait for Delay.
    async Task ForwardAsync(NetworkStream from, NetworkStream to, SemaphoreSlim dataEnded, bool toServer)
    {
        var buffer = new byte[16 * 1024];
        var tail = new List<byte>();
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            if (toServer)
            {
                // A command starts a read of its own (the sender waits for each answer, or sends
                // MAIL FROM first in a pipelined batch); our messages' text never starts with it.
                if (buffer.AsSpan(0, read).StartsWith("MAIL FROM:"u8))
                {
                    lock (begun)
                    {
                        begun.Add(System.Diagnostics.Stopwatch.GetTimestamp());
                    }
                }
                tail.AddRange(buffer.AsSpan(0, read).ToArray()[Math.Max(0, read - 5)..]);
                tail.RemoveRange(0, Math.Max(0, tail.Count - 5));
                if (tail.SequenceEqual("\r\n.\r\n"u8.ToArray()))
                {
                    dataEnded.Release();
                }
            }
            else if (Delay > TimeSpan.Zero && dataEnded.CurrentCount > 0)
            {
                await dataEnded.WaitAsync(stop.Token);
                await Task.Delay(Delay, stop.Token);
            }
            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener?.Stop();
        return ValueTask.CompletedTask;
    }
}
