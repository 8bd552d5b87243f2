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
        var ready = site.Browserless();
        await Mail.EventuallyAsync(() => ready.GetStringAsync("/readyz"), page => page.Contains("SMTP server unreachable"));
        site.Gate.Refuse();
        await using (var scope = site.Scope(out var db))
        {
            // Refused at least once, and the claimed message handed back after that refusal
            // (it is claimed before the sender connects, so "waiting" read after a refusal is after it).
            var waiting = await Mail.EventuallyAsync(async () => (site.Gate.Refused, Row: await db.Deliveries.AsNoTracking().SingleAsync(d => d.To == email)),
                seen => seen.Refused > 0 && seen.Row.Status == DeliveryStatus.Waiting, seconds: 60);
            Assert.True(waiting.Refused > 0, "the sender never came back to the refusing server");
            Assert.Equal(DeliveryStatus.Waiting, waiting.Row.Status);
            Assert.Equal(0, waiting.Row.Attempts);
        }
        // Readiness says so, but the site stays in service.
        var readiness = await ready.GetAsync("/readyz");
        Assert.Equal(System.Net.HttpStatusCode.OK, readiness.StatusCode);
        Assert.Matches("\"mail\":\\{\"status\":\"Degraded\",\"description\":\"SMTP server unreachable", await readiness.Content.ReadAsStringAsync());
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
