using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.News;

public class ArticleModel(VisnykDb db, TimeProvider clock, SiteChrome chrome, LatestNews latest) : PageModel
{
    public const int LatestCount = 9;

    public Article Article { get; private set; } = null!;
    public IReadOnlyList<ArticleListItem> Related { get; private set; } = [];
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];
    public string CanonicalUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (!ArticleKey.TryParse(key, out var id, out var slug))
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var data = await ArticlePage.LoadAsync(db, chrome, id, now, ct);
        if (data is null)
        {
            return NotFound();
        }
        var article = data.Article;
        // /news/123 and stale slugs (a retitled article) lead to the one canonical address.
        if (slug != article.Slug)
        {
            return RedirectPermanent(article.Path);
        }

        Article = article;
        Related = data.Related;
        Latest = await latest.GetAsync(LatestCount, ct);
        CanonicalUrl = PublicUrl.For(HttpContext, article.Path);

        HttpContext.Shows([(article.Id, article.UpdatedAt)]);
        HttpContext.Shows(Related);
        HttpContext.Shows(Latest);
        HttpContext.Tag(CacheTags.Latest);
        HttpContext.Tag(article.Tags.Select(t => CacheTags.Tag(t.Id)).ToArray());
        return Page();
    }
}
