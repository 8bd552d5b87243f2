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
// each, with lastmod), and a Google News sitemap of the last 48 hours.
public static class Sitemaps
{
    // At most 10,000 files (500 million articles): a larger number would overflow the offset (fuzz test: 500 on PostgreSQL).
    public const int PerFile = 50_000;
    const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public static void MapSitemaps(this IEndpointRouteBuilder root)
    {
        // Cached like pages; a publication (CacheTags.Latest) refreshes them.
        var app = root.MapGroup("").WithMetadata(new PublicResource(), ReadsLanguage.DefaultOnly).AlsoHead();
        app.MapGet("/robots.txt", (HttpContext http) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nDisallow: /preview/\nDisallow: /en/preview/\nDisallow: /search\nAllow: /\n\nSitemap: {PublicUrl.For(http, "/sitemap.xml")}\n", "text/plain; charset=utf-8"));

        app.MapGet("/sitemap.xml", async (HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            http.Tag(CacheTags.Latest);
            var count = await db.Articles.Published(now).CountAsync(ct);
            return Xml(writer =>
            {
                writer.WriteStartElement("sitemapindex", Ns);
                Entry(writer, "sitemap", PublicUrl.For(http, "/sitemaps/pages.xml"), null);
                Entry(writer, "sitemap", PublicUrl.For(http, "/sitemaps/documents.xml"), null);
                for (var file = 1; file <= Math.Max(1, (count + PerFile - 1) / PerFile); file++)
                {
                    Entry(writer, "sitemap", PublicUrl.For(http, $"/sitemaps/news-{file}.xml"), null);
                }
                Entry(writer, "sitemap", PublicUrl.For(http, "/sitemaps/google-news.xml"), null);
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
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                foreach (var row in rows)
                {
                    Entry(writer, "url", PublicUrl.For(http, $"/documents/{row.Id}-{row.Slug}"), row.UpdatedAt);
                }
                writer.WriteEndElement();
            });
        });

        app.MapGet("/sitemaps/pages.xml", async (HttpContext http, SiteChrome chrome, CancellationToken ct) =>
        {
            var snapshot = await chrome.GetAsync(ct);
            var paths = new[] { "/", "/news", "/departments", "/people", "/documents", "/sitemap", "/accessibility", "/subscribe" }
                .Concat(snapshot.Pages.All.Select(p => p.Path)).Concat(snapshot.Departments.Select(d => d.Path))
                .Concat(snapshot.People.Select(p => p.Path)).Concat(snapshot.Tags.Select(t => t.Path));
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                foreach (var path in paths)
                {
                    Entry(writer, "url", PublicUrl.For(http, path), null);
                }
                writer.WriteEndElement();
            });
        });

        app.MapGet("/sitemaps/news-{file:int:range(1,10000)}.xml", async (int file, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            http.Tag(CacheTags.Latest);
            var rows = await db.Articles.AsNoTracking().Published(now).OrderBy(a => a.Id)
                .Skip((file - 1) * PerFile).Take(PerFile)
                .Select(a => new { a.Id, a.Slug, a.UpdatedAt }).ToListAsync(ct);
            if (rows.Count == 0 && file > 1)
            {
                return Results.NotFound();
            }
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                foreach (var row in rows)
                {
                    Entry(writer, "url", PublicUrl.For(http, $"/news/{row.Id}-{row.Slug}"), row.UpdatedAt);
                }
                writer.WriteEndElement();
            });
        });

        app.MapGet("/sitemaps/google-news.xml", async (HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now.AddHours(-48);
            http.Tag(CacheTags.Latest);
            var name = (await chrome.GetAsync(ct)).Settings.BodyName;
            var rows = await db.Articles.AsNoTracking().Published(now).Where(a => a.PublishedAt >= since).Newest().Take(1000)
                .Select(a => new { a.Id, a.Slug, a.Title, a.PublishedAt }).ToListAsync(ct);
            return Xml(writer =>
            {
                writer.WriteStartElement("urlset", Ns);
                writer.WriteAttributeString("xmlns", "news", null, NewsNs);
                foreach (var row in rows)
                {
                    writer.WriteStartElement("url", Ns);
                    writer.WriteElementString("loc", Ns, PublicUrl.For(http, $"/news/{row.Id}-{row.Slug}"));
                    writer.WriteStartElement("news", "news", NewsNs);
                    writer.WriteStartElement("news", "publication", NewsNs);
                    writer.WriteElementString("news", "name", NewsNs, name);
                    writer.WriteElementString("news", "language", NewsNs, "uk");
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

    static void Entry(XmlWriter writer, string element, string location, DateTime? lastModified)
    {
        writer.WriteStartElement(element, Ns);
        writer.WriteElementString("loc", Ns, location);
        if (lastModified is { } at)
        {
            writer.WriteElementString("lastmod", Ns, at.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        }
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
