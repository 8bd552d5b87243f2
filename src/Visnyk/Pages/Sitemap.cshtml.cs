using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Departments;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages;

public class SitemapModel(SiteChrome chrome) : PageModel
{
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<Visnyk.People.Person> People { get; private set; } = [];
    public IReadOnlyList<Tag> Tags { get; private set; } = [];
    public SitePages.PageTree Pages { get; private set; } = SitePages.PageTree.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var snapshot = await chrome.GetAsync(ct);
        (Departments, Tags, Pages, People) = (snapshot.Departments, snapshot.Tags, snapshot.Pages, snapshot.People);
    }
}
