using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

public class SlowMailSite : MailSite
{
    protected override int MessagesPerSecond => 4;
}

// The configured rate is a ceiling: however many connections, no faster than that. (A lower bound
// on elapsed time only: a slow machine cannot make it fail.)
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
        var started = DateTime.UtcNow;
        await site.PublishAsync("Новина для перевірки швидкості розсилки");
        var received = await Mail.EventuallyAsync(() => site.Smtp.MessagesToAsync(to => to.EndsWith(domain)), m => m.Count == 12, seconds: 60);
        Assert.Equal(12, received.Count);
        // 12 messages at 4 a second: at least 11 quarter-seconds between the first and the last.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2.75), $"12 messages in {(DateTime.UtcNow - started).TotalSeconds:F2} s");
    }
}
