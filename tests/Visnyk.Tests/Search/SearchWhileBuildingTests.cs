using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Search;

namespace Visnyk.Tests.Search;

// A visitor never sees search "unavailable" because the site has just started: until the index is
// first built, /search answers 200 from the database (every word in the title or summary, newest
// first) with a note, and keeps that answer out of the caches; once the index is ready, the full
// search (word forms, the body) answers the same address.
public class SearchWhileBuildingTests(RelatedWhileBuildingTests.BuildingSite site) : IClassFixture<RelatedWhileBuildingTests.BuildingSite>
{
    [Fact]
    public async Task Before_the_index_is_built_search_answers_from_the_database_with_a_note_and_is_not_cached()
    {
        var at = DateTime.UtcNow.AddHours(-1);
        var inTitle = SearchSite.Published("Водогін у Хорошках запрацює до зими", "<p>Бригада міняє труби.</p>", at);
        // Found only by the full search: the word is in the body, and in another form.
        var inBody = SearchSite.Published("Ремонт насосної станції", "<p>Нові труби водогону в Хорошках.</p>", at.AddMinutes(5));
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.AddRange(inTitle, inBody);
            await db.SaveChangesAsync();
        }
        Assert.False(site.Services.GetRequiredService<NewsIndex>().IsReady);

        var client = site.Browserless();
        var path = "/search?q=" + Uri.EscapeDataString("водогін Хорошках");
        var basic = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Contains("no-store", basic.Headers.CacheControl?.ToString());
        var page = await client.GetDocumentAsync(path);
        Assert.NotNull(page.QuerySelector(".search-basic"));
        var titles = page.QuerySelectorAll(".search-result__title").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(inTitle.Title, titles);
        Assert.DoesNotContain(inBody.Title, titles);

        await site.CaughtUpAsync(); // the index is built
        page = await client.GetDocumentAsync(path);
        Assert.Null(page.QuerySelector(".search-basic"));
        titles = page.QuerySelectorAll(".search-result__title").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(inTitle.Title, titles);
        Assert.Contains(inBody.Title, titles);
    }
}
