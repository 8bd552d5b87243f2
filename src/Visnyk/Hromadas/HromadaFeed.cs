using System.ServiceModel.Syndication;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Feeds;
using Visnyk.Site;

namespace Visnyk.Hromadas;

// "Новини громад" as RSS and Atom (/feeds/hromady.rss|atom): the newest shared news of the sites
// under this one, each item linking to its hromada's own page, its hromada as the author.
public static class HromadaFeed
{
    public static async Task<IResult> WriteAsync(HttpContext http, VisnykDb db, SiteChrome chrome, HromadaNews news, TimeProvider clock, string format, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await news.PageAsync(db, 1, now, ct, NewsFeeds.Size) is not { } page)
        {
            return Results.NotFound();
        }
        http.Tag(CacheTags.Hromadas);
        var settings = (await chrome.GetAsync(ct)).Settings;
        var self = PublicUrl.For(http, http.Request.Path);
        var feed = new SyndicationFeed($"{Text.HromadaNews} — {settings.BodyName}", Text.HromadaNewsDescription, new Uri(PublicUrl.For(http, "/hromady")))
        {
            Language = "uk",
            Id = self,
            LastUpdatedTime = page.Items.Count > 0 ? page.Items.Max(i => i.UpdatedAt) : now,
        };
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", Text.HromadaNews, format == "rss" ? "application/rss+xml" : "application/atom+xml", 0));
        feed.Items = page.Items.Select(item =>
        {
            var entry = new SyndicationItem
            {
                Title = new TextSyndicationContent(item.Title),
                Summary = new TextSyndicationContent(item.Summary),
                Id = item.Url,
                LastUpdatedTime = item.UpdatedAt,
                PublishDate = item.PublishedAt,
            };
            entry.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(item.Url), "text/html"));
            entry.Authors.Add(new SyndicationPerson { Name = item.Hromada, Uri = new Uri(item.Url).GetLeftPart(UriPartial.Authority) + "/" });
            return entry;
        }).ToList();
        return await NewsFeeds.ResultAsync(feed, format);
    }
}
