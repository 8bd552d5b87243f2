namespace Visnyk.Newsletter;

// Spaces sends evenly at a rate: each caller gets the next free slot, one interval after the
// previous one, and waits for it. The slots belong to the instance, not to a round of sending, so
// the rate holds across rounds and connections: from the first to the n-th message at least
// (n-1)/rate passes. (A token bucket replenished by a timer lets two sends come closer than the
// interval when the timer ticks just after a send, and a new bucket per round starts full.)
public sealed class Pacer(TimeProvider clock)
{
    readonly Lock gate = new();
    long next;

    public async Task WaitAsync(double perSecond, CancellationToken ct)
    {
        var interval = (long)(TimeSpan.TicksPerSecond / perSecond);
        long slot;
        var now = clock.GetUtcNow().UtcTicks;
        lock (gate)
        {
            slot = Math.Max(now, next);
            next = slot + interval;
        }
        if (slot > now)
        {
            await Task.Delay(TimeSpan.FromTicks(slot - now), clock, ct);
        }
    }
}
