using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Media;

// Decoding and encoding a picture is the memory- and CPU-heavy part of an upload: at most
// Visnyk:Media:DecodeConcurrency run at once (one per core by default), the others wait their turn,
// so ten large uploads at once cost the memory of a few and the rest of the site keeps a core.
public sealed class ImageQueue(IOptions<SiteOptions> options) : IDisposable
{
    readonly SemaphoreSlim slots = new(options.Value.Media.DecodeConcurrency is > 0 and var n ? n : Environment.ProcessorCount);

    int waiting;

    // Uploads waiting for a slot now.
    public int Waiting => Volatile.Read(ref waiting);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await slots.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
        try
        {
            return await Task.Run(work, ct);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
