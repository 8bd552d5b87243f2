using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Settings;

// The accessibility statement's facts (the public page is /accessibility).
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class AccessibilityModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, TimeProvider clock) : PageModel
{
    public sealed class Statement
    {
        [EnumDataType(typeof(Conformance))]
        public Conformance Conformance { get; set; }
        [MaxLength(4000)]
        public string? Exceptions { get; set; }
        public DateOnly? PreparedOn { get; set; }
        public DateOnly? CheckedOn { get; set; }
        [MaxLength(500)]
        public string? CheckMethod { get; set; }
        [MaxLength(1000)]
        public string? Enforcement { get; set; }
    }

    [BindProperty]
    public Statement Form { get; set; } = new();
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new SiteSettings();
        Form = new Statement
        {
            Conformance = s.AccessibilityConformance, Exceptions = s.AccessibilityExceptions, PreparedOn = s.AccessibilityPreparedOn,
            CheckedOn = s.AccessibilityCheckedOn, CheckMethod = s.AccessibilityCheckMethod, Enforcement = s.AccessibilityEnforcement,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(KyivTime.ToKyiv(clock.GetUtcNow().UtcDateTime));
        if (Form.CheckedOn > today)
        {
            ModelState.AddModelError("Form.CheckedOn", AdminText.AccessibilityCheckedInFuture);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var settings = await db.SiteSettings.ForEditAsync(ct);
        var before = Describe(settings);
        static string T(string? value) => (value ?? "").Trim();
        settings.AccessibilityConformance = Form.Conformance;
        // One item a line, without blank lines or stray spaces.
        settings.AccessibilityExceptions = string.Join('\n', T(Form.Exceptions).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        settings.AccessibilityPreparedOn = Form.PreparedOn;
        settings.AccessibilityCheckedOn = Form.CheckedOn;
        settings.AccessibilityCheckMethod = T(Form.CheckMethod);
        settings.AccessibilityEnforcement = T(Form.Enforcement);
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.SettingsChanged, "accessibility", AuditLog.Changes(before, Describe(settings)));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        Message = AdminText.Saved;
        return RedirectToPage();
    }

    static Dictionary<string, string> Describe(SiteSettings s) => new()
    {
        [AdminText.AccessibilityConformance] = s.AccessibilityConformance.ToString(),
        [AdminText.AccessibilityExceptions] = s.AccessibilityExceptions,
        [AdminText.AccessibilityPreparedOn] = s.AccessibilityPreparedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        [AdminText.AccessibilityCheckedOn] = s.AccessibilityCheckedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        [AdminText.AccessibilityCheckMethod] = s.AccessibilityCheckMethod,
        [AdminText.AccessibilityEnforcement] = s.AccessibilityEnforcement,
    };
}
