using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages;

public class SitemapModel(VisnykDb db, SiteChrome chrome) : PageModel
{
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<Tag> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Departments = (await chrome.GetAsync(ct)).Departments;
        Tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }
}
