using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Search;
using Visnyk.Site;

namespace Visnyk.Feeds;

// RSS 2.0 and Atom feeds (System.ServiceModel.Syndication) of all news, of a department and of
// a tag: the newest articles with summary, departments and tags as categories, lead image as an
// enclosure, and the CC BY 4.0 licence of the site as the feed's rights.
public static class NewsFeeds
{
    public const int Size = 30;

    public static void MapNewsFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").WithMetadata(new PublicResource(), ReadsLanguage.DefaultOnly).AlsoHead();
        // All news, a department's, a tag's and a search's, in every language (/en/feeds/news.rss): the rest in the default one so far.
        var everywhere = app.MapGroup("/feeds").WithMetadata(new PublicResource(), ReadsLanguage.Everywhere).AlsoHead();
        everywhere.MapGet("/news.{format:regex(^(rss|atom)$)}", (string format, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            http.Tag(CacheTags.Latest);
            return WriteAsync(http, db, chrome, clock, format, Text.AllNews, http.Language().PathOf("/news"), articles => articles, ct);
        });
        feeds.MapGet("/hromady.{format:regex(^(rss|atom)$)}", (string format, HttpContext http, VisnykDb db, SiteChrome chrome, Hromadas.HromadaNews news, TimeProvider clock, CancellationToken ct) =>
            Hromadas.HromadaFeed.WriteAsync(http, db, chrome, news, clock, format, ct));
        everywhere.MapGet("/departments/{slug}.{format:regex(^(rss|atom)$)}", async (string slug, string format, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            var department = (await chrome.GetAsync(ct)).Departments.FirstOrDefault(d => d.Slug == slug);
            http.Tag(department is null ? [] : [CacheTags.Department(department.Id)]);
            return department is null
                ? Results.NotFound()
                : await WriteAsync(http, db, chrome, clock, format, department.Name, department.Path, articles => articles.InDepartment(department.Id), ct);
        });
        // Any search as a feed (the search page links to it): the newest matching articles, in the address's language.
        everywhere.MapGet("/search.{format:regex(^(rss|atom)$)}", async (string format, HttpContext http, VisnykDb db, SiteChrome chrome, NewsSearch search, TimeProvider clock,
            string? q, string[]? department, string[]? tag, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        {
            var snapshot = await chrome.GetAsync(ct);
            var departments = snapshot.Departments.Where(d => department?.Contains(d.Slug) == true).ToList();
            var tags = snapshot.Tags.Where(t => tag?.Contains(t.Slug) == true).ToList();
            var now = clock.GetUtcNow().UtcDateTime;
            var found = search.Search(new SearchRequest(q, departments.Select(d => d.Id).ToList(), tags.Select(t => t.Id).ToList(),
                from, to,
                SearchOrder.Newest, 1, Size, WithCounts: false, WithHighlights: false, Language: http.Language().Code), db.SiteId, now);
            if (found is null)
            {
                http.Response.Headers.RetryAfter = "30";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            var ids = found.Hits.Select(h => h.Id).ToList();
            var title = string.Join(", ", new[] { string.IsNullOrWhiteSpace(q) ? null : $"«{q.Trim()}»" }
                .Concat(departments.Select(d => d.Name)).Concat(tags.Select(t => $"#{t.Name}")).OfType<string>());
            // The search's own parameters, in a fixed order: the feed's id and the page it mirrors.
            var query = new QueryBuilder(new[] { KeyValuePair.Create("q", q?.Trim() ?? "") }.Where(p => p.Value.Length > 0)
                .Concat(departments.Select(d => KeyValuePair.Create("department", d.Slug)))
                .Concat(tags.Select(t => KeyValuePair.Create("tag", t.Slug)))
                .Concat(from is null ? [] : [KeyValuePair.Create("from", from.Value.ToString("yyyy-MM-dd"))])
                .Concat(to is null ? [] : [KeyValuePair.Create("to", to.Value.ToString("yyyy-MM-dd"))])).ToQueryString().Value ?? "";
            http.Tag(CacheTags.Search);
            return await WriteAsync(http, db, chrome, clock, format, title.Length > 0 ? string.Format(Text.SearchFeedTitle, title) : Text.SearchNews, http.Language().PathOf("/search") + query,
                articles => articles.Where(a => ids.Contains(a.Id)), ct, query);
        });
        everywhere.MapGet("/tags/{slug}.{format:regex(^(rss|atom)$)}", async (string slug, string format, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            var tag = (await chrome.GetAsync(ct)).Tags.FirstOrDefault(t => t.Slug == slug);
            http.Tag(tag is null ? [] : [CacheTags.Tag(tag.Id)]);
            return tag is null
                ? Results.NotFound()
                : await WriteAsync(http, db, chrome, clock, format, string.Format(Text.TagTitle, tag.Name), tag.Path, articles => articles.WithTag(tag.Id), ct);
        });
    }

    static async Task<IResult> WriteAsync(HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, string format, string title,
        string pagePath, Func<IQueryable<Article>, IQueryable<Article>> filter, CancellationToken ct, string query = "")
    {
        var self = PublicUrl.For(http, http.Request.PathBase + http.Request.Path + query);
        var now = clock.GetUtcNow().UtcDateTime;
        var snapshot = await chrome.GetAsync(ct);
        var items = await filter(db.Articles.AsNoTracking().Published(now)).Newest().Take(Size).AsListItems().ToListAsync(ct);
        http.Shows(items);
        var ids = items.Select(i => i.Id).ToList();
        var tags = await db.LinksAsync(VisnykDb.ArticleTags, "TagsId", ids, ct);
        var departments = await db.LinksAsync(VisnykDb.ArticleDepartments, "DepartmentsId", ids, ct);

        var settings = snapshot.Settings.In(http.Language());
        var feed = new SyndicationFeed($"{title} — {settings.BodyName}", settings.Tagline, new Uri(PublicUrl.For(http, pagePath)))
        {
            Language = http.Language().Code,
            Id = self,
            LastUpdatedTime = items.Count > 0 ? items.Max(i => i.UpdatedAt) : now,
            Copyright = new TextSyndicationContent($"{settings.LicenceText} {settings.LicenceName} {settings.LicenceUrl}".Trim()),
        };
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", title, format == "rss" ? "application/rss+xml" : "application/atom+xml", 0));
        feed.Items = items.Select(item =>
        {
            var link = PublicUrl.For(http, item.Path);
            var entry = new SyndicationItem
            {
                Title = new TextSyndicationContent(item.Title),
                Summary = new TextSyndicationContent(item.Summary),
                Id = link,
                LastUpdatedTime = item.UpdatedAt,
                PublishDate = item.PublishedAt,
            };
            entry.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(link), "text/html"));
            foreach (var d in departments[item.Id].Select(snapshot.DepartmentsById.GetValueOrDefault).OfType<Departments.Department>())
            {
                entry.Authors.Add(new SyndicationPerson { Name = d.Name, Uri = PublicUrl.For(http, d.Path) });
                entry.Categories.Add(new SyndicationCategory(d.Name, PublicUrl.For(http, "/departments/"), null));
            }
            foreach (var t in tags[item.Id].Select(snapshot.TagsById.GetValueOrDefault).OfType<Tags.Tag>())
            {
                entry.Categories.Add(new SyndicationCategory(t.Name, PublicUrl.For(http, "/tags/"), null));
            }
            if (item.LeadImage is { } image)
            {
                var width = image.BestWidth(960);
                entry.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(PublicUrl.For(http, image.Url(width, "jpg"))), "image/jpeg", 0));
            }
            return entry;
        }).ToList();

        return await ResultAsync(feed, format);
    }

    // A feed as RSS 2.0 or Atom 1.0.
    public static async Task<IResult> ResultAsync(SyndicationFeed feed, string format)
    {
        var output = new MemoryStream();
        await using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            if (format == "rss")
            {
                new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
            }
            else
            {
                new Atom10FeedFormatter(feed).WriteTo(writer);
            }
        }
        return Results.Bytes(output.ToArray(), format == "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8");
    }
}
