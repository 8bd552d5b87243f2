using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Documents;
using Visnyk.Site;

namespace Visnyk.Pages.Departments;

public class DepartmentModel(VisnykDb db, LatestNews latest, SiteChrome chrome, TimeProvider clock) : PageModel
{
    // "page" is a route value of Razor Pages itself, so the number is read from the query alone.
    public int PageNumber { get; private set; } = 1;

    public Department Department { get; private set; } = null!;
    public Page<ArticleListItem> News { get; private set; } = null!;
    // The department's pages of the site's tree (its tasks, services, documents' pages).
    public IReadOnlyList<SitePages.PageTree.Node> SitePages { get; private set; } = [];
    // For its schema.org data: its own address, and the body it is part of.
    public string CanonicalUrl { get; private set; } = "";
    public SiteSettings Settings { get; private set; } = null!;
    // Who heads it, and the others of the unit the site presents (their contacts are their own).
    public IReadOnlyList<Visnyk.People.Person> People { get; private set; } = [];
    // Its newest documents in the register.
    public IReadOnlyList<DocumentListItem> Documents { get; private set; } = [];
    public const int DocumentsShown = 10;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        PageNumber = pageNumber;
        if (string.IsNullOrWhiteSpace(slug))
        {
            return NotFound(); // "/departments/%20": the binder makes a blank slug null
        }
        // The site's departments are in the chrome's snapshot (forgotten with every change to one);
        // one not in it yet (added by another instance a moment ago) is read from the database,
        // and the snapshot taken again.
        var snapshot = await chrome.GetAsync(ct);
        if (snapshot.DepartmentsBySlug.GetValueOrDefault(slug) is not { } department)
        {
            department = (await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Slug == slug, ct))?.In(HttpContext.Language());
            if (department is not null)
            {
                chrome.Invalidate();
            }
        }
        if (department is null || !ModelState.IsValid)
        {
            return NotFound();
        }
        Department = department;
        var now = clock.GetUtcNow().UtcDateTime;
        News = await db.PageInDepartmentAsync(latest, now, department.Id, PageNumber, ct);
        if (News.Items.Count == 0 && PageNumber != 1)
        {
            return NotFound();
        }
        CanonicalUrl = PublicUrl.For(HttpContext, department.Path);
        Settings = snapshot.Settings.In(HttpContext.Language());
        SitePages = snapshot.Pages.OfDepartment(department.Id);
        People = snapshot.People.Where(p => p.DepartmentId == department.Id).OrderByDescending(p => p.Heads).ToList();
        HttpContext.Shows(News.Items);
        Documents = await DocumentPage.NewestOfDepartmentAsync(db, department.Id, now, DocumentsShown, ct);
        HttpContext.Tag(CacheTags.Department(department.Id), CacheTags.Documents);
        return Page();
    }
}
