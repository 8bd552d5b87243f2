using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

public class SlowMailSite : MailSite
{
    protected override int MessagesPerSecond => 4;
}

// The configured rate is a ceiling: however many connections, no faster than that. Measured from
// the SMTP server's own receive times, so neither the test's polling nor a slow machine counts:
// a slow machine can only spread the messages further apart.
public class ThrottleTests(SlowMailSite site) : IClassFixture<SlowMailSite>
{
    [Fact]
    public async Task Mail_goes_no_faster_than_the_configured_rate()
    {
        var domain = $"slow-{Guid.NewGuid():N}.test";
        for (var i = 0; i < 12; i++)
        {
            await site.SubscriberAsync($"r{i}@{domain}", Frequency.Immediately);
        }
        await site.PublishAsync("Новина для перевірки швидкості розсилки");
        var received = await Mail.EventuallyAsync(() => site.Smtp.MessagesToAsync(to => to.EndsWith(domain)), m => m.Count == 12, seconds: 60);
        Assert.Equal(12, received.Count);
        var times = received.Select(m => m.ReceivedDate).Order().ToList();
        // 12 messages at 4 a second: at least 11 quarter-seconds from the first to the last
        // (less 30 ms for when smtp4dev stamps a message after reading it).
        var span = times[^1] - times[0];
        Assert.True(span >= TimeSpan.FromSeconds(2.75 - 0.03), $"12 messages in {span.TotalSeconds:F3} s");
        // And evenly, not in bursts: no second holds more than 4 + 1 of them.
        var busiest = times.Max(t => times.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)));
        Assert.True(busiest <= 5, $"{busiest} messages within one second: {string.Join(", ", times.Select(t => t.ToString("HH:mm:ss.fff")))}");
    }
}
