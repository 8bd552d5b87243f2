using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Site;

namespace Visnyk.Pages;

// The accessibility statement, in the structure of the EU Web Accessibility Directive's model:
// conformance, non-accessible content, how the statement was prepared, feedback, enforcement.
// Its facts are the site's own (SiteSettings, edited at /admin/settings/accessibility).
public class AccessibilityModel(SiteChrome chrome) : PageModel
{
    public SiteSettings Settings { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Settings = (await chrome.GetAsync(ct)).Settings;
}
