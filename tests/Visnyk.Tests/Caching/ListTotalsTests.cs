using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Tests.Caching;

// The totals of the public lists (all news, a tag's, a department's) are kept in memory with the
// latest news (LatestNews.TotalAsync): with the output cache off the lists are read on every request,
// their totals not, until a change of the site's articles (ArticleEviction) or of its tags and
// departments (SiteChrome.ChangedAsync) forgets them.
public class ListTotalsTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    internal static async Task<int> CountAsync(HttpClient client, string path)
    {
        var page = await client.GetDocumentAsync(path);
        var text = page.QuerySelector("p.list-count")?.TextContent ?? throw new InvalidOperationException($"{path} has no list count");
        return int.Parse(text.Split(':')[1].Trim());
    }

    // An article of the tag with most public ones, and that tag's address.
    async Task<(Article Article, string TagPath)> TaggedAsync()
    {
        await using var scope = site.Scope(out var db);
        var now = DateTime.UtcNow;
        var tag = await db.Tags.OrderByDescending(t => db.Articles.Published(now).Count(a => a.Tags.Any(x => x.Id == t.Id))).FirstAsync();
        var article = await db.Articles.Published(now).WithTag(tag.Id).Include(a => a.Departments).Include(a => a.Tags).AsNoTracking().Newest().FirstAsync();
        return (article, $"/tags/{tag.Slug}");
    }

    async Task WithdrawBehindMemorysBackAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Draft));
    }

    async Task RestoreAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published));
        site.Services.GetRequiredService<LatestNews>().Invalidate();
    }

    [Fact]
    public async Task Totals_come_from_memory_until_an_article_change_forgets_them()
    {
        var client = site.Browserless();
        var (article, tagPath) = await TaggedAsync();
        // Twice each: a total counted as of a moment before the latest news were read is not kept.
        var tagTotal = await CountAsync(client, tagPath);
        var allTotal = await CountAsync(client, "/news");
        Assert.Equal(tagTotal, await CountAsync(client, tagPath));
        Assert.Equal(allTotal, await CountAsync(client, "/news"));
        Assert.Contains(article.Title, await client.GetStringAsync(tagPath));

        await WithdrawBehindMemorysBackAsync(article.Id);
        try
        {
            // The list itself is read again (the article is gone from it), its total is the one kept.
            var html = await client.GetStringAsync(tagPath);
            Assert.DoesNotContain(article.Title, html);
            Assert.Equal(tagTotal, await CountAsync(client, tagPath));
            Assert.Equal(allTotal, await CountAsync(client, "/news"));

            // As the withdrawal's save does.
            var before = ArticleEviction.State.Of(article, DateTime.UtcNow);
            await ArticleEviction.EvictAsync(site.Services.GetRequiredService<IOutputCacheStore>(), site.Services.GetRequiredService<LatestNews>(), before, before with { IsPublic = false }, null, CancellationToken.None);
            Assert.Equal(tagTotal - 1, await CountAsync(client, tagPath));
            Assert.Equal(allTotal - 1, await CountAsync(client, "/news"));
        }
        finally
        {
            await RestoreAsync(article.Id);
        }
    }

    [Fact]
    public async Task A_change_of_tags_or_departments_forgets_the_totals()
    {
        var client = site.Browserless();
        var (article, tagPath) = await TaggedAsync();
        var tagTotal = await CountAsync(client, tagPath);
        Assert.Equal(tagTotal, await CountAsync(client, tagPath));

        await WithdrawBehindMemorysBackAsync(article.Id);
        try
        {
            Assert.Equal(tagTotal, await CountAsync(client, tagPath));
            // As a tag's merge or a department's change does (Admin/Tags, Admin/Departments).
            await site.Services.GetRequiredService<SiteChrome>().ChangedAsync(site.Services.GetRequiredService<IOutputCacheStore>(), CancellationToken.None);
            Assert.Equal(tagTotal - 1, await CountAsync(client, tagPath));
        }
        finally
        {
            await RestoreAsync(article.Id);
        }
    }
}
