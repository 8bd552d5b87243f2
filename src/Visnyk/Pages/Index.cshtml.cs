using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Pages;

public class IndexModel(VisnykDb db, TimeProvider clock, SiteChrome chrome, LatestNews latest) : PageModel
{
    const int LatestCount = 8;
    const int PerDepartment = 3;

    public ArticleListItem? Lead { get; private set; }
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];
    public IReadOnlyList<(Department Department, List<ArticleListItem> News)> ByDepartment { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var newest = await latest.GetAsync(LatestCount + 1, ct);
        // The lead story is the newest one with a picture.
        Lead = newest.FirstOrDefault(a => a.LeadImage is not null) ?? newest.FirstOrDefault();
        Latest = newest.Where(a => a != Lead).Take(LatestCount).ToList();

        var byDepartment = new List<(Department, List<ArticleListItem>)>();
        foreach (var department in (await chrome.GetAsync(ct)).Departments)
        {
            var news = await db.Articles.AsNoTracking().Published(now).InDepartment(department.Id).Newest()
                .AsListItems().Take(PerDepartment).ToListAsync(ct);
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
