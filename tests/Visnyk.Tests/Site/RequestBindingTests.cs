using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Site;

// What a page shows comes from its address: route values first, then the query. A form body counts
// only on a POST, and never over the address: otherwise a GET with a body could put another page
// into the shared cache under a public address, and a posted field could replace a link's token.
public class RequestBindingTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static HttpRequestMessage GetWithBody(string path, params (string Name, string Value)[] fields) =>
        new(HttpMethod.Get, path) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };

    [Fact]
    public async Task A_form_body_on_a_GET_neither_filters_the_page_nor_reaches_the_cache()
    {
        var client = site.Browserless();
        var sent = await client.SendAsync(GetWithBody("/news", ("q", "щщщзззккк"), ("from", "2001-01-01"), ("to", "2001-01-02")));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var shown = await Html.ParseAsync(await sent.Content.ReadAsStringAsync());
        Assert.NotEmpty(shown.QuerySelectorAll("main .news-item"));
        Assert.Equal("", shown.QuerySelector("input#q")!.GetAttribute("value") ?? "");
        // The next reader of /news gets the whole list, not what the body asked for.
        Assert.NotEmpty((await client.GetDocumentAsync("/news")).QuerySelectorAll("main .news-item"));
    }

    [Fact]
    public async Task A_form_body_on_a_GET_does_not_replace_the_article_in_the_address()
    {
        List<Article> two;
        await using (var scope = site.Scope(out var db))
        {
            two = await db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).Take(2).ToListAsync();
        }
        var (shown, other) = (two[0], two[1]);
        var response = await site.Browserless().SendAsync(GetWithBody(shown.Path, ("key", $"{other.Id}-{other.Slug}")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(shown.Title, doc.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_posted_field_cannot_replace_the_unsubscribe_token_in_the_address()
    {
        var owner = await site.SubscriberAsync(Mail.NewAddress("owner"), Frequency.Daily);
        var victim = await site.SubscriberAsync(Mail.NewAddress("victim"), Frequency.Daily);
        var tokens = site.Services.GetRequiredService<MailTokens>();
        var response = await site.Browserless().PostAsync($"/unsubscribe/{tokens.ForUnsubscribing(owner.Id, owner.Stamp, Frequency.Daily)}",
            new FormUrlEncodedContent([
                KeyValuePair.Create("List-Unsubscribe", "One-Click"),
                KeyValuePair.Create("token", tokens.ForUnsubscribing(victim.Id, victim.Stamp, Frequency.Daily)),
            ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Subscribers.AnyAsync(s => s.Id == owner.Id));
        Assert.True(await db.Subscribers.AnyAsync(s => s.Id == victim.Id));
    }
}
