using System.ServiceModel.Syndication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Visnyk.Api;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Feeds;
using Visnyk.Site;

namespace Visnyk.Notices;

// The notices for machines: /api/v1/notice (those shown now, the gravest first, ?lang for a language's
// text) and /feeds/notices.rss|atom (in every language: the last ones, shown or not, newest first).
public static class NoticesApi
{
    public record NoticeItem(int Id, string Level, string Text, string Language, string? Link, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);

    const int InFeed = 20;

    public static void MapNotices(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireCors(OpenData.CorsPolicy).WithMetadata(new PublicResource(), ReadsLanguage.DefaultOnly).WithTags("Open data").AlsoHead()
            .MapGet("/notice", async Task<Results<Ok<OpenData.Listing<NoticeItem>>, ProblemHttpResult>> (HttpContext http, SiteChrome chrome, TimeProvider clock, string? lang, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var language = OpenData.Language(lang, errors);
                if (errors.Count > 0)
                {
                    return OpenData.Problem(errors);
                }
                var snapshot = await chrome.GetAsync(ct);
                var shown = Notice.Shown(snapshot.NoticesToShow, clock.GetUtcNow().UtcDateTime);
                return TypedResults.Ok(new OpenData.Listing<NoticeItem>([.. shown.Select(n => Item(http, n, language))], OpenData.LicenceOf(snapshot.Settings.In(language))));
            });

        app.MapGroup("/feeds").WithMetadata(new PublicResource(), ReadsLanguage.Everywhere).AlsoHead()
            .MapGet("/notices.{format:regex(^(rss|atom)$)}", async (string format, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
            {
                // Rendered again after any change of a notice, and at each start and end (SiteChrome, NoticeClock).
                http.Tag(CacheTags.Site);
                var now = clock.GetUtcNow().UtcDateTime;
                var language = http.Language();
                // Started, and not taken down before they started (those were never shown).
                var notices = await db.Notices.AsNoTracking().Where(n => n.StartsAt <= now && (n.EndsAt == null || n.EndsAt > n.StartsAt))
                    .OrderByDescending(n => n.StartsAt).ThenByDescending(n => n.Id).Take(InFeed).ToListAsync(ct);
                var settings = (await chrome.GetAsync(ct)).Settings.In(language);
                var self = PublicUrl.For(http, (http.Request.PathBase + http.Request.Path).Value!);
                var feed = new SyndicationFeed(string.Format(Text.NoticesFeed, settings.BodyName), Text.NoticesFeedDescription, new Uri(PublicUrl.For(http, language.PathOf("/"))))
                {
                    Language = language.Code,
                    Id = self,
                    LastUpdatedTime = notices.Count > 0 ? notices.Max(n => n.UpdatedAt) : now,
                };
                feed.Links.Add(new SyndicationLink(new Uri(self), "self", feed.Title.Text, format == "rss" ? "application/rss+xml" : "application/atom+xml", 0));
                feed.Items = notices.Select(n =>
                {
                    // Checked by the form and the import; cleaned again here, as one bad character would fail the whole feed.
                    var text = NoticeText.Clean(n.In(language).Text);
                    var item = new SyndicationItem
                    {
                        Title = new TextSyndicationContent($"{Notice.Name(n.Level)}: {text}"),
                        Summary = new TextSyndicationContent(text),
                        Id = $"{PublicUrl.For(http, "/")}#notice-{n.Id}",
                        LastUpdatedTime = n.UpdatedAt,
                        PublishDate = n.StartsAt,
                    };
                    item.Categories.Add(new SyndicationCategory(n.Level.ToString().ToLowerInvariant()));
                    if (NoticeLinks.Absolute(http, n.Link) is { } link)
                    {
                        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(link), "text/html"));
                    }
                    return item;
                }).ToList();
                return await NewsFeeds.ResultAsync(feed, format);
            });
    }

    static NoticeItem Item(HttpContext http, Notice n, SiteLanguage language)
    {
        var (text, lang) = n.In(language);
        return new NoticeItem(n.Id, n.Level.ToString().ToLowerInvariant(), text, lang ?? language.Code,
            NoticeLinks.Absolute(http, n.Link),
            OpenData.Kyiv(n.StartsAt), n.EndsAt is { } end ? OpenData.Kyiv(end) : null);
    }
}
