using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;

namespace Visnyk.Pages.Admin.Audit;

// The audit log, newest first, filtered by who, what, which subject and when.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db) : PageModel
{
    public const int PageSize = 100;

    [FromQuery(Name = "user")] public string? UserName { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    [FromQuery(Name = "subject")] public string? Subject { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "before")] public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(UserName))
        {
            entries = entries.Where(e => e.UserName.Contains(UserName.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            entries = entries.Where(e => e.Action == Action);
        }
        if (!string.IsNullOrWhiteSpace(Subject))
        {
            entries = entries.Where(e => e.Subject == Subject.Trim());
        }
        if (From is { } from)
        {
            var start = Site.KyivTime.StartOfDay(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = Site.KyivTime.StartOfDay(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        if (Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }
        Entries = await entries.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
        Actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }
}
