using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Tags;

namespace Visnyk.Tests.Site;

// Another site's rows in the same database never show on this site: a second site's article,
// department and tag (with the same kind of addresses as this site's) are written straight into the
// database, and every public way in (pages, feeds, sitemap, search, the API, old addresses) answers
// as if they were not there. (Multi-site, step 1: one site is served; the second exists only in data.)
public class SiteIsolationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Marker = "Новина іншої громади";

    async Task<(int Article, string ArticlePath)> OtherSiteAsync()
    {
        await site.EnsureSiteAsync(2, "Громада");
        await using var scope = site.Scope(2, out var db);
        var department = new Department { Name = "Відділ освіти громади", Slug = "viddil-osvity-hromady" };
        var tag = new Tag { Name = "громада", Slug = "osvita" }; // the same address as a tag of site 1
        var article = new Article
        {
            Title = $"{Marker}: зустріч зустріч", Slug = "novyna-inshoi-hromady", Summary = Marker, Body = $"<p>{Marker} зустріч.</p>",
            Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow.AddMinutes(-1),
            Departments = [department], Tags = [tag],
        };
        db.Articles.Add(article);
        db.OldAddresses.Add(new Visnyk.Import.OldAddress { Path = "/inshyi-sait/novyna", ArticleId = null, Target = "/news" });
        await db.SaveChangesAsync();
        return (article.Id, article.Path);
    }

    [Fact]
    public async Task Another_sites_article_department_and_tag_are_not_seen_by_any_public_way_in()
    {
        var client = site.Browserless();
        var (id, path) = await OtherSiteAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/news/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/departments/viddil-osvity-hromady")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/news/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/departments/viddil-osvity-hromady.rss")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/inshyi-sait/novyna")).StatusCode);
        foreach (var url in new[] { "/", "/news", "/departments", "/tags/osvita", "/sitemap", "/sitemap.xml", "/feeds/news.rss", "/feeds/tags/osvita.atom", "/api/v1/news", "/api/v1/tags", "/api/v1/departments", "/search?q=зустріч" })
        {
            var response = await client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.DoesNotContain(Marker, text);
            Assert.DoesNotContain("viddil-osvity-hromady", text);
            Assert.DoesNotContain("Відділ освіти громади", text);
        }

        await using var scope = site.Scope(out var db);
        Assert.Equal(0, await db.Articles.CountAsync(a => a.Id == id));
        await using (var owner = TestDatabase.Open(site.DataDirectory, site.PostgreSql))
        {
            Assert.Equal(1, await owner.Articles.IgnoreQueryFilters([Visnyk.Data.VisnykDb.SiteFilter]).CountAsync(a => a.Id == id));
        }
        // The compiled query of the latest news (built once for every context) takes each context's site.
        Assert.DoesNotContain(id, (await db.LatestAsync(DateTime.UtcNow, 9, CancellationToken.None)).Select(a => a.Id));
        await using (site.Scope(2, out var other))
        {
            Assert.Equal([id], (await other.LatestAsync(DateTime.UtcNow, 9, CancellationToken.None)).Select(a => a.Id));
        }
    }

    [Fact]
    public async Task A_save_cannot_change_another_sites_row()
    {
        int id;
        await site.EnsureSiteAsync(3, "Третя громада");
        await using (site.Scope(3, out var writer))
        {
            var article = new Article { Title = "Новина третьої громади", Slug = "novyna", Summary = "", Body = "", PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            writer.Articles.Add(article);
            await writer.SaveChangesAsync();
            id = article.Id;
        }
        await using var scope = site.Scope(out var db);
        if (TestDatabase.IsPostgreSql)
        {
            // Row-level security does not even show it (Data/RowSecurityTests).
            Assert.Null(await db.Articles.IgnoreQueryFilters([Visnyk.Data.VisnykDb.SiteFilter]).SingleOrDefaultAsync(a => a.Id == id));
            return;
        }
        var other = await db.Articles.IgnoreQueryFilters([Visnyk.Data.VisnykDb.SiteFilter]).SingleAsync(a => a.Id == id);
        other.Title = "Змінено чужим сайтом";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    // Contexts are pooled, and a context keeps its properties between leases: each new scope must
    // still get its own site, never the last lease's.
    [Fact]
    public async Task Each_scope_gets_its_own_site_from_the_pool_of_contexts()
    {
        for (var i = 0; i < 20; i++)
        {
            await using (site.Scope(3, out var other))
            {
                Assert.Equal(3, other.SiteId);
            }
            await using (site.Scope(out var db))
            {
                Assert.Equal(Visnyk.Site.Site.Default, db.SiteId);
            }
        }
    }

    // One search index holds every site's articles: searches and "Новини за темою" stay in their site,
    // even for an article of another site with the very same words.
    [Fact]
    public async Task Search_and_related_news_never_cross_sites()
    {
        await site.EnsureSiteAsync(4, "Четверта громада");
        Article twin;
        Article original;
        await using (site.Scope(out var db))
        {
            original = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).FirstAsync();
        }
        await using (site.Scope(4, out var db))
        {
            twin = new Article
            {
                Title = original.Title, Slug = original.Slug, Summary = original.Summary, Body = original.Body,
                Status = ArticleStatus.Published, PublishedAt = original.PublishedAt, UpdatedAt = original.UpdatedAt,
            };
            db.Articles.Add(twin);
            await db.SaveChangesAsync();
        }
        var indexer = site.Services.GetRequiredService<Visnyk.Search.SearchIndexer>();
        var search = site.Services.GetRequiredService<Visnyk.Search.NewsSearch>();
        await indexer.CatchUpAsync();
        var words = original.Title;
        Visnyk.Search.SearchResults Find(int siteId) => search.Search(new Visnyk.Search.SearchRequest(
            words, [], [], null, null, Visnyk.Search.SearchOrder.Relevance, 1, 50), siteId, DateTime.UtcNow)!;
        // The twin is in the index (its own site finds it, and only it), and the first site never sees it.
        Assert.Equal([twin.Id], Find(4).Hits.Select(h => h.Id));
        Assert.Contains(original.Id, Find(1).Hits.Select(h => h.Id));
        Assert.DoesNotContain(twin.Id, Find(1).Hits.Select(h => h.Id));
        Assert.DoesNotContain(twin.Id, search.Related(1, original.Id, 6, DateTime.UtcNow) ?? []);
        Assert.Empty(search.Related(4, twin.Id, 6, DateTime.UtcNow) ?? [-1]);
        // Asked by another site than the article's, there is no answer.
        Assert.Null(search.Related(1, twin.Id, 6, DateTime.UtcNow));
        var page = await site.Browserless().GetStringAsync(original.Path);
        Assert.DoesNotContain($"/news/{twin.Id}-", page);
    }

    // The scheduler finds every site's due articles and publishes each in its own site: what the
    // publication writes (its change for the search index, its version) belongs to that site.
    [Fact]
    public async Task The_scheduler_publishes_another_sites_due_article_in_that_site()
    {
        await site.EnsureSiteAsync(5, "П'ята громада");
        int id;
        await using (site.Scope(5, out var db))
        {
            var article = new Article
            {
                Title = "Заплановане громадою", Slug = "zaplanovane", Summary = "", Body = "<p>Текст.</p>",
                Status = ArticleStatus.Scheduled, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow.AddMinutes(-2),
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            id = article.Id;
        }
        var publisher = ActivatorUtilities.CreateInstance<Visnyk.Newsroom.ScheduledPublisher>(site.Services);
        await publisher.PublishDueAsync(CancellationToken.None);

        await using (site.Scope(5, out var db))
        {
            Assert.Equal(ArticleStatus.Published, (await db.Articles.SingleAsync(a => a.Id == id)).Status);
            Assert.NotEmpty(await db.Revisions.Where(r => r.ArticleId == id).ToListAsync());
            Assert.NotEmpty(await db.ArticleChanges.Where(c => c.ArticleId == id).ToListAsync());
        }
        await using (site.Scope(out var db))
        {
            Assert.Empty(await db.Revisions.Where(r => r.ArticleId == id).ToListAsync());
        }
    }
}
