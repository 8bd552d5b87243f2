using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Departments;
using Visnyk.People;
using Visnyk.Site;

namespace Visnyk.Pages.People;

// /people/{slug}: one person, from the site's snapshot (no query per request).
public class PersonModel(SiteChrome chrome) : PageModel
{
    public Person Person { get; private set; } = null!;
    public Department? Department { get; private set; }
    public SiteSettings Settings { get; private set; } = null!;
    public string CanonicalUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var snapshot = await chrome.GetAsync(ct);
        if (!snapshot.PeopleBySlug.TryGetValue(slug, out var person))
        {
            return NotFound();
        }
        Person = person;
        Department = person.DepartmentId is { } id ? snapshot.DepartmentsById.GetValueOrDefault(id) : null;
        Settings = snapshot.Settings.In(HttpContext.Language());
        CanonicalUrl = PublicUrl.For(HttpContext, person.Path);
        return Page();
    }
}
