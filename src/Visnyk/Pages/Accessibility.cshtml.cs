using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Site;

namespace Visnyk.Pages;

// The accessibility statement, in the structure of the EU Web Accessibility Directive's model:
// conformance, non-accessible content, how the statement was prepared, feedback, enforcement.
// Its facts are the site's own (SiteSettings, edited at /admin/settings/accessibility).
public class AccessibilityModel(SiteChrome chrome) : PageModel
{
    public SiteSettings Settings { get; private set; } = null!;

    // The administrators' texts that have no version in the page's language: marked as the default language's.
    public string? Theirs { get; private set; }
    public string? AddressLang { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var language = HttpContext.Language();
        var settings = (await chrome.GetAsync(ct)).Settings;
        Settings = settings.In(language);
        Theirs = language.DefaultsLang;
        AddressLang = NameText.LangOf(language, settings.TextIn(language)?.PostalAddress ?? "");
    }
}
