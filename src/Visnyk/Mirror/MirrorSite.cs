using System.Collections.Concurrent;

namespace Visnyk.Mirror;

// One site's folder of the mirror MirrorSync keeps: where it is, the address its pages link to,
// the client that asks for them on the site's own host, and the state of its passes.
sealed class MirrorSite(int id, string root, Uri publicUrl, HttpClient http) : IDisposable
{
    public int Id => id;
    public string Root => root;
    public Uri PublicUrl => publicUrl;
    public HttpClient Http => http;

    // The files a whole pass (and the refreshes during it) wrote: anything else is pruned after it.
    public ConcurrentDictionary<string, byte> Written { get; } = new();

    // Its pass over the whole site under way (completed when none is); set by MirrorSync's passes.
    public Task Pass { get; set; } = Task.CompletedTask;

    // Cancelled when the site's mirror is no longer kept: its pass stops, none begins.
    public CancellationTokenSource Dropped { get; } = new();

    // Stops its pass; the client goes once the pass has.
    public void Dispose()
    {
        Dropped.Cancel();
        Pass.ContinueWith(_ => http.Dispose(), TaskScheduler.Default);
    }
}
