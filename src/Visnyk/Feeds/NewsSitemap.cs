using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Feeds;

// The news sitemap, one part per PerFile articles of one language: /sitemaps/news-1.xml… hold
// the default language's news (the addresses they always had), /sitemaps/news-en-1.xml… English.
// Parts by language, not one sequence of every language: the default language's parts hold the
// same articles however many are translated (a translation never pushes a Ukrainian article into
// the next part), and an original and its translation each count towards their own language's
// 50,000. Size: a part of 50,000 articles, every one translated, with 160-character addresses,
// is ~44 MB of the 50 MB a sitemap may be; a third language would need smaller parts.
public static class NewsSitemap
{
    // An article and its public versions in the site's languages, itself included (hreflang
    // alternates), in SiteLanguage.All's order; empty when it has no public translation.
    public record Entry(string Path, DateTime UpdatedAt, IReadOnlyList<Alternate> Versions);

    public static string PartPath(SiteLanguage language, int file) => Part(language, file.ToString(CultureInfo.InvariantCulture));

    // The route of a language's parts.
    public static string Route(SiteLanguage language) => Part(language, "{file:int:range(1,10000)}");

    static string Part(SiteLanguage language, string file) =>
        language.IsDefault ? $"/sitemaps/news-{file}.xml" : $"/sitemaps/news-{language.Code}-{file}.xml";

    // How many parts each language has: the default language always one (an empty sitemap if it
    // has no news yet), another language none until it has news.
    public static async Task<IReadOnlyList<(SiteLanguage Language, int Parts)>> PartsAsync(VisnykDb db, DateTime now, CancellationToken ct)
    {
        var counts = await db.Articles.IgnoreQueryFilters([VisnykDb.LanguageFilter]).Published(now)
            .GroupBy(a => a.Language).Select(g => new { Language = g.Key, Count = g.Count() }).ToListAsync(ct);
        return SiteLanguage.All.Select(l =>
        {
            var parts = ((counts.FirstOrDefault(c => c.Language == l.Code)?.Count ?? 0) + Sitemaps.PerFile - 1) / Sitemaps.PerFile;
            return (l, l.IsDefault ? Math.Max(1, parts) : parts);
        }).ToList();
    }

    // One part, read in one query: the page of articles by id, each joined to its public original
    // (a translation's) and to the public translations of the original (an original's own, or a
    // translation's siblings and itself). Both joins are index lookups: the primary key, and
    // (SiteId, OriginalId, Language). With two languages it is one row per article.
    public static async Task<List<Entry>> PartAsync(VisnykDb db, SiteLanguage language, int file, DateTime now, CancellationToken ct)
    {
        var every = db.Articles.IgnoreQueryFilters([VisnykDb.LanguageFilter]).AsNoTracking().Published(now);
        var part = every.WrittenIn(language).OrderBy(a => a.Id).Skip((file - 1) * Sitemaps.PerFile).Take(Sitemaps.PerFile);
        var rows = await (
            from a in part
            join o in every on a.OriginalId equals (int?)o.Id into originals
            from o in originals.DefaultIfEmpty()
            join t in every on (int?)(a.OriginalId ?? a.Id) equals t.OriginalId into translations
            from t in translations.DefaultIfEmpty()
            orderby a.Id
            select new
            {
                a.Id, a.Slug, a.UpdatedAt, a.Language,
                OriginalId = o == null ? null : (int?)o.Id, OriginalSlug = o == null ? null : o.Slug, OriginalLanguage = o == null ? null : o.Language,
                TranslationId = t == null ? null : (int?)t.Id, TranslationSlug = t == null ? null : t.Slug, TranslationLanguage = t == null ? null : t.Language,
            }).ToListAsync(ct);

        var entries = new List<Entry>(rows.Count);
        foreach (var article in rows.GroupBy(r => r.Id))
        {
            var first = article.First();
            var versions = new Dictionary<int, Alternate> { [first.Id] = Version(first.Id, first.Slug, first.Language) };
            foreach (var row in article)
            {
                if (row.OriginalId is { } original)
                {
                    versions.TryAdd(original, Version(original, row.OriginalSlug!, row.OriginalLanguage!));
                }
                if (row.TranslationId is { } translation)
                {
                    versions.TryAdd(translation, Version(translation, row.TranslationSlug!, row.TranslationLanguage!));
                }
            }
            var alternates = versions.Count < 2 ? [] : SiteLanguage.All.Select(l => versions.Values.FirstOrDefault(v => v.Language == l)).OfType<Alternate>().ToList();
            entries.Add(new Entry(versions[first.Id].Path, first.UpdatedAt, alternates));
        }
        return entries;
    }

    static Alternate Version(int id, string slug, string code)
    {
        var language = SiteLanguage.Of(code);
        return new Alternate(language, Article.PathOf(ArticleKind.News, id, slug, null, language), id);
    }
}
