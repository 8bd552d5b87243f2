using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Visnyk.Caching;
using Visnyk.Site;

namespace Visnyk.Tests.Caching;

// After a failed call Redis is skipped for the back-off; then one call tries it, and a success
// closes the breaker (which raises Closed: the lost evictions are made then).
public class RedisBreakerTests
{
    static readonly TimeSpan Backoff = TimeSpan.FromSeconds(5);
    readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));
    int calls;

    ValueTask<string> Answer()
    {
        calls++;
        return ValueTask.FromResult("from Redis");
    }

    ValueTask<string> Fail()
    {
        calls++;
        throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is active/available");
    }

    [Fact]
    public async Task A_failure_skips_redis_for_the_back_off_then_one_call_tries_it_again()
    {
        var breaker = new RedisBreaker(clock, Backoff);
        var closed = 0;
        breaker.Closed += () => closed++;
        Assert.Equal("from Redis", await breaker.RunAsync(Answer, "skipped"));

        Assert.Equal("skipped", await breaker.RunAsync(Fail, "skipped"));
        Assert.True(breaker.IsOpen);
        Assert.Equal(1, breaker.Openings);
        calls = 0;
        clock.Advance(Backoff - TimeSpan.FromMilliseconds(1));
        Assert.Equal("skipped", await breaker.RunAsync(Answer, "skipped"));
        Assert.Equal(0, calls); // not even asked

        // After the back-off: one call tries (and fails again: another back-off).
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("skipped", await breaker.RunAsync(Fail, "skipped"));
        Assert.Equal(1, calls);
        Assert.Equal(1, breaker.Openings); // still the same interruption
        Assert.Equal("skipped", await breaker.RunAsync(Answer, "skipped"));
        Assert.Equal(1, calls);

        // The next try finds Redis back: in use again.
        clock.Advance(Backoff);
        Assert.Equal("from Redis", await breaker.RunAsync(Answer, "skipped"));
        Assert.False(breaker.IsOpen);
        Assert.Equal(1, closed);
        Assert.Equal("from Redis", await breaker.RunAsync(Answer, "skipped"));
        Assert.Equal(3, calls);
        Assert.Equal("skipped", await breaker.RunAsync(Fail, "skipped"));
        Assert.Equal(2, breaker.Openings); // a new one
    }

    [Fact]
    public async Task While_one_call_tries_redis_the_others_skip_it_and_a_cancelled_try_lets_another_try()
    {
        var breaker = new RedisBreaker(clock, Backoff);
        await breaker.RunAsync(Fail, "skipped");
        clock.Advance(Backoff);
        calls = 0;
        var held = new TaskCompletionSource<string>();
        var trying = breaker.RunAsync(() => new ValueTask<string>(held.Task), "skipped");
        Assert.Equal("skipped", await breaker.RunAsync(Answer, "skipped")); // skipped while the first tries
        Assert.Equal(0, calls);

        held.SetCanceled(); // its request went away: neither a success nor a failure
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await trying);
        Assert.True(breaker.IsOpen);
        Assert.Equal("from Redis", await breaker.RunAsync(Answer, "skipped"));
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public async Task A_timeout_counts_as_a_failure()
    {
        var breaker = new RedisBreaker(clock, Backoff);
        Assert.Equal("skipped", await breaker.RunAsync<string>(() => throw new RedisTimeoutException("Timeout awaiting response", CommandStatus.Sent), "skipped"));
        Assert.True(breaker.IsOpen);
    }
}
