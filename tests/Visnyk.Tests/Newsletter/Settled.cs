using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;

namespace Visnyk.Tests.Newsletter;

// "Nothing more arrived", proven by state instead of a pause: once every mailing is expanded into
// its messages and none of the selected messages waits or is claimed by a sender, nothing more will
// be sent to them; what smtp4dev holds for them is final once it holds every one recorded as sent.
public static partial class Mail
{
    public static async Task<List<Smtp4dev.Summary>> SettledAsync(this MailSite site, string address)
    {
        await using var scope = site.Scope(out var db);
        return await SettledAsync(site.Smtp, db, d => d.To == address, to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<List<Smtp4dev.Summary>> SettledAsync(Smtp4dev smtp, VisnykDb db, Expression<Func<Delivery, bool>> whose,
        Func<string, bool> recipient, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        int? sent = null;
        while (DateTime.UtcNow < until)
        {
            var open = await db.Set<Mailing>().AnyAsync(m => m.ExpandedAt == null)
                || await db.Set<Delivery>().Where(whose).AnyAsync(d => d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending);
            if (!open)
            {
                sent = await db.Set<Delivery>().Where(whose).CountAsync(d => d.Status == DeliveryStatus.Sent);
                var received = await smtp.MessagesToAsync(recipient);
                if (received.Count >= sent)
                {
                    return received;
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException(sent is null ? $"The outbox did not settle in {seconds} s" : $"smtp4dev did not get the {sent} messages recorded as sent in {seconds} s");
    }

    // Waits until the site's sender has finished a whole round that began after this call (to show
    // that something it would have sent was not): two probe mailings, digests of no articles that
    // expand into no messages, one after the other. A round expands mailings first and then claims
    // and sends; the round that expands the second probe began after the one that expanded the first
    // had ended, and that one began after this call.
    public static async Task SenderRoundAsync(this SiteFactory site)
    {
        for (var i = 0; i < 2; i++)
        {
            await using var scope = site.Scope(out var db);
            var probe = new Mailing { Kind = MailingKind.DailyDigest, Key = $"probe:{Guid.NewGuid():N}", From = DateTime.UnixEpoch, To = DateTime.UnixEpoch, CreatedAt = DateTime.UtcNow };
            db.Add(probe);
            await db.SaveChangesAsync();
            var expanded = await EventuallyAsync(() => db.Set<Mailing>().AsNoTracking().Where(m => m.Id == probe.Id).Select(m => m.ExpandedAt).SingleAsync(), at => at is not null);
            Assert.True(expanded is not null, "the sender did not run a round in 30 s");
        }
    }
}
