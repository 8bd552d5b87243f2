using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.News;

public class IndexModel(VisnykDb db, LatestNews latest, TimeProvider clock) : PageModel
{
    // "page" is a route value of Razor Pages itself, so the number is read from the query alone.
    public int PageNumber { get; private set; } = 1;

    // Words to look for in titles and summaries; at most 200 characters are used.
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public Page<ArticleListItem> News { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        PageNumber = pageNumber;
        if (!ModelState.IsValid)
        {
            return BadRequest(); // QueryRules refuse malformed dates and page numbers before this page runs
        }
        if (From > To)
        {
            ModelState.AddModelError(nameof(To), Text.DateRangeReversed);
            (From, To) = (To, From);
        }
        Query = Query?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, 200)] : null;
        var now = clock.GetUtcNow().UtcDateTime;
        News = Query is null && From is null && To is null
            ? await db.PageOfAllAsync(latest, now, PageNumber, ct)
            : await db.Articles.Published(now).PublishedBetween(From, To).Matching(Query).Newest().AsListItems().ToPageAsync(PageNumber, ct);
        if (News.Items.Count == 0 && PageNumber != 1)
        {
            return NotFound();
        }
        HttpContext.Shows(News.Items);
        HttpContext.Tag(CacheTags.Latest);
        return Page();
    }
}
