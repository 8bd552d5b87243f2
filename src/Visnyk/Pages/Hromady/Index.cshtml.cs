using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Hromadas;
using Visnyk.Site;

namespace Visnyk.Pages.Hromady;

// "Новини громад" on an oblast's site (HromadaNews); 404 on a site with no sites under it.
public class IndexModel(VisnykDb db, HromadaNews news, TimeProvider clock) : PageModel
{
    public Page<HromadaNews.Item> News { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // QueryRules refuse malformed page numbers before this page runs
        }
        HttpContext.Tag(CacheTags.Hromadas);
        if (await news.PageAsync(db, pageNumber, clock.GetUtcNow().UtcDateTime, ct) is not { } page || page.Items.Count == 0 && pageNumber != 1)
        {
            return NotFound();
        }
        News = page;
        foreach (var item in page.Items)
        {
            HttpContext.Touched(item.UpdatedAt);
        }
        return Page();
    }
}
