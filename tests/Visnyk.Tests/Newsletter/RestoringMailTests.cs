using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Newsletter;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Newsletter;

// While a site is restored from a copy (Site.WritesPausedUntil, as `site import --replace` sets
// it), its residents' sign-ups and unsubscribings are answered 503 with Retry-After and write
// nothing, and its mail waits: no mailing expanded, no letter sent, while another site's goes.
// Once the pause ends, all of it goes, and the same unsubscribing works.
public class RestoringMailTests(MailSite site) : IClassFixture<MailSite>
{
    [Fact]
    public async Task A_site_being_restored_takes_no_sign_up_or_unsubscribing_and_sends_nothing_until_it_is_over()
    {
        var hromada = await OtherSite.CreateAsync(site, 2, "hromada-restoring-mail.test");
        var held = Mail.NewAddress("restoring");
        var oblastResident = Mail.NewAddress("oblast");
        var subscriber = await site.SubscriberAsync(held, Frequency.Immediately, siteId: hromada.Id);
        await site.SubscriberAsync(oblastResident, Frequency.Immediately);

        // A letter already waiting when the restore begins (written while the hromada's
        // administrators had paused its mail), and an alert decided as the restore began.
        await MailPausedAsync(hromada.Id, true);
        var waiting = await site.PublishAsync("Громада відкрила ще один пункт незламності", siteId: hromada.Id);
        await using (site.Scope(hromada.Id, out var db))
        {
            var expanded = await Mail.EventuallyAsync(() => db.Mailings.AsNoTracking().SingleAsync(m => m.Key == Mailing.AlertKey(waiting.Id)), m => m.ExpandedAt is not null);
            Assert.NotNull(expanded.ExpandedAt);
        }
        await PauseAsync(hromada.Id, DateTime.UtcNow.AddMinutes(5));
        await MailPausedAsync(hromada.Id, false);
        var decided = await site.PublishAsync("Громада оголосила графік подачі води", siteId: hromada.Id);

        // The residents' forms on the hromada's host: refused, and nothing written. Their pages open.
        var client = hromada.Client(site);
        var newcomer = Mail.NewAddress("newcomer");
        await AssertRefusedAsync(await client.SignUpAsync(newcomer, ("all", "immediately")));
        var unsubscribe = $"/unsubscribe/{site.Services.GetRequiredService<MailTokens>().ForUnsubscribing(subscriber.Id, subscriber.Stamp, null)}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(unsubscribe)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/subscribe")).StatusCode);
        await AssertRefusedAsync(await OneClickAsync(client, unsubscribe));
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.False(await db.Deliveries.AnyAsync(d => d.To == newcomer));
            Assert.True(await db.Subscribers.AnyAsync(s => s.Email == held && s.Subscriptions.Any()));
        }

        // The oblast's alert, decided after both of the hromada's, is sent; the hromada's letter is
        // still waiting (not even claimed) and its alert not expanded.
        var flowing = await site.PublishAsync("Область оголосила прийом громадян у суботу");
        Assert.Equal(flowing.Title, (await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(oblastResident)).Single())).Subject);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.Equal([DeliveryStatus.Waiting], await db.Deliveries.Where(d => d.SubscriberId == subscriber.Id).Select(d => d.Status).ToListAsync());
            Assert.Null((await db.Mailings.AsNoTracking().SingleAsync(m => m.Key == Mailing.AlertKey(decided.Id))).ExpandedAt);
        }
        Assert.Empty(await site.Smtp.MessagesToAsync(held));
        // The oblast's own forms are not paused.
        Assert.Equal(HttpStatusCode.Redirect, (await site.Browserless().SignUpAsync(Mail.NewAddress("oblast-newcomer"), ("all", "immediately"))).StatusCode);

        // The restore is over: both letters go, and the unsubscribing works.
        await PauseAsync(hromada.Id, DateTime.UtcNow.AddMinutes(-1));
        var letters = await site.Smtp.WaitForAsync(held, count: 2);
        Assert.Equal(new[] { decided.Title, waiting.Title }.Order(), (await Task.WhenAll(letters.Select(l => site.Smtp.MessageAsync(l)))).Select(m => m.Subject).Order());
        Assert.Equal(HttpStatusCode.OK, (await OneClickAsync(client, unsubscribe)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignUpAsync(newcomer, ("all", "immediately"))).StatusCode);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == held));
        }
    }

    static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(Text.SiteRestoringTitle, page.QuerySelector("h1")!.TextContent.Trim());
    }

    // The mail program's one-click unsubscribing (RFC 8058).
    static Task<HttpResponseMessage> OneClickAsync(HttpClient client, string path) =>
        client.PostAsync(path, new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]));

    Task PauseAsync(int siteId, DateTime until) => Cli.WritesPauseTests.PauseAsync(site, siteId, until);

    async Task MailPausedAsync(int siteId, bool paused)
    {
        await using var scope = site.Scope(siteId, out var db);
        (await db.SiteSettings.SingleAsync()).MailPaused = paused;
        await db.SaveChangesAsync();
    }
}
