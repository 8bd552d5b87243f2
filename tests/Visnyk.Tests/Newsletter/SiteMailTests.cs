using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Newsletter;

// Mail of several sites on one installation, through the real SMTP server: each site's
// subscribers get that site's mail only, with its name, its sender and links to its own host;
// one site's confirmation link subscribes nobody on another; pausing one site's mail holds only its.
public class SiteMailTests(MailSite site) : IClassFixture<MailSite>
{
    [Fact]
    public async Task A_hromada_s_subscriber_gets_the_hromada_s_mail_from_its_host_and_no_other_site_s()
    {
        var hromada = await OtherSite.CreateAsync(site, 2, "hromada-mail.test");
        var origin = $"http://{hromada.Host}";
        var resident = Mail.NewAddress("hromada");
        Assert.Equal(HttpStatusCode.Redirect, (await hromada.Client(site).SignUpAsync(resident, ("all", "immediately"))).StatusCode);

        // The confirmation: the hromada's name and links, the installation's address.
        var confirmation = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(resident)).Single());
        Assert.Equal(string.Format(Text.MailConfirmSubject, hromada.Name), confirmation.Subject);
        Assert.Equal((hromada.Name, "news@visnyk.test"), (confirmation.From.Mailboxes.Single().Name, confirmation.From.Mailboxes.Single().Address));
        Assert.DoesNotContain(MailSite.PublicUrl, confirmation.TextBody);
        var confirm = Mail.Link(confirmation, "/subscribe/confirm/", origin);

        // The same link on the oblast's host offers nothing to press, and pressed anyway (a form
        // token from another page) subscribes nobody there.
        Assert.Contains(Text.ConfirmExpired, await site.Client().GetStringAsync(confirm));
        var elsewhere = await site.Client().PostFormAsync("/admin/signin", confirm);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Contains(Text.ConfirmExpired, await elsewhere.Content.ReadAsStringAsync());
        await using (site.Scope(out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == resident));
        }
        var confirmed = await hromada.Client(site).PostFormAsync(confirm, confirm);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (site.Scope(hromada.Id, out var db))
        {
            Assert.True(await db.Subscribers.AnyAsync(s => s.Email == resident));
        }

        // The oblast's own subscriber to everything, and one article in each site.
        var oblastResident = Mail.NewAddress("oblast");
        await site.SubscriberAsync(oblastResident, Frequency.Immediately);
        var hromadaNews = await site.PublishAsync("Громада відкрила новий пункт незламності", siteId: hromada.Id);
        var oblastNews = await site.PublishAsync("Область отримала нові генератори для лікарень");

        var alert = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(resident, 2))[1]);
        Assert.Equal(hromadaNews.Title, alert.Subject);
        Assert.Equal(hromada.Name, alert.From.Mailboxes.Single().Name);
        Assert.Contains(origin + hromadaNews.Path, alert.TextBody);
        Assert.StartsWith($"<{origin}/unsubscribe/", alert.Headers["List-Unsubscribe"]!.Trim());
        Assert.Contains($"{origin}/subscribe/manage/", alert.TextBody);
        Assert.Equal($"<news.{hromada.Host}>", alert.Headers["List-Id"]);
        Assert.DoesNotContain(MailSite.PublicUrl, alert.TextBody);
        // The manage link works on the hromada's host; on the oblast's it finds nobody.
        var manage = Mail.Link(alert, "/subscribe/manage/", origin);
        Assert.Contains(resident, await hromada.Client(site).GetStringAsync(manage));
        Assert.DoesNotContain(resident, await site.Browserless().GetStringAsync(manage));

        // Each site's alert went to its own subscribers only: settled in the database, then in the mailboxes.
        var oblastAlert = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(oblastResident)).Single());
        Assert.Equal(oblastNews.Title, oblastAlert.Subject);
        Assert.Equal("Полтавська ОВА", oblastAlert.From.Mailboxes.Single().Name);
        await using (site.Scope(hromada.Id, out var db))
        {
            var mailing = await db.Mailings.SingleAsync(m => m.Key == Mailing.AlertKey(hromadaNews.Id));
            var recipients = await Mail.EventuallyAsync(() => db.Deliveries.Where(d => d.MailingId == mailing.Id).Select(d => new { d.To, d.Status }).ToListAsync(),
                r => r.Count > 0 && r.All(d => d.Status == DeliveryStatus.Sent));
            Assert.Equal([resident], recipients.Select(r => r.To));
        }
        Assert.Single(await site.Smtp.MessagesToAsync(oblastResident));
        Assert.Equal(2, (await site.Smtp.MessagesToAsync(resident)).Count);
    }

    [Fact]
    public async Task Pausing_one_site_s_mail_holds_its_letters_and_not_another_site_s()
    {
        var hromada = await OtherSite.CreateAsync(site, 3, "hromada-pause.test");
        var held = Mail.NewAddress("held");
        var oblastResident = Mail.NewAddress("flowing");
        await site.SubscriberAsync(held, Frequency.Immediately, siteId: hromada.Id);
        await site.SubscriberAsync(oblastResident, Frequency.Immediately);
        await using (site.Scope(hromada.Id, out var db))
        {
            (await db.SiteSettings.SingleAsync()).MailPaused = true;
            await db.SaveChangesAsync();
        }
        // The hromada's alert is decided first, so unpaused it would be sent no later than the oblast's.
        var waiting = await site.PublishAsync("Громада оголосила збір для ЗСУ", siteId: hromada.Id);
        var flowing = await site.PublishAsync("Область оголосила графік прийому громадян");
        Assert.Equal(flowing.Title, (await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(oblastResident)).Single())).Subject);
        await using (site.Scope(hromada.Id, out var db))
        {
            var mailing = await Mail.EventuallyAsync(() => db.Mailings.AsNoTracking().SingleAsync(m => m.Key == Mailing.AlertKey(waiting.Id)), m => m.ExpandedAt is not null);
            Assert.Equal([DeliveryStatus.Waiting], await db.Deliveries.Where(d => d.MailingId == mailing.Id).Select(d => d.Status).ToListAsync());
            Assert.Empty(await site.Smtp.MessagesToAsync(held));
            (await db.SiteSettings.SingleAsync()).MailPaused = false;
            await db.SaveChangesAsync();
        }
        Assert.Equal(waiting.Title, (await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(held)).Single())).Subject);
    }

    [Fact]
    public async Task A_site_s_sender_is_its_own_and_only_on_its_own_or_the_installation_s_domain()
    {
        var hromada = await OtherSite.CreateAsync(site, 4, "hromada-sender.test");
        await OtherSite.CreateAsync(site, 5, "neighbour.test");
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: hromada.Id), hromada.Client(site));
        async Task<HttpResponseMessage> SaveAsync(string name, string address) => await admin.PostFormAsync("/admin/settings", "/admin/settings",
            ("Form.BodyName", hromada.Name), ("Form.MailSenderName", name), ("Form.MailSenderAddress", address));

        foreach (var (name, address) in new[] { ("Сусіди", "news@neighbour.test"), ("Хтось", "news@example.org"), ("Обласна військова адміністрація", "governor@visnyk.test"), ("Рядок\r\nBcc: x@example.org", "news@hromada-sender.test") })
        {
            var refused = await SaveAsync(name, address);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotEmpty(new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".form__errors")!.TextContent.Trim());
        }
        var saved = await SaveAsync("Вісті громади", "visti@hromada-sender.test");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect,
            new HtmlParser().ParseDocument(await saved.Content.ReadAsStringAsync()).QuerySelector(".form__errors")?.TextContent);

        var resident = Mail.NewAddress("sender");
        await site.SubscriberAsync(resident, Frequency.Immediately, siteId: hromada.Id);
        var news = await site.PublishAsync("Громада відремонтувала міст через річку", siteId: hromada.Id);
        var alert = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(resident)).Single());
        Assert.Equal(news.Title, alert.Subject);
        Assert.Equal(("Вісті громади", "visti@hromada-sender.test"), (alert.From.Mailboxes.Single().Name, alert.From.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task A_hromada_s_pages_and_feeds_link_to_its_own_host_not_the_installation_s_public_address()
    {
        var hromada = await OtherSite.CreateAsync(site, 6, "hromada-links.test");
        int id;
        await using (site.Scope(hromada.Id, out var db))
        {
            id = await db.Articles.Select(a => a.Id).SingleAsync();
        }
        var origin = $"http://{hromada.Host}";
        var client = hromada.Client(site);
        var response = await client.GetAsync($"/news/{id}-novyna-hromady");
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode} {response.Headers.Location}");
        var article = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{origin}/news/{id}-novyna-hromady", article.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Contains($"Sitemap: {origin}/sitemap.xml", await client.GetStringAsync("/robots.txt"));
        var feed = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/feeds/news.rss"));
        var links = feed.Descendants().Where(e => e.Name.LocalName == "link").Select(e => (string?)e.Attribute("href") ?? e.Value).ToList();
        Assert.Contains($"{origin}/news/{id}-novyna-hromady", links);
        Assert.DoesNotContain(links, l => l.StartsWith(MailSite.PublicUrl));
        // The oblast keeps its configured address.
        Assert.Contains($"Sitemap: {MailSite.PublicUrl}/sitemap.xml", await site.Browserless().GetStringAsync("/robots.txt"));
    }
}
