using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Feedback;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Feedback;

// Residents' problem reports (/feedback), newest first: new ones, handled ones, or all; each can
// be marked handled, reopened or deleted (spam), and where new ones are forwarded is chosen here.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db, AuditLog audit, IOptions<SiteOptions> options, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "show")] public string? Show { get; set; }
    [FromQuery(Name = "before")] public int? Before { get; set; }

    [BindProperty, MaxLength(254), RegularExpression(Contact.EmailPattern, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.EmailInvalid))]
    [Display(Name = nameof(AdminText.ReportsForwardTo), ResourceType = typeof(AdminText))]
    public string? ReportsTo { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<ProblemReport> Reports { get; private set; } = [];
    public int NewCount { get; private set; }
    public int ForwardedPerHour => options.Value.Reports.ForwardedPerHour;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ReportsTo = await db.SiteSettings.OrderBy(s => s.Id).Select(s => s.ReportsTo).FirstOrDefaultAsync(ct);
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var reports = db.ProblemReports.AsNoTracking();
        reports = Show switch
        {
            "handled" => reports.Where(r => r.HandledAt != null),
            "all" => reports,
            _ => reports.Where(r => r.HandledAt == null),
        };
        if (Before is { } before)
        {
            reports = reports.Where(r => r.Id < before);
        }
        Reports = await reports.OrderByDescending(r => r.Id).Take(PageSize).ToListAsync(ct);
        NewCount = await db.ProblemReports.CountAsync(r => r.HandledAt == null, ct);
    }

    public async Task<IActionResult> OnPostForwardAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var settings = await db.SiteSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new SiteSettings();
            db.SiteSettings.Add(settings);
        }
        var to = (ReportsTo ?? "").Trim();
        if (settings.ReportsTo != to)
        {
            audit.Record(AuditActions.SettingsChanged, "reports", $"{AdminText.ReportsForwardTo}: «{settings.ReportsTo}» → «{to}»");
            settings.ReportsTo = to;
            settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        Message = AdminText.ReportsForwardSaved;
        return RedirectToPage(new { show = Show });
    }

    public Task<IActionResult> OnPostHandleAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, AuditActions.ReportHandled, r => r.Handle(clock.GetUtcNow().UtcDateTime, User.Identity?.Name ?? ""), ct);

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, AuditActions.ReportReopened, r => r.Reopen(), ct);

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, AuditActions.ReportDeleted, r => db.ProblemReports.Remove(r), ct);

    // Another site's report is not found here: the context sees this site's rows only.
    async Task<IActionResult> ChangeAsync(int id, string action, Action<ProblemReport> change, CancellationToken ct)
    {
        var report = await db.ProblemReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return NotFound();
        }
        change(report);
        audit.Record(action, AuditActions.Report(id), action == AuditActions.ReportDeleted ? $"{ProblemReport.KindName(report.Kind)}; {report.Page}" : "");
        await db.SaveChangesAsync(ct);
        if (action == AuditActions.ReportDeleted)
        {
            Message = AdminText.ReportsDeleted;
        }
        return RedirectToPage(new { show = Show });
    }
}
