using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages.Tags;

public class TagModel(VisnykDb db, LatestNews latest, TimeProvider clock) : PageModel
{
    // "page" is a route value of Razor Pages itself, so the number is read from the query alone.
    public int PageNumber { get; private set; } = 1;

    public Tag Tag { get; private set; } = null!;
    public Page<ArticleListItem> News { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        PageNumber = pageNumber;
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tag is null || !ModelState.IsValid)
        {
            return NotFound();
        }
        Tag = tag.In(HttpContext.Language());
        var now = clock.GetUtcNow().UtcDateTime;
        News = await db.PageWithTagAsync(latest, now, tag.Id, PageNumber, ct);
        if (News.Items.Count == 0 && PageNumber != 1)
        {
            return NotFound();
        }
        HttpContext.Shows(News.Items);
        HttpContext.Tag(CacheTags.Tag(tag.Id));
        return Page();
    }
}
