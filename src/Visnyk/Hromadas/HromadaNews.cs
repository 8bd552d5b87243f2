using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Hromadas;

// "Новини громад": on an oblast's site, the news of the sites under it that chose to share them
// (SiteSettings.ShareWithParent), newest first, each linking to the article on its own site's
// host, where its canonical address stays. Read across sites (AllSites); nothing of a hromada that
// does not share, nor of another oblast's, is ever read. Pages and feeds carry the tag
// CacheTags.Hromadas of the oblast, evicted when a sharing hromada's news change (ArticleEviction).
public class HromadaNews(AllSites allSites, SiteHosts hosts, IOptions<SiteOptions> options)
{
    public record Item(int Id, string Title, string Summary, DateTime PublishedAt, DateTime UpdatedAt, string Hromada, string Url);

    // Null when no site is under this one (the page and feeds are not there at all).
    public async Task<Page<Item>?> PageAsync(VisnykDb db, int page, DateTime utcNow, CancellationToken ct, int size = Paging.PageSize)
    {
        var here = db.SiteId;
        var below = await db.Sites.Where(s => s.ParentId == here).Select(s => s.Id).ToListAsync(ct);
        if (below.Count == 0)
        {
            return null;
        }
        await using var all = allSites.Open();
        var sharing = await all.SiteSettings.IgnoreQueryFilters([VisnykDb.SiteFilter])
            .Where(s => s.ShareWithParent && below.Contains(EF.Property<int>(s, VisnykDb.SiteColumn)))
            .Select(s => new { Site = EF.Property<int>(s, VisnykDb.SiteColumn), s.BodyName }).ToListAsync(ct);
        var names = sharing.GroupBy(s => s.Site).ToDictionary(g => g.Key, g => g.First().BodyName);
        var sites = names.Keys.ToList();
        // In the default language, as the list's page is (a hromada's translations are not its news twice).
        var articles = all.Articles.IgnoreQueryFilters([VisnykDb.SiteFilter]).AsNoTracking().Published(utcNow).WrittenIn(SiteLanguage.Default)
            .Where(a => sites.Contains(EF.Property<int>(a, VisnykDb.SiteColumn)));
        var rows = await articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt, Site = EF.Property<int>(a, VisnykDb.SiteColumn) })
            .ToPageAsync(page, await articles.CountAsync(ct), ct, size);
        var origins = new Dictionary<int, string>();
        foreach (var site in rows.Items.Select(r => r.Site).Distinct())
        {
            origins[site] = await PublicUrl.OriginAsync(options.Value, hosts, site, ct);
        }
        var items = rows.Items.Select(r => new Item(r.Id, r.Title, r.Summary, r.PublishedAt, r.UpdatedAt, names[r.Site], $"{origins[r.Site]}/news/{r.Id}-{r.Slug}")).ToList();
        return new Page<Item>(items, rows.Number, rows.TotalPages, rows.TotalItems);
    }
}
