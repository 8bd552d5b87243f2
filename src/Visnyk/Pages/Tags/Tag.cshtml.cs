using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages.Tags;

public class TagModel(VisnykDb db, LatestNews latest, SiteChrome chrome, TimeProvider clock) : PageModel
{
    // "page" is a route value of Razor Pages itself, so the number is read from the query alone.
    public int PageNumber { get; private set; } = 1;

    public Tag Tag { get; private set; } = null!;
    public Page<ArticleListItem> News { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        PageNumber = pageNumber;
        if (string.IsNullOrWhiteSpace(slug))
        {
            return NotFound(); // "/tags/%20": the binder makes a blank slug null
        }
        // The site's tags are in the chrome's snapshot (forgotten with every change to a tag); one
        // made a moment ago with an article (by another instance, say) is read from the database,
        // and the snapshot taken again.
        if ((await chrome.GetAsync(ct)).TagsBySlug.GetValueOrDefault(slug) is not { } tag)
        {
            tag = (await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct))?.In(HttpContext.Language());
            if (tag is not null)
            {
                chrome.Invalidate();
            }
        }
        if (tag is null || !ModelState.IsValid)
        {
            return NotFound();
        }
        Tag = tag;
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
