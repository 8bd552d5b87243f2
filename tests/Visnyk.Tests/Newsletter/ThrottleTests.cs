using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

public class SlowMailSite : MailSite
{
    protected override int MessagesPerSecond => 4;
}

// The configured rate is a ceiling: however many connections, no faster than that. Measured from
// the SMTP server's own receive times, not from the test's polling.
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
        var times = received.Select(m => m.ReceivedDate).Order().ToList();
        var shown = string.Join(", ", times.Select(t => t.ToString("ss.fff")));
        // smtp4dev stamps a message when it has read it, and on a busy machine that can lag by a few
        // hundred milliseconds for one message and not the next; so the rate is read in ways that one
        // late stamp cannot fool, each of which unthrottled sending (all 16 within ~1 s) fails:
        // the typical gap is a quarter of a second (4 a second)
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).Order().ToList();
        Assert.True(gaps[gaps.Count / 2] >= 0.2, $"median gap {gaps[gaps.Count / 2]:F3} s: {shown}");
        // and the whole run takes at least 90% of 15 quarter-seconds. (How evenly: a burst of a few
        // at once would make the typical gap near zero; smtp4dev's stamps are too uneven on a busy
        // machine to check any one second.)
        var span = times[^1] - times[0];
        Assert.True(span >= TimeSpan.FromSeconds(0.9 * (Count - 1) / 4.0), $"{Count} messages in {span.TotalSeconds:F3} s: {shown}");
    }
}
