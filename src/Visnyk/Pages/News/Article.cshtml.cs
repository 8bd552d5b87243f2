using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.News;

public class ArticleModel(VisnykDb db, TimeProvider clock, SiteChrome chrome, LatestNews latest, Previews previews, Search.NewsSearch search) : PageModel
{
    public const int LatestCount = 9;

    public Article Article { get; private set; } = null!;
    public IReadOnlyList<ArticleListItem> Related { get; private set; } = [];
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];
    public IReadOnlyList<Newsroom.ChangeNote> Notes { get; private set; } = [];
    public string CanonicalUrl { get; private set; } = "";
    public bool IsPreview { get; private set; }

    // schema.org NewsArticle and BreadcrumbList for search engines (JSON-LD in the page head).
    public string JsonLd(SiteSettings settings)
    {
        var article = Article;
        var origin = CanonicalUrl[..^article.Path.Length];
        object? image = article.LeadImage is { } lead
            ? new[] { origin + lead.Url(lead.BestWidth(1440), "jpg") }
            : null;
        var graph = new object[]
        {
            new Dictionary<string, object?>
            {
                ["@type"] = "NewsArticle",
                ["@id"] = CanonicalUrl + "#article",
                ["mainEntityOfPage"] = CanonicalUrl,
                ["headline"] = article.Title.Length > 110 ? article.Title[..110] : article.Title,
                ["description"] = article.Summary,
                ["image"] = image,
                ["datePublished"] = KyivTime.Iso(article.PublishedAt),
                ["dateModified"] = KyivTime.Iso(article.UpdatedAt),
                ["inLanguage"] = "uk",
                ["author"] = article.Departments.Select(d => new { @type = "GovernmentOrganization", name = d.Name, url = origin + d.Path }).ToArray(),
                ["publisher"] = new { @type = "GovernmentOrganization", name = settings.BodyName, url = origin + "/" },
                ["keywords"] = article.Tags.Select(t => t.Name).ToArray(),
                ["license"] = string.IsNullOrEmpty(settings.LicenceUrl) ? null : settings.LicenceUrl,
            },
            new Dictionary<string, object?>
            {
                ["@type"] = "BreadcrumbList",
                ["itemListElement"] = new object[]
                {
                    new { @type = "ListItem", position = 1, name = Visnyk.Text.Home, item = origin + "/" },
                    new { @type = "ListItem", position = 2, name = Visnyk.Text.News, item = origin + "/news" },
                    new { @type = "ListItem", position = 3, name = article.Title, item = CanonicalUrl },
                },
            },
        };
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["@context"] = "https://schema.org", ["@graph"] = graph },
            new System.Text.Json.JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }

    // /news/{id}-{slug}; also /preview/{token}, the unguessable, expiring link to an unpublished article.
    public async Task<IActionResult> OnGetAsync(string? key, string? token, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is not null)
        {
            return await PreviewAsync(token, now, ct);
        }
        if (!ArticleKey.TryParse(key ?? "", out var id, out var slug))
        {
            return NotFound();
        }
        var data = await ArticlePage.LoadAsync(db, chrome, id, now, ct, search: search);
        if (data is null)
        {
            // Published in error and taken down for good: say so (410), unlike an unknown address.
            var removed = await db.Articles.AnyAsync(a => a.Id == id && a.Status == ArticleStatus.Removed, ct);
            return removed ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }
        var article = data.Article;
        // /news/123 and stale slugs (a retitled article) lead to the one canonical address.
        if (slug != article.Slug)
        {
            return RedirectPermanent(article.Path);
        }

        Show(data);
        Latest = await latest.GetAsync(LatestCount, ct);
        CanonicalUrl = PublicUrl.For(HttpContext, article.Path);

        HttpContext.Shows([(article.Id, article.UpdatedAt)]);
        HttpContext.Shows(Related);
        HttpContext.Shows(Latest);
        HttpContext.Tag(CacheTags.Latest);
        if (data.RelatedByTags)
        {
            HttpContext.Tag(CacheTags.RelatedByTags); // rendered again with the search index's related news
        }
        HttpContext.Tag(article.Tags.Select(t => CacheTags.Tag(t.Id)).ToArray());
        return Page();
    }

    void Show(ArticlePage.Data data)
    {
        Article = data.Article;
        Related = data.Related;
        Notes = data.Notes;
    }

    async Task<IActionResult> PreviewAsync(string token, DateTime now, CancellationToken ct)
    {
        if (!previews.TryRead(token, out var id, out var version)
            || await db.Articles.Where(a => a.Id == id).Select(a => new { a.Status, a.PreviewVersion }).FirstOrDefaultAsync(ct) is not { } state
            || !Previews.StillValid(state.Status, state.PreviewVersion, version)
            || await ArticlePage.LoadAsync(db, chrome, id, now, ct, preview: true) is not { } data)
        {
            return NotFound();
        }
        Show(data);
        IsPreview = true;
        Latest = await latest.GetAsync(LatestCount, ct);
        CanonicalUrl = PublicUrl.For(HttpContext, data.Article.Path);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
