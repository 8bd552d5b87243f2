using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Search;
using static Visnyk.Tests.Search.SearchSite;

namespace Visnyk.Tests.Search;

// Related news is remembered per article until its own site's documents change: a publication on
// another site (with 1,500 sites, one every few seconds somewhere) leaves it as it is.
public class RelatedPerSiteTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Another_sites_publication_keeps_a_sites_related_news_its_own_renews_them()
    {
        await site.EnsureSiteAsync(2, "Сусідня громада");
        var search = site.Services.GetRequiredService<NewsSearch>();
        int id;
        await using (site.Scope(out var db))
        {
            id = await db.Articles.Where(a => a.Title == Visnyk.Data.DemoContent.ReferenceTitle).Select(a => a.Id).SingleAsync();
        }
        await site.CaughtUpAsync();
        var first = search.Related(1, id, 6, DateTime.UtcNow);
        Assert.NotNull(first);
        Assert.NotEmpty(first);
        // Remembered: asked again, the same answer, not a new one.
        Assert.Same(first, search.Related(1, id, 6, DateTime.UtcNow));

        var before = search.VersionOf(1);
        await using (site.Scope(2, out var db))
        {
            db.Articles.Add(Published("Новина сусідньої громади", "<p>Сусідня громада відкрила укриття.</p>", DateTime.UtcNow.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Equal(before, search.VersionOf(1));
        Assert.NotEqual(before, search.VersionOf(2));
        Assert.Same(first, search.Related(1, id, 6, DateTime.UtcNow));

        await using (site.Scope(out var db))
        {
            db.Articles.Add(Published("Ще одна новина області", "<p>Область відкрила укриття.</p>", DateTime.UtcNow.AddMinutes(-1)));
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.NotEqual(before, search.VersionOf(1));
        Assert.NotSame(first, search.Related(1, id, 6, DateTime.UtcNow));
    }
}
