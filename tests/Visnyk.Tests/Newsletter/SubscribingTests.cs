using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Newsletter;

public class StrictMailSite : MailSite
{
    protected override int SignUpsPerHour => 3;
}

// One client address may post the sign-up form a few times an hour, then gets a plain answer why not.
public class SignUpLimitTests(StrictMailSite site) : IClassFixture<StrictMailSite>
{
    [Fact]
    public async Task Too_many_sign_ups_from_one_address_are_refused_with_a_clear_page()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await site.Browserless().SignUpAsync(Mail.NewAddress("many"), ("all", "daily"))).StatusCode);
        }
        var email = Mail.NewAddress("fourth");
        var refused = await site.Browserless().SignUpAsync(email, ("all", "daily"));
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Забагато спроб", await refused.Content.ReadAsStringAsync());
        // Reading the form is not limited.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await site.Browserless().GetAsync("/subscribe")).StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Deliveries.AnyAsync(d => d.To == email));
    }
}

// Signing up, confirming, managing and leaving, through HTTP, with the mail read back from a real SMTP server.
public class SubscribingTests(MailSite site) : IClassFixture<MailSite>
{
    [Fact]
    public async Task A_resident_confirms_gets_an_alert_and_leaves_in_one_click()
    {
        var email = Mail.NewAddress("ivanna");
        var response = await site.Browserless().SignUpAsync(email.ToUpperInvariant(), ("all", "immediately"));
        Assert.Equal("/subscribe/sent", response.Headers.Location?.OriginalString);

        // Double opt-in: the confirmation is the only mail, and nothing is stored yet.
        var confirmation = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(email)).Single());
        Assert.Contains("Підтвердіть підписку", confirmation.Subject);
        Assert.Null(confirmation.Headers["List-Unsubscribe"]);
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
        }
        // Opening the link asks; only the button subscribes (mail scanners open links too).
        var confirmPath = Mail.Link(confirmation, "/subscribe/confirm/");
        var page = await site.Browserless().GetStringAsync(confirmPath);
        Assert.Contains(email, page);
        var manage = await site.ConfirmAsync(email);
        Assert.StartsWith("/subscribe/manage/", manage);
        Assert.Contains("Підписку підтверджено", await site.Browserless().GetStringAsync(manage));

        var article = await site.PublishAsync("Відкрито новий укриттєвий центр у Полтаві");
        var alerts = await site.Smtp.WaitForAsync(email, 2);
        var alert = await site.Smtp.MessageAsync(alerts[1]);
        Assert.Equal(article.Title, alert.Subject);
        Assert.Contains(article.Title, alert.TextBody);
        Assert.Contains(MailSite.PublicUrl + article.Path, alert.TextBody);
        Assert.Contains(article.Title, alert.HtmlBody);
        Assert.DoesNotContain("<script", alert.HtmlBody);
        Assert.Equal("List-Unsubscribe=One-Click", alert.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = alert.Headers["List-Unsubscribe"]!.Trim('<', '>', ' ');
        Assert.Equal(unsubscribe[MailSite.PublicUrl.Length..], Mail.Link(alert, "/unsubscribe/"));
        Assert.Contains(MailSite.PublicUrl + "/subscribe/manage/", alert.TextBody);

        // RFC 8058: the mail program posts once, with no cookie and no antiforgery token.
        var oneClick = await site.CreateClient().PostAsync(unsubscribe[MailSite.PublicUrl.Length..],
            new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("Ви відписалися", await oneClick.Content.ReadAsStringAsync());
        // Never asks twice: the link opened again just says it is done.
        var again = await site.Browserless().GetStringAsync(unsubscribe[MailSite.PublicUrl.Length..]);
        Assert.Contains("Ви відписалися", again);
        Assert.DoesNotContain("<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\"", again);

        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
        }
        var after = await site.PublishAsync("Ще одна новина після відписки");
        await using (var scope = site.Scope(out var db))
        {
            var key = Visnyk.Newsletter.Mailing.AlertKey(after.Id);
            var mailing = await Mail.EventuallyAsync(() => db.Mailings.AsNoTracking().SingleAsync(m => m.Key == key), m => m.ExpandedAt is not null);
            Assert.NotNull(mailing.ExpandedAt);
            Assert.False(await db.Deliveries.AnyAsync(d => d.MailingId == mailing.Id && d.To == email));
        }
        Assert.Equal(2, (await site.Smtp.MessagesToAsync(email)).Count);
    }

    [Fact]
    public async Task A_sign_up_posted_from_another_site_is_refused()
    {
        var email = Mail.NewAddress("crosssite");
        var request = new HttpRequestMessage(HttpMethod.Post, "/subscribe")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("Email", email), KeyValuePair.Create("Topics[all]", "daily")]),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Browserless().SendAsync(request)).StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Deliveries.AnyAsync(d => d.To == email));
    }

    [Fact]
    public async Task Unsubscribing_twice_at_once_says_done_both_times()
    {
        var subscriber = await site.SubscriberAsync(Mail.NewAddress("twice"), Frequency.Daily);
        var path = $"/unsubscribe/{site.Services.GetRequiredService<MailTokens>().ForUnsubscribing(subscriber.Id, subscriber.Stamp, Frequency.Daily)}";
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => site.CreateClient().PostAsync(path,
            new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]))));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Ви відписалися", await response.Content.ReadAsStringAsync());
        }
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Subscribers.AnyAsync(s => s.Id == subscriber.Id));
    }

    [Fact]
    public async Task The_sign_up_page_has_one_address_field()
    {
        var document = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync("/subscribe"));
        Assert.Single(document.QuerySelectorAll("input[type=email]"));
        Assert.Null(document.QuerySelector("section.subscribe"));
    }

    [Fact]
    public async Task The_answer_does_not_tell_whether_an_address_is_subscribed()
    {
        var known = Mail.NewAddress("known");
        await site.SubscriberAsync(known, Frequency.Daily);
        var unknown = Mail.NewAddress("unknown");
        var first = await site.Browserless().SignUpAsync(known, ("all", "weekly"));
        var second = await site.Browserless().SignUpAsync(unknown, ("all", "weekly"));
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        // The subscribed address gets a confirmation too; its subscriptions do not change until it is followed.
        await site.Smtp.WaitForAsync(known);
        await using var scope = site.Scope(out var db);
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions).SingleAsync(s => s.Email == known);
        Assert.Equal(Frequency.Daily, subscriber.Subscriptions.Single().Frequency);
    }

    [Theory]
    [InlineData("", "Вкажіть адресу")]
    [InlineData("ivanna", "з одним знаком @")]
    [InlineData("ivanna@", "з одним знаком @")]
    [InlineData("a@b@example.com", "з одним знаком @")]
    [InlineData("Іванна@example.com", "лише латинські літери")]
    [InlineData("\"a b\"@example.com", "лише латинські літери")]
    [InlineData("ivanna@localhost", "має бути доменом")]
    [InlineData("ivanna@exa mple.com", "має бути доменом")]
    [InlineData("ivanna@example.com\r\nBcc: victim@example.com", "з одним знаком @")]
    [InlineData("<script>alert(1)</script>@example.com", "лише латинські літери")]
    public async Task A_bad_address_gets_a_clear_message_and_nothing_is_sent(string email, string message)
    {
        var response = await site.Browserless().SignUpAsync(email, ("all", "daily"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("true", document.QuerySelector("#email")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_long_address_and_no_topic_are_refused_with_reasons()
    {
        var tooLong = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".ua";
        var html = await (await site.Browserless().SignUpAsync(tooLong, ("all", "daily"))).Content.ReadAsStringAsync();
        Assert.Contains("Адреса задовга", html);
        html = await (await site.Browserless().SignUpAsync(Mail.NewAddress("none"), ("all", ""), ("d999999", "daily"))).Content.ReadAsStringAsync();
        Assert.Contains("Оберіть хоча б одну тему", html);
    }

    [Fact]
    public async Task A_filled_bot_trap_looks_accepted_but_sends_nothing()
    {
        var email = Mail.NewAddress("bot");
        var response = await site.Browserless().PostAsync("/subscribe", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("Email", email), KeyValuePair.Create("Topics[all]", "daily"), KeyValuePair.Create("Website", "http://spam.example"),
        ]));
        Assert.Equal("/subscribe/sent", response.Headers.Location?.OriginalString);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Deliveries.AnyAsync(d => d.To == email));
    }

    [Fact]
    public async Task One_address_gets_at_most_three_confirmations_a_day()
    {
        var email = Mail.NewAddress("flooded");
        for (var i = 0; i < 5; i++)
        {
            var response = await site.Browserless().SignUpAsync(email, ("all", "daily"));
            Assert.Equal("/subscribe/sent", response.Headers.Location?.OriginalString);
        }
        await site.Smtp.WaitForAsync(email, 3);
        Assert.Equal(3, (await site.SettledAsync(email)).Count);
    }

    [Fact]
    public async Task A_confirmation_link_works_once_and_cannot_bring_back_someone_who_left()
    {
        var email = Mail.NewAddress("once");
        await site.Browserless().SignUpAsync(email, ("all", "daily"));
        var link = Mail.Link(await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(email)).Single()), "/subscribe/confirm/");
        // The page left open in another tab, to press its button again later.
        var tab = site.Browserless();
        var form = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", await tab.AntiforgeryTokenAsync(link))]);
        var manage = await site.ConfirmAsync(email);

        // Pressed again, or opened again: a clear page, and no button.
        await AssertUsedAsync(await tab.PostAsync(link, form));
        await AssertUsedAsync(await site.Browserless().GetAsync(link));

        // The subscriber leaves; the old link does not bring them back.
        var tokens = site.Services.GetRequiredService<MailTokens>();
        var (id, stamp) = tokens.ReadManaging(manage["/subscribe/manage/".Length..].Split('?')[0])!.Value;
        var left = await site.CreateClient().PostAsync($"/unsubscribe/{tokens.ForUnsubscribing(id, stamp, null)}",
            new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        await AssertUsedAsync(await tab.PostAsync(link, form));
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
        }

        // Signing up again gives a new link, which works (once).
        await site.Browserless().SignUpAsync(email, ("all", "weekly"));
        await site.Smtp.WaitForAsync(email, 2);
        Assert.StartsWith("/subscribe/manage/", await site.ConfirmAsync(email));
        await using (var scope = site.Scope(out var db))
        {
            var subscriber = await db.Subscribers.Include(s => s.Subscriptions).SingleAsync(s => s.Email == email);
            Assert.Equal(Frequency.Weekly, subscriber.Subscriptions.Single().Frequency);
        }

        static async Task AssertUsedAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Contains("вже використано", document.QuerySelector("main [role=alert]")?.TextContent);
            Assert.Null(document.QuerySelector("main form[method=post]"));
        }
    }

    [Fact]
    public async Task Expired_or_forged_confirmation_links_say_so_and_subscribe_nobody()
    {
        var email = Mail.NewAddress("late");
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-49));
        var oldTokens = new MailTokens(site.Services.GetRequiredService<IDataProtectionProvider>(), Options.Create(new MailOptions()), past);
        var expired = oldTokens.ForConfirmation(new MailTokens.SignUp(email, [new(TopicKind.All, 0, Frequency.Daily)]));
        foreach (var token in new[] { expired, "forged-token", expired[..^4] + "AAAA" })
        {
            var page = await site.Browserless().GetStringAsync($"/subscribe/confirm/{token}");
            Assert.Contains("недійсне або застаріло", page);
        }
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Subscribers.AnyAsync(s => s.Email == email));
    }
}
