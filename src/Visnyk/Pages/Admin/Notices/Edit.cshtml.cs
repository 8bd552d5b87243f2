using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Notices;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Notices;

// One site-wide notice: its level, text (and its text in the site's other languages), link, start and
// end in Kyiv time. Saved or taken down, the site's snapshot is renewed and every cached page of the
// site goes, on every instance (SiteChrome.ChangedAsync), so it shows or leaves at once.
[Authorize(Policy = AccountsSetup.NoticesPolicy)]
public class EditModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, TimeProvider clock) : PageModel
{
    public class NoticeForm
    {
        [Display(Name = nameof(AdminText.NoticeLevel), ResourceType = typeof(AdminText))]
        public NoticeLevel Level { get; set; }
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.NoticeTextRequired)), MaxLength(Notice.MaxText), Display(Name = nameof(AdminText.NoticeText), ResourceType = typeof(AdminText))]
        public string Text { get; set; } = "";
        [MaxLength(Notice.MaxLink), Display(Name = nameof(AdminText.NoticeLink), ResourceType = typeof(AdminText))]
        public string? Link { get; set; }
        // Kyiv time; empty: now.
        [Display(Name = nameof(AdminText.NoticeStartsAt), ResourceType = typeof(AdminText))]
        public DateTime? StartsAt { get; set; }
        // Kyiv time; empty: until taken down (a day of mourning: to the end of its day).
        [Display(Name = nameof(AdminText.NoticeEndsAt), ResourceType = typeof(AdminText))]
        public DateTime? EndsAt { get; set; }
        // Its text in each of the site's other languages, by code.
        public Dictionary<string, string?> OtherTexts { get; set; } = [];
    }

    [BindProperty]
    public NoticeForm Form { get; set; } = new();

    public Notice? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is null)
        {
            return Page();
        }
        Notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (Notice is null)
        {
            return NotFound();
        }
        Form = new NoticeForm
        {
            Level = Notice.Level, Text = Notice.Text, Link = Notice.Link,
            StartsAt = KyivTime.ToKyiv(Notice.StartsAt), EndsAt = Notice.EndsAt is { } end ? KyivTime.ToKyiv(end) : null,
            OtherTexts = SiteLanguage.Others.ToDictionary(l => l.Code, l => NameText.Of(Notice.Translations, l)?.Text),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is not null && (Notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct)) is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!Enum.IsDefined(Form.Level))
        {
            ModelState.AddModelError("Form.Level", AdminText.NoticeLevelUnknown);
        }
        var link = string.IsNullOrWhiteSpace(Form.Link) ? null : Form.Link.Trim();
        if (link is not null && !NoticeLinks.IsSafe(link))
        {
            ModelState.AddModelError("Form.Link", AdminText.NoticeLinkInvalid);
        }
        foreach (var (field, value) in new[] { ("Form.StartsAt", Form.StartsAt), ("Form.EndsAt", Form.EndsAt) })
        {
            if (value is { } local && (!KyivTime.Exists(local) || local.Year is < 2000 or > 2100))
            {
                ModelState.AddModelError(field, AdminText.NoticeTimeInvalid);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!NoticeText.IsText(Form.Text) || Form.OtherTexts.Values.Any(t => !NoticeText.IsText(t)))
        {
            ModelState.AddModelError("Form.Text", AdminText.NoticeTextInvalid);
        }
        // To the second: what the form gives back is what is stored.
        var startsAt = Seconds(Form.StartsAt is { } start ? KyivTime.ToUtc(start) : Notice?.StartsAt ?? now);
        var endsAt = Form.EndsAt is { } end ? Seconds(KyivTime.ToUtc(end))
            : Form.Level == NoticeLevel.Mourning ? KyivTime.StartOfDay(KyivTime.Day(startsAt).AddDays(1))
            : (DateTime?)null;
        // Equal only for a notice taken down the second it started, or before it started (kept so when corrected).
        if (endsAt < startsAt || endsAt == startsAt && Notice?.IsOverAt(now) != true)
        {
            ModelState.AddModelError("Form.EndsAt", AdminText.NoticeEndsBeforeStart);
        }
        // A notice already over may be corrected (its text) and stays over; a new or current one must not end in the past.
        else if (endsAt <= now && Notice?.IsOverAt(now) != true)
        {
            ModelState.AddModelError("Form.EndsAt", AdminText.NoticeEndsInPast);
        }
        ModelState.CheckOtherLanguages(language => [("OtherTexts", Form.OtherTexts.GetValueOrDefault(language.Code)?.Trim() ?? "", AdminText.NoticeText, Notice.MaxText)]);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var notice = Notice ?? new Notice { CreatedAt = now };
        var before = Describe(notice);
        notice.Level = Form.Level;
        notice.Text = Form.Text.Trim();
        notice.Link = link;
        notice.StartsAt = startsAt;
        notice.EndsAt = endsAt;
        notice.UpdatedAt = now;
        notice.Translations = [.. SiteLanguage.Others
            .Select(l => new NoticeText { Language = l.Code, Text = Form.OtherTexts.GetValueOrDefault(l.Code)?.Trim() ?? "" })
            .Where(t => t.Text.Length > 0)];
        if (Notice is null)
        {
            db.Notices.Add(notice);
            await db.SaveChangesAsync(ct);
        }
        audit.Record(Notice is null ? AuditActions.NoticeCreated : AuditActions.NoticeChanged, Subject(notice.Id), AuditLog.Changes(before, Describe(notice)));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        TempData["Message"] = notice.IsShownAt(now) ? AdminText.NoticeShownNow : AdminText.Saved;
        return Redirect($"/admin/notices/edit/{notice.Id}");
    }

    // Taken down now; kept, with its history, in the list and the audit log.
    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken ct)
    {
        if (await db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct) is not { } notice)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (!notice.IsOverAt(now))
        {
            var before = Describe(notice);
            notice.EndsAt = now < notice.StartsAt ? notice.StartsAt : Seconds(now);
            notice.UpdatedAt = now;
            audit.Record(AuditActions.NoticeEnded, Subject(notice.Id), AuditLog.Changes(before, Describe(notice)));
            await db.SaveChangesAsync(ct);
            await chrome.ChangedAsync(cache, ct);
        }
        TempData["Message"] = AdminText.NoticeEnded;
        return Redirect("/admin/notices");
    }

    static string Subject(int id) => $"notice:{id}";

    static DateTime Seconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    static Dictionary<string, string> Describe(Notice n)
    {
        var fields = new Dictionary<string, string>
        {
            [AdminText.NoticeLevel] = n.Id == 0 && n.Text.Length == 0 ? "" : Notice.Name(n.Level),
            [AdminText.NoticeText] = n.Text,
            [AdminText.NoticeLink] = n.Link ?? "",
            [AdminText.NoticeStartsAt] = n.Text.Length == 0 ? "" : KyivTime.Long(n.StartsAt),
            [AdminText.NoticeEndsAt] = n.EndsAt is { } end ? KyivTime.Long(end) : "",
        };
        foreach (var language in SiteLanguage.Others)
        {
            fields[string.Format(AdminText.InLanguage, AdminText.NoticeText, language.InNewsroom)] = NameText.Of(n.Translations, language)?.Text ?? "";
        }
        return fields;
    }
}
