namespace Visnyk.Caching;

// Redis is only a cache. Once a call to it fails (unreachable, or slower than the client's short
// timeouts), the site skips it for a back-off period and serves pages from the database, rather
// than have every request wait for it to fail again. After the back-off one call at a time tries
// it; the first that succeeds closes the breaker and raises Closed (the evictions missed meanwhile
// are made then). Polly's breaker opens on a failure ratio over a sampling window of at least two
// calls: a cache has no failures worth tolerating, and this is all that is needed of one.
public sealed class RedisBreaker(TimeProvider clock, TimeSpan backoff)
{
    // Until when Redis is skipped (UTC ticks); 0 while it is in use.
    long openUntil;
    // 1 while a call tries Redis after the back-off.
    int trying;

    // Raised on the thread of the call that found Redis back: handlers must not wait for Redis.
    public event Action? Closed;

    public bool IsOpen => Volatile.Read(ref openUntil) != 0;

    // How many times a failure opened the breaker (a trial that fails again does not count).
    public int Openings => Volatile.Read(ref openings);
    int openings;

    // The call's answer; `skipped` when Redis is being skipped or the call found it unreachable.
    public async ValueTask<T> RunAsync<T>(Func<ValueTask<T>> call, T skipped)
    {
        var trial = false;
        if (Volatile.Read(ref openUntil) is not 0 and var until)
        {
            if (clock.GetUtcNow().UtcTicks < until || Interlocked.CompareExchange(ref trying, 1, 0) != 0)
            {
                return skipped;
            }
            trial = true;
        }
        try
        {
            var value = await call();
            Close();
            return value;
        }
        catch (Exception e) when (PeerEviction.Unreachable(e))
        {
            if (Interlocked.Exchange(ref openUntil, clock.GetUtcNow().UtcTicks + backoff.Ticks) == 0)
            {
                Interlocked.Increment(ref openings);
            }
            return skipped;
        }
        finally
        {
            if (trial)
            {
                Volatile.Write(ref trying, 0); // also when the call was cancelled: another may try
            }
        }
    }

    // Redis answers again (the client reconnected): use it at once.
    public void Close()
    {
        if (Volatile.Read(ref openUntil) != 0 && Interlocked.Exchange(ref openUntil, 0) != 0)
        {
            Closed?.Invoke();
        }
    }
}
