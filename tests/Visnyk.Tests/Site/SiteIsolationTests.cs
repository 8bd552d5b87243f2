using System.Net;
using Microsoft.EntityFrameworkCore;
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

    async Task EnsureSiteAsync(int id, string name)
    {
        await using var scope = site.Scope(out var db);
        if (!await db.Sites.AnyAsync(s => s.Id == id))
        {
            db.Sites.Add(new Visnyk.Site.Site { Id = id, Name = name, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
    }

    async Task<(int Article, string ArticlePath)> OtherSiteAsync()
    {
        await EnsureSiteAsync(2, "Громада");
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
        await EnsureSiteAsync(3, "Третя громада");
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
}
