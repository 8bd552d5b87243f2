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
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Feedback;

// Residents' problem reports (/feedback), newest first: new ones, handled ones, or all; each can
// be marked handled, reopened or deleted (spam), and where new ones are forwarded is chosen here.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db, AuditLog audit, IOptions<ReportOptions> options, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "show")] public string? Show { get; set; }
    [FromQuery(Name = "before")] public int? Before { get; set; }

    // Checked as the sign-up checks an address (EmailAddress), not by a pattern alone.
    [BindProperty]
    public string? ReportsTo { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<ProblemReport> Reports { get; private set; } = [];
    // How each shown report's mail went, if it was forwarded (a failure says why).
    public record Forwarding(string To, DeliveryStatus Status, DateTime? SentAt, string? Error);
    public IReadOnlyDictionary<int, Forwarding> Forwarded { get; private set; } = new Dictionary<int, Forwarding>();
    public int NewCount { get; private set; }
    public int ForwardedPerHour => options.Value.ForwardedPerHour;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A paging value that is no number (an edited address) shows the first page, not a form error.
        ModelState.Clear();
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
        var ids = Reports.Select(r => r.Id).ToList();
        Forwarded = (await db.Deliveries.Where(d => d.ProblemReportId != null && ids.Contains(d.ProblemReportId.Value))
                .Select(d => new { Id = d.ProblemReportId!.Value, d.To, d.Status, d.SentAt, d.Error }).ToListAsync(ct))
            .GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Select(d => new Forwarding(d.To, d.Status, d.SentAt, d.Error)).First());
        NewCount = await db.ProblemReports.CountAsync(r => r.HandledAt == null, ct);
    }

    public async Task<IActionResult> OnPostForwardAsync(CancellationToken ct)
    {
        var to = "";
        if (!string.IsNullOrWhiteSpace(ReportsTo))
        {
            (var address, var error) = EmailAddress.Check(ReportsTo);
            if (error is not null)
            {
                ModelState.AddModelError(nameof(ReportsTo), error);
            }
            to = address ?? "";
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var settings = await db.SiteSettings.ForEditAsync(ct);
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

    // With its forwarding: a mail not yet claimed is cancelled first (so no sender takes it
    // meanwhile); one being sent right now keeps the report until it is done.
    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Deliveries.Where(d => d.ProblemReportId == id && d.Status == DeliveryStatus.Waiting)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Cancelled), ct);
        if (await db.Deliveries.AnyAsync(d => d.ProblemReportId == id && d.Status == DeliveryStatus.Sending, ct))
        {
            await transaction.RollbackAsync(ct);
            Message = AdminText.ReportsBeingSent;
            return RedirectToPage(new { show = Show });
        }
        var result = await ChangeAsync(id, AuditActions.ReportDeleted, r => db.ProblemReports.Remove(r), ct);
        await transaction.CommitAsync(ct);
        return result;
    }

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
