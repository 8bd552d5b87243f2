using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Feedback;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Feedback;

// "Повідомити про помилку або недоступність", linked from every page with that page's address:
// the report is kept for the site's administrators (/admin/feedback) and forwarded to the
// address they chose. No antiforgery token (the page is reached from cached pages, and a forged
// post can do no more than its author posting himself); a hidden field, the Sec-Fetch-Site
// header and rate limits hold off bots, with no third-party CAPTCHA. Nothing is ever mailed to
// the address a resident gives.
[IgnoreAntiforgeryToken]
// A resident's report is a few kilobytes; a bigger value is refused before it is read (FormMessages).
[RequestFormLimits(ValueLengthLimit = 32_768, KeyLengthLimit = 100, ValueCountLimit = 20)]
public class IndexModel(VisnykDb db, SiteChrome chrome, ReportLimits perClient, IOptions<ReportOptions> options, TimeProvider clock) : PageModel
{
    // A browser says where a post comes from by Sec-Fetch-Site; one too old to say so, by Origin
    // ("null" from a sandboxed frame or a local file is elsewhere too). A post with neither (a
    // script, an old client) is left to the hidden field and the limits.
    static bool FromElsewhere(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            return site == "cross-site";
        }
        return request.Headers.Origin is { Count: > 0 } origin
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    [BindProperty(SupportsGet = true)]
    public string? About { get; set; }
    [BindProperty]
    public ProblemKind? Kind { get; set; }
    [BindProperty]
    public string? Message { get; set; }
    [BindProperty]
    public string? Email { get; set; }
    // The bot trap: a field people never see or hear, which form-filling bots fill in.
    [BindProperty]
    public string? Website { get; set; }

    // The page the report is about, as checked (ProblemReport.PageOf).
    public string PagePath => ProblemReport.PageOf(About);

    // Where to write instead when the form cannot take more today.
    public string ContactEmail { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => ContactEmail = await ContactAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Another site making its visitors post reports is refused.
        if (FromElsewhere(Request))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        ContactEmail = await ContactAsync(ct);
        if (ModelState.TryGetValue("", out var whole) && whole.Errors.Count > 0)
        {
            return Page(); // the form could not be read at all (FormMessages): nothing more to say
        }
        // A value that is no kind has its error from the binder already.
        if (ModelState[nameof(Kind)]?.Errors.Count is not > 0 && (Kind is not { } kind || !Enum.IsDefined(kind)))
        {
            ModelState.AddModelError(nameof(Kind), Text.ReportKindMissing);
        }
        var text = (Message ?? "").Trim().ReplaceLineEndings("\n");
        if (!QueryRules.IsText(text))
        {
            ModelState.AddModelError(nameof(Message), Text.ReportTextInvalid);
        }
        else if (text.Length < ProblemReport.MinText)
        {
            ModelState.AddModelError(nameof(Message), string.Format(Text.ReportTextTooShort, ProblemReport.MinText));
        }
        else if (text.Length > ProblemReport.MaxText)
        {
            ModelState.AddModelError(nameof(Message), string.Format(Text.ReportTextTooLong, ProblemReport.MaxText, text.Length));
        }
        string? email = null;
        if (!string.IsNullOrWhiteSpace(Email))
        {
            (email, var error) = EmailAddress.Check(Email);
            if (error is not null)
            {
                ModelState.AddModelError(nameof(Email), error);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!string.IsNullOrEmpty(Website))
        {
            return RedirectToPage("Sent"); // a bot: the same answer, nothing kept
        }
        var limits = options.Value;
        if (!perClient.TryTake(HttpContext.Connection.RemoteIpAddress))
        {
            ModelState.AddModelError("", Text.ReportTooManyFromYou);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.ProblemReports.CountAsync(r => r.ReceivedAt > now.AddDays(-1), ct) >= limits.PerDay)
        {
            // A flood: the resident keeps what they wrote and is told where else to send it.
            ModelState.AddModelError("", ContactEmail.Length > 0 ? string.Format(Text.ReportTooManyWrite, ContactEmail) : Text.ReportTooMany);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var report = new ProblemReport { Kind = Kind!.Value, Page = PagePath, Text = text, Email = email ?? "", ReceivedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ProblemReports.Add(report);
        await db.SaveChangesAsync(ct);
        // From the database, not the cached chrome: the address is not shown on any page.
        var to = await db.SiteSettings.OrderBy(s => s.Id).Select(s => s.ReportsTo).FirstOrDefaultAsync(ct) ?? "";
        if (to.Length > 0 && await db.Deliveries.CountAsync(d => d.ProblemReportId != null && d.CreatedAt > now.AddHours(-1), ct) < limits.ForwardedPerHour)
        {
            db.Deliveries.Add(new Delivery { To = to, ProblemReportId = report.Id, CreatedAt = now, NextAttemptAt = now });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return RedirectToPage("Sent");
    }

    async Task<string> ContactAsync(CancellationToken ct)
    {
        var settings = (await chrome.GetAsync(ct)).Settings;
        return settings.SupportEmail is { Length: > 0 } support ? support : settings.Email;
    }
}
