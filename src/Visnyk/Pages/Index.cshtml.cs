using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Pages;

// The department lists come from memory with the latest news (LatestNews), by the same rules.
public class IndexModel(SiteChrome chrome, LatestNews latest) : PageModel
{
    const int LatestCount = 8;

    public ArticleListItem? Lead { get; private set; }
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];
    public IReadOnlyList<(Department Department, IReadOnlyList<ArticleListItem> News)> ByDepartment { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var newest = await latest.GetAsync(LatestCount + 1, ct);
        // The lead story is the newest one with a picture.
        Lead = newest.FirstOrDefault(a => a.LeadImage is not null) ?? newest.FirstOrDefault();
        Latest = newest.Where(a => a != Lead).Take(LatestCount).ToList();

        var byDepartment = new List<(Department, IReadOnlyList<ArticleListItem>)>();
        foreach (var department in (await chrome.GetAsync(ct)).Departments)
        {
            var news = await latest.InDepartmentAsync(department.Id, ct);
            if (news.Count > 0)
            {
                byDepartment.Add((department, news));
            }
            HttpContext.Tag(CacheTags.Department(department.Id));
            HttpContext.Shows(news);
        }
        ByDepartment = byDepartment;
        HttpContext.Shows(newest);
        HttpContext.Tag(CacheTags.Latest);
    }
}
