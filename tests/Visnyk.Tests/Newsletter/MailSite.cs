using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Newsletter;

// The site with its mail going to the shared smtp4dev.
public class MailSite : SiteFactory
{
    public const string PublicUrl = "http://visnyk.test";

    public Smtp4dev Smtp => Smtp4dev.Shared;

    protected virtual int SmtpPort => Smtp.SmtpPort;
    protected virtual int MaxHardFailures => 3;
    // Every test signs up from the same address; the per-address limit has its own test.
    protected virtual int SignUpsPerHour => 10_000;
    protected virtual int MessagesPerSecond => 500;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Visnyk:PublicUrl", PublicUrl);
        builder.UseSetting("Visnyk:Mail:Host", "127.0.0.1");
        builder.UseSetting("Visnyk:Mail:Port", SmtpPort.ToString());
        builder.UseSetting("Visnyk:Mail:From", "Полтавська ОВА <news@visnyk.test>");
        builder.UseSetting("Visnyk:Mail:MessagesPerSecond", MessagesPerSecond.ToString());
        builder.UseSetting("Visnyk:Mail:ClaimSeconds", "5");
        builder.UseSetting("Visnyk:Mail:MaxHardFailures", MaxHardFailures.ToString());
        builder.UseSetting("Visnyk:Mail:SignUpsPerHour", SignUpsPerHour.ToString());
    }
}

public static partial class Mail
{
    public static string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.org";

    public static Task<HttpResponseMessage> SignUpAsync(this HttpClient client, string email, params (string Topic, string Frequency)[] topics) =>
        client.PostAsync("/subscribe", new FormUrlEncodedContent(
            topics.Select(t => KeyValuePair.Create($"Topics[{t.Topic}]", t.Frequency)).Append(KeyValuePair.Create("Email", email))));

    public static async Task<MimeMessage> MessageAsync(this Smtp4dev smtp, Smtp4dev.Summary summary)
    {
        var raw = await smtp.RawAsync(summary.Id);
        return await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
    }

    // The site path of the first link in the message's text that starts with `prefix`, on the
    // site's address (the default site's unless another origin is given).
    public static string Link(MimeMessage message, string prefix, string origin = MailSite.PublicUrl)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(origin + prefix) + @"[A-Za-z0-9_\-]+");
        Assert.True(match.Success, $"No {origin}{prefix} link in:\n{message.TextBody}");
        return match.Value[origin.Length..];
    }

    // Follows a confirmation mail's link and presses its button; returns the manage page's path.
    public static async Task<string> ConfirmAsync(this MailSite site, string email)
    {
        var mail = await site.Smtp.MessageAsync((await site.Smtp.WaitForAsync(email)).Last());
        var client = site.Browserless();
        var path = Link(mail, "/subscribe/confirm/");
        var response = await client.PostFormAsync(path, path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<Article> PublishAsync(this SiteFactory site, string title, string? department = null, string? tag = null, int siteId = Visnyk.Site.Site.Default)
    {
        await using var scope = site.Scope(siteId, out var db);
        var article = Search.SearchSite.Published(title, "<p>Текст.</p>", DateTime.UtcNow.AddSeconds(-1), summary: $"Коротко: {title}");
        article.Departments = department is null ? [] : db.Departments.Where(d => d.Slug == department).ToList();
        article.Tags = tag is null ? [] : db.Tags.Where(t => t.Slug == tag).ToList();
        // Through the newsroom's own path, which decides the alert.
        article.Status = ArticleStatus.Draft;
        var publishing = scope.ServiceProvider.GetRequiredService<Publishing>();
        var before = publishing.Start(null);
        Assert.Equal(Outcome.Done, await publishing.RunAsync(article, ArticleAction.Publish, Actor.Site("test"), before, new ActionRequest(At: article.PublishedAt), default));
        return article;
    }

    // A confirmed subscriber put straight into the database (for tests about sending, not signing up).
    public static async Task<Subscriber> SubscriberAsync(this SiteFactory site, string email, Frequency frequency, TopicKind kind = TopicKind.All, int topicId = 0, int siteId = Visnyk.Site.Site.Default,
        string language = "uk")
    {
        await using var scope = site.Scope(siteId, out var db);
        var subscriber = new Subscriber
        {
            Email = email, Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow, Language = language,
            Subscriptions = [new Subscription { Kind = kind, TopicId = topicId, Frequency = frequency }],
        };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync();
        return subscriber;
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }
            await Task.Delay(200);
        }
    }
}
