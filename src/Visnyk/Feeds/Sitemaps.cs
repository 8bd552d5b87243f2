using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Site;

namespace Visnyk.Feeds;

// For search engines: /robots.txt, /sitemap.xml (an index of sitemaps of at most 50,000 URLs
// each, with lastmod; the news in each language, NewsSitemap), and a Google News sitemap of the
// last 48 hours. What has a version in another language names each (xhtml:link hreflang).
public static class Sitemaps
{
    // At most 10,000 files (500 million articles) a language: a larger number would overflow the offset (fuzz test: 500 on PostgreSQL).
    public const int PerFile = 50_000;
    const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    // The public pages written for every language (ReadsLanguage.Everywhere) that search engines should list.
    static readonly string[] InEveryLanguage = ["/", "/news", "/subscribe", "/departments", "/sitemap", "/accessibility", "/people", "/documents"];

    public static void MapSitemaps(this IEndpointRouteBuilder root)
    {
        // Cached like pages; a publication (CacheTags.Latest) refreshes them.
        var app = root.MapGroup("").WithMetadata(new PublicResource(), ReadsLanguage.DefaultOnly).AlsoHead();
        app.MapGet("/robots.txt", (HttpContext http) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nDisallow: /preview/\nDisallow: /en/preview/\nDisallow: /search\nDisallow: /en/search\nAllow: /\n\nSitemap: {PublicUrl.For(http, "/sitemap.xml")}\n", "text/plain; charset=utf-8"));

        app.MapGet("/sitemap.xml", async (HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            http.Tag(CacheTags.Latest);
            var parts = await NewsSitemap.PartsAsync(db, now, ct);
            var origin = PublicUrl.For(http, "");
            return Xml(writer =>
            {
                writer.WriteStartElement("sitemapindex", Ns);
                Entry(writer, "sitemap", origin, "/sitemaps/pages.xml");
                Entry(writer, "sitemap", origin, "/sitemaps/documents.xml");
                foreach (var (language, count) in parts)
                {
                    for (var file = 1; file <= count; file++)
                    {
                        Entry(writer, "sitemap", origin, NewsSitemap.PartPath(language, file));
                    }
                }
                Entry(writer, "sitemap", origin, "/sitemaps/google-news.xml");
                writer.WriteEndElement();
            });
        });

        // The register's public documents (an administration issues a few thousand a year at most).
        app.MapGet("/sitemaps/documents.xml", async (HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            http.Tag(CacheTags.Documents);
            var rows = await db.Documents.Published(now)
                .OrderByDescending(d => d.Id).Take(PerFile).Select(d => new { d.Id, d.Slug, d.UpdatedAt }).ToListAsync(ct);
            var origin = PublicUrl.For(http, "");
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
                // Each act at each language's address (the English words around the Ukrainian act), naming both.
                foreach (var row in rows)
                {
                    var versions = InEvery($"/documents/{row.Id}-{row.Slug}");
                    foreach (var version in versions)
                    {
                        Entry(writer, "url", origin, version.Path, row.UpdatedAt, versions);
                    }
                }
                writer.WriteEndElement();
            });
        });

        app.MapGet("/sitemaps/pages.xml", async (HttpContext http, SiteChrome chrome, CancellationToken ct) =>
        {
            var snapshot = await chrome.GetAsync(ct);
            var origin = PublicUrl.For(http, "");
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
                // The pages written for every language, at each language's address, each naming all of them.
                var written = InEveryLanguage.Concat(snapshot.Departments.Select(d => $"/departments/{d.Slug}"))
                    .Concat(snapshot.Tags.Select(t => $"/tags/{t.Slug}")).Concat(snapshot.People.Select(p => $"/people/{p.Slug}"));
                foreach (var path in written)
                {
                    var versions = InEvery(path);
                    foreach (var version in versions)
                    {
                        Entry(writer, "url", origin, version.Path, alternates: versions);
                    }
                }
                // The tree's pages, each with its translations.
                foreach (var page in snapshot.Pages.All)
                {
                    var versions = snapshot.VersionsOf(page);
                    foreach (var version in versions)
                    {
                        Entry(writer, "url", origin, version.Path, alternates: versions);
                    }
                }
                writer.WriteEndElement();
            });
        });

        foreach (var language in SiteLanguage.All)
        {
            app.MapGet(NewsSitemap.Route(language), async (int file, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                // A publication in any language refreshes every part: a translation changes its original's alternates.
                http.Tag(CacheTags.Latest);
                var entries = await NewsSitemap.PartAsync(db, language, file, now, ct);
                if (entries.Count == 0 && (file > 1 || !language.IsDefault))
                {
                    return Results.NotFound();
                }
                var origin = PublicUrl.For(http, "");
                return Xml(writer =>
                {
                    writer.WriteStartElement("urlset", Ns);
                    writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
                    foreach (var entry in entries)
                    {
                        Entry(writer, "url", origin, entry.Path, entry.UpdatedAt, entry.Versions);
                    }
                    writer.WriteEndElement();
                });
            });
        }

        // The last 48 hours' news in every language, each named as its language's pages name the publication.
        app.MapGet("/sitemaps/google-news.xml", async (HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now.AddHours(-48);
            http.Tag(CacheTags.Latest);
            var settings = (await chrome.GetAsync(ct)).Settings;
            var names = SiteLanguage.All.ToDictionary(l => l, l => settings.In(l).BodyName);
            var rows = await db.Articles.IgnoreQueryFilters([VisnykDb.LanguageFilter]).AsNoTracking().Published(now).Where(a => a.PublishedAt >= since)
                .Newest().Take(1000).Select(a => new { a.Id, a.Slug, a.Title, a.PublishedAt, a.Language }).ToListAsync(ct);
            var origin = PublicUrl.For(http, "");
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                writer.WriteAttributeString("xmlns", "news", null, NewsNs);
                foreach (var row in rows)
                {
                    var language = SiteLanguage.Of(row.Language);
                    writer.WriteStartElement("url", Ns);
                    writer.WriteElementString("loc", Ns, origin + Article.PathOf(ArticleKind.News, row.Id, row.Slug, null, language));
                    writer.WriteStartElement("news", "news", NewsNs);
                    writer.WriteStartElement("news", "publication", NewsNs);
                    writer.WriteElementString("news", "name", NewsNs, names[language]);
                    writer.WriteElementString("news", "language", NewsNs, language.Code);
                    writer.WriteEndElement();
                    writer.WriteElementString("news", "publication_date", NewsNs, KyivTime.Iso(row.PublishedAt));
                    writer.WriteElementString("news", "title", NewsNs, row.Title);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            });
        });
    }

    // A sitemap or a URL at origin + path; with its versions in the site's languages (itself
    // included), the hreflang links Google asks of every one of them, and x-default: the default language's.
    static void Entry(XmlWriter writer, string element, string origin, string path, DateTime? lastModified = null, IReadOnlyList<Alternate>? alternates = null)
    {
        writer.WriteStartElement(element, Ns);
        writer.WriteElementString("loc", Ns, origin + path);
        if (lastModified is { } at)
        {
            writer.WriteElementString("lastmod", Ns, at.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        }
        if (alternates is { Count: > 1 })
        {
            foreach (var alternate in alternates)
            {
                Link(writer, alternate.Language.Code, origin + alternate.Path);
            }
            if (alternates.FirstOrDefault(a => a.Language.IsDefault) is { } original)
            {
                Link(writer, "x-default", origin + original.Path);
            }
        }
        writer.WriteEndElement();
    }

    static List<Alternate> InEvery(string path) => SiteLanguage.All.Select(l => new Alternate(l, l.PathOf(path))).ToList();

    static void Link(XmlWriter writer, string hreflang, string href)
    {
        writer.WriteStartElement("xhtml", "link", XhtmlNs);
        writer.WriteAttributeString("rel", "alternate");
        writer.WriteAttributeString("hreflang", hreflang);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    static IResult Xml(Action<XmlWriter> write)
    {
        var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return Results.Bytes(output.ToArray(), "application/xml; charset=utf-8");
    }
}
