using System.ServiceModel.Syndication;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Site;

namespace Visnyk.Feeds;

// The register as RSS 2.0 and Atom: the documents published last, each with its particulars, its
// kind as a category and its signed files as enclosures.
public static class DocumentFeeds
{
    public static void MapDocumentFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/feeds").WithMetadata(new PublicResource(), ReadsLanguage.EverywhereInDefault).AlsoHead()
            .MapGet("/documents.{format:regex(^(rss|atom)$)}", async (string format, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
            {
                http.Tag(CacheTags.Documents);
                var now = clock.GetUtcNow().UtcDateTime;
                var documents = await db.Documents.AsNoTracking().Published(now).Include(d => d.Files)
                    .OrderByDescending(d => d.PublishedAt).ThenByDescending(d => d.Id).Take(NewsFeeds.Size).ToListAsync(ct);
                var settings = (await chrome.GetAsync(ct)).Settings;
                var self = PublicUrl.For(http, (http.Request.PathBase + http.Request.Path).Value!);
                var feed = new SyndicationFeed($"{Text.Documents} — {settings.BodyName}", Text.DocumentsDescription, new Uri(PublicUrl.For(http, SiteLanguage.Current.PathOf("/documents"))))
                {
                    Language = "uk",
                    Id = self,
                    LastUpdatedTime = documents.Count > 0 ? documents.Max(d => d.UpdatedAt) : now,
                    Copyright = new TextSyndicationContent($"{settings.LicenceText} {settings.LicenceName} {settings.LicenceUrl}".Trim()),
                };
                feed.Links.Add(new SyndicationLink(new Uri(self), "self", Text.Documents, format == "rss" ? "application/rss+xml" : "application/atom+xml", 0));
                feed.Items = documents.Select(d =>
                {
                    var link = PublicUrl.For(http, d.Path);
                    var item = new SyndicationItem
                    {
                        Title = new TextSyndicationContent($"{DocumentNames.Heading(d)}. {d.Title}"),
                        Summary = new TextSyndicationContent(string.Join(". ", new[] { d.IssuedBy, DocumentNames.Status(d.DocStatus), d.Summary }.Where(s => !string.IsNullOrEmpty(s)))),
                        Id = link,
                        LastUpdatedTime = d.UpdatedAt,
                        PublishDate = d.PublishedAt,
                    };
                    item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(link), "text/html"));
                    if (d.DocType is { } type)
                    {
                        item.Categories.Add(new SyndicationCategory(DocumentNames.Type(type)));
                    }
                    foreach (var file in d.Files.OrderBy(f => f.Position))
                    {
                        item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(PublicUrl.For(http, file.Path)), file.ContentType, file.Bytes));
                    }
                    return item;
                }).ToList();
                return await NewsFeeds.ResultAsync(feed, format);
            });
    }
}
