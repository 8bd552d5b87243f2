using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Pages.Departments;

// /departments: every structural unit, in the site's order, with its contacts and a link to its news.
public class IndexModel(SiteChrome chrome) : PageModel
{
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Departments = (await chrome.GetAsync(ct)).Departments;
}
