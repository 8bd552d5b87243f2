using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Search;

namespace Visnyk.Tests.Search;

// Until the search index is first built, an article page lists related news by shared tags only.
// Pages cached meanwhile are rendered again once the index is ready, with its related news.
public class RelatedWhileBuildingTests(RelatedWhileBuildingTests.BuildingSite site) : IClassFixture<RelatedWhileBuildingTests.BuildingSite>
{
    [Fact]
    public async Task A_page_cached_while_the_index_builds_shows_the_index_related_news_once_it_is_ready()
    {
        // Two articles alike in words and sharing no tag: only the index relates them.
        var at = DateTime.UtcNow.AddHours(-1);
        var article = SearchSite.Published("Бригада ремонтує водогін у Хорошках",
            "<p>Насосна станція в Хорошках стоїть: бригада міняє труби водогону, водопостачання відновлять за тиждень.</p>", at);
        var alike = SearchSite.Published("Водогін у Хорошках запрацює до зими",
            "<p>Нові труби водогону й насосна станція: водопостачання в Хорошках відновлять до зими, каже бригада.</p>", at.AddMinutes(5));
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.AddRange(article, alike);
            await db.SaveChangesAsync();
        }
        var index = site.Services.GetRequiredService<NewsIndex>();
        Assert.False(index.IsReady);

        var client = site.Browserless();
        Assert.DoesNotContain(alike.Title, await RelatedAsync(client, article.Path));
        // Cached: a change made behind the cache's back does not show.
        await using (var scope = site.Scope(out var db))
        {
            await db.Articles.Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Бригада ремонтує водогін (змінено)"));
        }
        Assert.Contains(article.Title, (await client.GetDocumentAsync(article.Path)).QuerySelector("h1")!.TextContent);

        await site.CaughtUpAsync(); // the index is built
        Assert.True(index.IsReady);
        Assert.Contains(alike.Title, await RelatedAsync(client, article.Path));
    }

    static async Task<List<string>> RelatedAsync(HttpClient client, string path) =>
        (await client.GetDocumentAsync(path)).QuerySelectorAll(".related .news-item__title").Select(a => a.TextContent.Trim()).ToList();

    // No background jobs: the index is built only when the test asks.
    public class BuildingSite : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Visnyk:BackgroundJobs", "false");
        }
    }
}
