using Microsoft.EntityFrameworkCore;
using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

public class SmtpDownSite : MailSite
{
    public SmtpGate Gate { get; } = new();
    protected override int SmtpPort => Gate.Port;

    public override async ValueTask DisposeAsync()
    {
        await Gate.DisposeAsync();
        await base.DisposeAsync();
    }
}

public class SmtpDownTests(SmtpDownSite site) : IClassFixture<SmtpDownSite>
{
    [Fact]
    public async Task Mail_waits_while_the_server_is_down_or_refuses_us_and_goes_when_it_is_back()
    {
        var email = Mail.NewAddress("patient");
        await site.Browserless().SignUpAsync(email, ("all", "daily"));
        // Refused connections, then a server that answers 554 at the greeting: the server's
        // state, not the message's. Nothing fails and no attempt is counted.
        await Task.Delay(3000);
        site.Gate.Refuse();
        await Task.Delay(5000);
        await using (var scope = site.Scope(out var db))
        {
            var waiting = await db.Deliveries.AsNoTracking().SingleAsync(d => d.To == email);
            Assert.Equal(DeliveryStatus.Waiting, waiting.Status);
            Assert.Equal(0, waiting.Attempts);
        }
        // Readiness says so, but the site stays in service.
        var ready = await site.Browserless().GetAsync("/readyz");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Matches("\"mail\":\\{\"status\":\"Degraded\",\"description\":\"SMTP server unreachable", await ready.Content.ReadAsStringAsync());
        site.Gate.Open();
        var received = await site.Smtp.WaitForAsync(email, seconds: 60);
        Assert.Single(received);
        await using (var scope = site.Scope(out var db))
        {
            var sent = await Mail.EventuallyAsync(() => db.Deliveries.AsNoTracking().SingleAsync(d => d.To == email), d => d.Status == DeliveryStatus.Sent);
            Assert.Equal(DeliveryStatus.Sent, sent.Status);
            // The confirmation's token is not kept once it is sent.
            Assert.Null(sent.Payload);
        }
    }
}
