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

    async Task<(int Article, string ArticlePath)> OtherSiteAsync()
    {
        await using var scope = site.Scope(out var db);
        if (!await db.Sites.AnyAsync(s => s.Id == 2))
        {
            db.Sites.Add(new Visnyk.Site.Site { Id = 2, Name = "Громада", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        // Contexts are pooled: the site goes back to the default before this one returns to the pool.
        db.SiteId = 2;
        try
        {
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
        finally
        {
            db.SiteId = Visnyk.Site.Site.Default;
        }
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

        // This site's own rows are untouched: its tag of the same address still lists its news.
        await using var scope = site.Scope(out var db);
        Assert.Equal(0, await db.Articles.CountAsync(a => a.Id == id));
        Assert.Equal(1, await db.Articles.IgnoreQueryFilters([Visnyk.Data.VisnykDb.SiteFilter]).CountAsync(a => a.Id == id));
    }

    [Fact]
    public async Task A_save_cannot_change_another_sites_row()
    {
        int id;
        await using (site.Scope(out var writer))
        {
            if (!await writer.Sites.AnyAsync(s => s.Id == 3))
            {
                writer.Sites.Add(new Visnyk.Site.Site { Id = 3, Name = "Третя громада", CreatedAt = DateTime.UtcNow });
                await writer.SaveChangesAsync();
            }
            writer.SiteId = 3;
            var article = new Article { Title = "Новина третьої громади", Slug = "novyna", Summary = "", Body = "", PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            writer.Articles.Add(article);
            await writer.SaveChangesAsync();
            writer.SiteId = Visnyk.Site.Site.Default;
            id = article.Id;
        }
        await using var scope = site.Scope(out var db);
        var other = await db.Articles.IgnoreQueryFilters([Visnyk.Data.VisnykDb.SiteFilter]).SingleAsync(a => a.Id == id);
        other.Title = "Змінено чужим сайтом";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
