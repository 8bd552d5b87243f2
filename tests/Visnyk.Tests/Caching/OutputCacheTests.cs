using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;

namespace Visnyk.Tests.Caching;

public class OutputCacheTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<Article> ArticleAsync(string titleStart)
    {
        await using var scope = site.Scope(out var db);
        return await db.Articles.Include(a => a.Departments).Include(a => a.Tags).AsNoTracking().FirstAsync(a => a.Title.StartsWith(titleStart));
    }

    async Task RetitleAsync(int id, string title)
    {
        await using var scope = site.Scope(out var db);
        var article = await db.Articles.SingleAsync(a => a.Id == id);
        article.Title = title;
        article.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_change_evicts_exactly_the_pages_that_show_the_article()
    {
        var client = site.Browserless();
        // Once the search index is first ready, article pages are evicted (their related news came
        // from tags until then): let that happen before, not in the middle (a loaded CI saw it).
        var index = site.Services.GetRequiredService<Visnyk.Search.NewsIndex>();
        Assert.True(await Newsletter.Mail.EventuallyAsync(() => Task.FromResult(index.IsReady), ready => ready, seconds: 60));
        await Search.SearchSite.CaughtUpAsync(site);
        var changed = await ArticleAsync("Синоптики");
        var unrelated = await ArticleAsync("Жити без бар’єрів"); // a June article: not among the nine latest
        var changedPage = changed.Path;
        var unrelatedPage = unrelated.Path;
        var departmentPage = "/departments/departament-sotsialnoho-zakhystu-naselennia"; // does not list it

        // Render and cache the pages, and see each one come from the cache (Age) before going on:
        // the cache stores a page just after sending it, so the next request may come first.
        foreach (var url in new[] { changedPage, unrelatedPage, "/news", departmentPage })
        {
            await client.GetStringAsync(url);
            var cached = await Newsletter.Mail.EventuallyAsync(() => client.GetAsync(url), response => response.Headers.Age is not null, seconds: 10);
            Assert.True(cached.Headers.Age is not null, $"{url} is not served from the output cache");
        }

        // Change the database behind the cache's back: cached pages still show the old title.
        await RetitleAsync(changed.Id, "Синоптики попереджають: оновлений заголовок");
        Assert.DoesNotContain("оновлений заголовок", await client.GetStringAsync(changedPage));
        Assert.DoesNotContain("оновлений заголовок", await client.GetStringAsync("/news"));

        // Evict as an editor's save will: the pages showing it change, the others stay cached.
        var store = site.Services.GetRequiredService<IOutputCacheStore>();
        var state = ArticleEviction.State.Of(changed, DateTime.UtcNow);
        await ArticleEviction.EvictAsync(store, site.Services.GetRequiredService<LatestNews>(), state, state, null, CancellationToken.None);
        await RetitleAsync(unrelated.Id, "Жити без бар’єрів: нова назва, ще не видна");

        Assert.Contains("оновлений заголовок", await client.GetStringAsync(changedPage));
        Assert.Contains("оновлений заголовок", await client.GetStringAsync("/news"));
        // The unrelated article's page lists the changed one under "Останні новини", so it is evicted too...
        var unrelatedHtml = await client.GetStringAsync(unrelatedPage);
        Assert.Contains("оновлений заголовок", unrelatedHtml);
        // ...but the department page, which shows neither, was not evicted: it still has the old title of the other one.
        var departmentHtml = await client.GetStringAsync(departmentPage);
        Assert.Contains("Жити без бар’єрів: як в Новосанжарському", departmentHtml);
        Assert.DoesNotContain("нова назва, ще не видна", departmentHtml);
    }

    [Fact]
    public async Task Pages_carry_an_etag_and_last_modified_and_answer_304()
    {
        var client = site.Browserless();
        var first = await client.GetAsync("/sitemap");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var again = new HttpRequestMessage(HttpMethod.Get, "/sitemap");
        again.Headers.IfNoneMatch.Add(etag!);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var other = new HttpRequestMessage(HttpMethod.Get, "/sitemap");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);

        var article = await ArticleAsync("Членкині");
        var page = await client.GetAsync(article.Path);
        var lastModified = page.Content.Headers.LastModified;
        Assert.NotNull(lastModified);
        var since = new HttpRequestMessage(HttpMethod.Get, article.Path);
        since.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);
        var before = new HttpRequestMessage(HttpMethod.Get, article.Path);
        before.Headers.IfModifiedSince = lastModified!.Value.AddDays(-1);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(before)).StatusCode);
    }

    [Fact]
    public async Task Pages_are_compressed_with_brotli_or_gzip()
    {
        var client = site.Browserless();
        foreach (var (encoding, expected) in new[] { ("br", "br"), ("gzip", "gzip") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/news");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            var response = await client.SendAsync(request);
            Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        }
    }

    [Fact]
    public async Task Static_assets_have_fingerprinted_addresses()
    {
        var doc = await site.Browserless().GetDocumentAsync("/");
        var css = doc.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var js = doc.QuerySelector("script[src]")!.GetAttribute("src")!;
        Assert.Matches(@"^/css/site\.[a-z0-9]{10}\.css$", css);
        Assert.Matches(@"^/js/site\.[a-z0-9]{10}\.js$", js);
        Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync(css)).StatusCode);
    }
}

public class UncachedPagesTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    [Fact]
    public async Task With_the_output_cache_off_every_request_renders_and_still_answers_304()
    {
        var client = site.Browserless();
        var first = await client.GetAsync("/news");
        var request = new HttpRequestMessage(HttpMethod.Get, "/news");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(request)).StatusCode);

        await using (var scope = site.Scope(out var db))
        {
            var article = await db.Articles.OrderByDescending(a => a.PublishedAt).FirstAsync();
            article.Title = "Заголовок змінено без витіснення з кешу";
            await db.SaveChangesAsync();
        }
        // No cache: the change shows at once, and the old ETag no longer matches.
        var changed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/news") { Headers = { IfNoneMatch = { first.Headers.ETag! } } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Заголовок змінено без витіснення з кешу", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_etag_is_the_hash_of_every_byte_of_a_long_page()
    {
        // A page many times the buffer's block: the hash must cover the end too, or two versions
        // differing only there would share an ETag and a reader keep the old one (a 304).
        var body = string.Concat(Enumerable.Range(0, 1500).Select(i => $"<p>Абзац {i}: громада отримала обладнання для пункту незламності.</p>"));
        var article = Search.SearchSite.Published($"Довга новина {Guid.NewGuid():N}", body, DateTime.UtcNow.AddMinutes(-1));
        await using (var scope = site.Scope(out var db))
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync();
        }
        var client = site.Browserless();
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/news/{article.Id}-{article.Slug}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentEncoding.FirstOrDefault());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100_000, $"{bytes.Length} bytes");
        Assert.Equal($"\"{Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes))}\"", response.Headers.ETag!.Tag);
    }
}

// The home page's department lists are kept in memory with the latest news (LatestNews): with the
// output cache off, the page is rendered each time, yet the lists are not read again from the
// database until a change of the site's articles forgets them (as every save does, ArticleEviction).
public class HomeDepartmentListsTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    [Fact]
    public async Task Home_department_lists_come_from_memory_until_an_article_change_forgets_them()
    {
        var client = site.Browserless();
        const string title = "Жити без бар’єрів: як в Новосанжарському"; // a June article: only in its department's list on the home page
        const string renamed = "Жити без бар’єрів: нова назва";
        Assert.Contains(title, await client.GetStringAsync("/"));

        Article article;
        await using (var scope = site.Scope(out var db))
        {
            article = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).SingleAsync(a => a.Title.StartsWith(title));
            article.Title = renamed;
            await db.SaveChangesAsync();
        }
        // Behind memory's back: the department's own page (read from the database) has the new
        // title, the home page's list still the one it kept.
        Assert.Contains(renamed, await client.GetStringAsync("/departments/departament-sotsialnoho-zakhystu-naselennia"));
        var home = await client.GetStringAsync("/");
        Assert.Contains(title, home);
        Assert.DoesNotContain(renamed, home);

        var state = ArticleEviction.State.Of(article, DateTime.UtcNow);
        await ArticleEviction.EvictAsync(site.Services.GetRequiredService<IOutputCacheStore>(), site.Services.GetRequiredService<LatestNews>(), state, state, null, CancellationToken.None);
        Assert.Contains(renamed, await client.GetStringAsync("/"));
    }
}
