using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Visnyk.Newsroom;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Newsletter;

// Mail in its reader's language, through HTTP and a real SMTP server: a sign-up under /en gets
// English mail (confirmation, alerts, manage and unsubscribe pages) about English articles only,
// a Ukrainian one Ukrainian mail about Ukrainian articles; the manage page changes the language.
public class EnglishMailTests(MailSite site) : IClassFixture<MailSite>
{
    [Fact]
    public async Task A_reader_who_signs_up_in_English_gets_English_mail_about_English_articles_only()
    {
        var english = Mail.NewAddress("reader-en");
        var ukrainian = Mail.NewAddress("reader-uk");
        var client = site.Browserless();
        var signUp = await client.PostAsync("/en/subscribe", new FormUrlEncodedContent([KeyValuePair.Create("Topics[all]", "immediately"), KeyValuePair.Create("Email", english)]));
        Assert.Equal("/en/subscribe/sent", signUp.Headers.Location?.OriginalString);
        Assert.Equal("en", Lang(await client.GetStringAsync("/en/subscribe/sent")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignUpAsync(ukrainian, ("all", "immediately"))).StatusCode);
        // Each form in its own words: the English one leaves none of its own in the Ukrainian one.
        Assert.Contains(">as soon as published<", await client.GetStringAsync("/en/subscribe"));
        Assert.Contains(">одразу після публікації<", await client.GetStringAsync("/subscribe"));

        // The confirmation in English, its link to the English page.
        var confirmation = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(english)).Single());
        Assert.StartsWith("Confirm your news subscription", confirmation.Subject);
        Assert.Contains("Confirm subscription", confirmation.TextBody);
        var confirm = Mail.Link(confirmation, "/en/subscribe/confirm/");
        Assert.Equal("en", Lang(await client.GetStringAsync(confirm)));
        var confirmed = await client.PostFormAsync(confirm, confirm);
        var manage = confirmed.Headers.Location!.OriginalString;
        Assert.StartsWith("/en/subscribe/manage/", manage);
        var managePage = new HtmlParser().ParseDocument(await client.GetStringAsync(manage));
        Assert.Equal("en", managePage.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Your subscription is confirmed", managePage.Body!.TextContent);
        Assert.True(managePage.QuerySelector("input[name=Language][value=en]")!.HasAttribute("checked"));
        await using (site.Scope(out var db))
        {
            Assert.Equal("en", (await db.Subscribers.SingleAsync(s => s.Email == english)).Language);
        }
        Assert.StartsWith("/subscribe/manage/", await site.ConfirmAsync(ukrainian));

        var story = await site.PublishAsync("Українська новина для перевірки мови листів");
        var translation = await PublishEnglishAsync("An English story to check the language of the mail");
        Assert.StartsWith("/en/news/", translation.Path);

        // Each reader's inbox once every mailing is sent: the confirmation and the one alert in their language.
        var toEnglish = await site.SettledAsync(english);
        Assert.Equal(2, toEnglish.Count);
        var alert = await site.Smtp.MessageAsync(toEnglish.Single(m => m.Subject != confirmation.Subject));
        Assert.Equal(translation.Title, alert.Subject);
        Assert.Contains("New on the", alert.TextBody);
        Assert.Contains(MailSite.PublicUrl + translation.Path, alert.TextBody);
        Assert.Contains(MailSite.PublicUrl + "/en/subscribe/manage/", alert.TextBody);
        Assert.Equal("en", Lang(alert.HtmlBody!));
        var unsubscribe = alert.Headers["List-Unsubscribe"]!.Trim('<', '>', ' ');
        Assert.StartsWith(MailSite.PublicUrl + "/en/unsubscribe/", unsubscribe);
        var toUkrainian = await site.SettledAsync(ukrainian);
        Assert.Equal(2, toUkrainian.Count);
        var ukrainianAlert = await site.Smtp.MessageAsync(toUkrainian.Single(m => !m.Subject.Contains("Підтвердіть")));
        Assert.Equal(story.Title, ukrainianAlert.Subject);
        Assert.Contains(MailSite.PublicUrl + "/subscribe/manage/", ukrainianAlert.TextBody);
        Assert.DoesNotContain("/en/", ukrainianAlert.TextBody);

        // The one-click way out, in English.
        var left = await site.CreateClient().PostAsync(unsubscribe[MailSite.PublicUrl.Length..],
            new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]));
        Assert.True(left.IsSuccessStatusCode, $"{left.StatusCode}");
        var page = await client.GetStringAsync(unsubscribe[MailSite.PublicUrl.Length..]);
        Assert.Equal("en", Lang(page));
    }

    [Fact]
    public async Task The_manage_page_changes_the_language_of_the_mail_and_answers_in_it()
    {
        var subscriber = await site.SubscriberAsync(Mail.NewAddress("switches"), Frequency.Daily, language: "en");
        var token = site.Services.GetRequiredService<MailTokens>().ForManaging(subscriber);
        var client = site.Browserless();
        var path = $"/en/subscribe/manage/{token}";
        var saved = await client.PostFormAsync(path, path, ("Topics[all]", "weekly"), ("Language", "uk"));
        Assert.Equal($"/subscribe/manage/{token}?saved=true", saved.Headers.Location?.OriginalString);
        Assert.Equal("uk", Lang(await client.GetStringAsync(saved.Headers.Location!.OriginalString)));
        // A language the site does not have changes nothing.
        var again = await client.PostFormAsync(path, path, ("Topics[all]", "weekly"), ("Language", "xx"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var scope = site.Scope(out var db);
        var now = await db.Subscribers.Include(s => s.Subscriptions).SingleAsync(s => s.Id == subscriber.Id);
        Assert.Equal("uk", now.Language);
        Assert.Equal(Frequency.Weekly, now.Subscriptions.Single().Frequency);
    }

    static string? Lang(string html) => new HtmlParser().ParseDocument(html).DocumentElement.GetAttribute("lang");

    // Written in English and published through the newsroom's own path, which decides the alert.
    async Task<Article> PublishEnglishAsync(string title)
    {
        await using var scope = site.Scope(out var db);
        var article = Search.SearchSite.Published(title, "<p>Text.</p>", DateTime.UtcNow.AddSeconds(-1), summary: $"In short: {title}");
        article.Language = "en";
        article.Status = ArticleStatus.Draft;
        var publishing = scope.ServiceProvider.GetRequiredService<Publishing>();
        var before = publishing.Start(null);
        Assert.Equal(Outcome.Done, await publishing.RunAsync(article, ArticleAction.Publish, Actor.Site("test"), before, new ActionRequest(At: article.PublishedAt), default));
        return article;
    }
}
