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
// The date and method of the last check can come from an axe-core report of this site's pages.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
[Visnyk.Media.UploadForm]
public class AccessibilityModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, TimeProvider clock, SiteHosts hosts, Microsoft.Extensions.Options.IOptions<SiteOptions> options) : PageModel
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

    // The check's date (the run's, in Kyiv) and method from an axe-core report, if it is one, of
    // this site's pages (by the hosts that lead to this site), and not dated in the future.
    public async Task<IActionResult> OnPostReportAsync(IFormFile? report, CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (report is null || report.Length == 0)
        {
            ModelState.AddModelError("report", AdminText.AxeNotJson);
            return Page();
        }
        if (report.Length > AxeReport.MaxBytes)
        {
            ModelState.AddModelError("report", AdminText.AxeTooLarge);
            return Page();
        }
        AxeReport? found;
        string? error;
        await using (var stream = report.OpenReadStream())
        {
            (found, error) = await AxeReport.ReadAsync(stream, ct);
        }
        if (found is null)
        {
            ModelState.AddModelError("report", error!);
            return Page();
        }
        foreach (var host in found.Pages.Select(p => p.Host).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!await OursAsync(host, ct))
            {
                ModelState.AddModelError("report", string.Format(AdminText.AxeOtherSite, host));
                return Page();
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.CheckedAt > now.AddMinutes(5))
        {
            ModelState.AddModelError("report", AdminText.AxeInFuture);
            return Page();
        }
        var settings = await db.SiteSettings.ForEditAsync(ct);
        var before = Describe(settings);
        var checkedOn = KyivTime.Day(found.CheckedAt);
        (settings.AccessibilityCheckedOn, settings.AccessibilityCheckMethod, settings.UpdatedAt) = (checkedOn, found.Method, now);
        audit.Record(AuditActions.SettingsChanged, "accessibility", AuditLog.Changes(before, Describe(settings)));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        Message = string.Format(AdminText.AxeFilled, KyivTime.LongDate(checkedOn), found.Pages.Count, found.Elements)
            + (found.Violations.Count == 0 ? "" : " " + AdminText.AxeRulesBroken + " " + string.Join(", ", found.Violations.Take(10).Select(r => $"{r.Id} ({r.Elements})")));
        return RedirectToPage();
    }

    // A host of this site: the one the administrator reached it by, one of its domains, or its configured address.
    async Task<bool> OursAsync(string host, CancellationToken ct)
    {
        var name = SiteHosts.Normalize(host);
        return name == SiteHosts.Normalize(Request.Host.Host)
            || await hosts.FindAsync(name, ct) is { } entry && entry.Site == db.SiteId
            || await PublicUrl.KnownOriginAsync(options.Value, hosts, db.SiteId, ct) is { } origin && SiteHosts.Normalize(new Uri(origin).Host) == name;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var today = KyivTime.Day(clock.GetUtcNow().UtcDateTime);
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
