using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Tests.Newsroom;

// Pressing "Опублікувати" on an article that is already published is a correction: it keeps the
// publication date (an outside check found it moved to today), shows when it was updated, and
// mails subscribers only when the editor asks.
public class CorrectionTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    static readonly DateTime Published = new(2025, 8, 21, 9, 30, 0, DateTimeKind.Utc);

    async Task<(int Id, int Department, string Tag)> OldArticleAsync()
    {
        await using var scope = site.Scope(out var db);
        var department = await db.Departments.FirstAsync(d => d.Slug == "departament-osvity-i-nauky");
        var slug = $"vypravlennia-{Guid.NewGuid():N}"[..24];
        var article = new Article
        {
            Title = "Школи області готові до навчального року", Slug = "shkoly-hotovi", Summary = "Анонс", Body = "<p>Перевірено 120 шкіл.</p>",
            Status = ArticleStatus.Published, PublishedAt = Published, UpdatedAt = Published,
            Departments = [department], Tags = [new Tag { Name = slug, Slug = slug }],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (article.Id, department.Id, slug);
    }

    async Task<HttpResponseMessage> PublishAgainAsync(HttpClient chief, int id, int department, string tag, string note, bool notify)
    {
        var edit = $"/admin/articles/edit/{id}";
        return await chief.PostFormAsync(edit, $"{edit}?handler=Publish",
            ("Form.Title", "Школи області готові до навчального року"), ("Form.Summary", "Анонс"),
            ("Form.Body", "<p>Перевірено 121 школу.</p>"), ("Form.Departments", department.ToString()), ("Form.Tags", tag),
            ("Form.ChangeNote", note), ("Form.NotifySubscribers", notify ? "true" : "false"));
    }

    [Fact]
    public async Task Publishing_a_published_article_again_keeps_its_date_and_shows_the_update()
    {
        var (id, department, tag) = await OldArticleAsync();
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var before = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.Redirect, (await PublishAgainAsync(chief, id, department, tag, "Уточнено кількість шкіл.", notify: false)).StatusCode);

        Article article;
        await using (var scope = site.Scope(out var db))
        {
            article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.False(await db.Mailings.AnyAsync(m => m.ArticleId == id), "a correction without the box ticked mails no one");
        }
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.Equal(Published, article.PublishedAt);
        Assert.InRange(article.UpdatedAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));

        var page = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync(article.Path));
        var updated = page.QuerySelector(".article__updated time")!;
        Assert.Equal(KyivTime.Iso(article.UpdatedAt), updated.GetAttribute("datetime"));
        Assert.Contains(KyivTime.Long(article.UpdatedAt), page.QuerySelector(".article__updated")!.TextContent);
        Assert.Contains("Уточнено кількість шкіл.", page.QuerySelector(".change-notes")!.TextContent);
        var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement
            .GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal(article.UpdatedAt, json.GetProperty("dateModified").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(Published, json.GetProperty("datePublished").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));

        var feed = SyndicationFeed.Load(XmlReader.Create(await site.Browserless().GetStreamAsync($"/feeds/tags/{tag}.atom")));
        var item = Assert.Single(feed.Items);
        Assert.Equal(Published, item.PublishDate.UtcDateTime);
        Assert.Equal(article.UpdatedAt, item.LastUpdatedTime.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_correction_alerts_subscribers_once_only_when_asked()
    {
        var (id, department, tag) = await OldArticleAsync();
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        await PublishAgainAsync(chief, id, department, tag, "Уточнено кількість шкіл.", notify: true);
        await using var scope = site.Scope(out var db);
        var mailing = await db.Mailings.AsNoTracking().SingleAsync(m => m.ArticleId == id);
        Assert.Equal(MailingKind.Update, mailing.Kind);
        Assert.Equal(Published, (await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id)).PublishedAt);
    }
}
