using System.Diagnostics;
using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

// Four messages a second, sent through a gate in front of smtp4dev that stamps each message as it
// begins.
public class SlowMailSite : MailSite
{
    public SmtpGate Gate { get; } = OpenGate();

    protected override int MessagesPerSecond => 4;
    protected override int SmtpPort => Gate.Port;

    static SmtpGate OpenGate()
    {
        // smtp4dev first (the gate forwards to it).
        _ = Smtp4dev.Shared;
        var gate = new SmtpGate();
        gate.Open();
        return gate;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gate.DisposeAsync();
    }
}

// The configured rate is a ceiling: however many connections, no faster than that. Measured from
// when the sender began each message (the gate sees its MAIL FROM), not from the test's polling
// nor from smtp4dev's receive stamps, which on a busy machine can lag by most of a second for one
// message and not the next (and so can its answers to a message's commands).
public class ThrottleTests(SlowMailSite site) : IClassFixture<SlowMailSite>
{
    const int Count = 16;

    [Fact]
    public async Task Mail_goes_no_faster_than_the_configured_rate()
    {
        var domain = $"slow-{Guid.NewGuid():N}.test";
        for (var i = 0; i < Count; i++)
        {
            await site.SubscriberAsync($"r{i}@{domain}", Frequency.Immediately);
        }
        await site.PublishAsync("Новина для перевірки швидкості розсилки");
        var received = await Mail.EventuallyAsync(() => site.Smtp.MessagesToAsync(to => to.EndsWith(domain)), m => m.Count == Count, seconds: 60);
        Assert.Equal(Count, received.Count);
        // Every message that arrived passed the gate first; this site sends nothing else.
        var begun = site.Gate.MessagesBegun;
        Assert.Equal(Count, begun.Count);
        var times = begun.Select(t => Stopwatch.GetElapsedTime(begun[0], t).TotalSeconds).Order().ToList();
        var shown = string.Join(", ", times.Select(t => t.ToString("F3")));
        // Read in ways that unthrottled sending (all 16 within ~1 s) fails: the typical gap is a
        // quarter of a second (4 a second),
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToList();
        Assert.True(gaps[gaps.Count / 2] >= 0.2, $"median gap {gaps[gaps.Count / 2]:F3} s: {shown}");
        // and the whole run takes at least 90% of 15 quarter-seconds. (A burst of a few at once
        // would make the typical gap near zero.)
        var span = times[^1] - times[0];
        Assert.True(span >= 0.9 * (Count - 1) / 4.0, $"{Count} messages in {span:F3} s: {shown}");
    }
}
