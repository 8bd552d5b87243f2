using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Mail;

// The newsletter in the back office: subscribers by topic and frequency, how each mailing went,
// a test digest to oneself, the switch that pauses all sending, and the subscribers as CSV.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db, SiteChrome chrome, AuditLog audit, UserManager<User> users, IOptions<MailOptions> options, TimeProvider clock) : PageModel
{
    const int HistorySize = 30;

    public MailReport.Totals Totals { get; private set; } = null!;
    public List<MailReport.TopicCount> Topics { get; private set; } = [];
    public List<MailReport.Sending> History { get; private set; } = [];
    // The saved searches residents follow (issue 20): how many, and the most followed.
    public MailReport.Searches Searches { get; private set; } = null!;
    const int TopSearches = 10;
    public SiteChrome.Snapshot Site { get; private set; } = null!;
    public bool Paused { get; private set; }
    public Dictionary<int, string> Titles { get; private set; } = [];
    public MailOptions Options => options.Value;
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Totals = await MailReport.TotalsAsync(db, now, ct);
        Topics = await MailReport.TopicsAsync(db, ct);
        History = await MailReport.HistoryAsync(db, HistorySize, ct);
        Searches = await MailReport.SearchesAsync(db, TopSearches, ct);
        Site = await chrome.GetAsync(ct);
        Paused = await db.SiteSettings.AnyAsync(s => s.MailPaused, ct);
        var articles = History.Where(h => h.Mailing.ArticleId is not null).Select(h => h.Mailing.ArticleId!.Value).ToList();
        Titles = await db.Articles.Where(a => articles.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
    }

    // The saved searches' descriptions, for the export.
    Dictionary<int, string>? searches;

    public string TopicName(TopicKind kind, int id) => kind switch
    {
        TopicKind.All => AdminText.MailTopicAll,
        TopicKind.Department => Site.DepartmentsById.TryGetValue(id, out var d) ? d.Name : string.Format(AdminText.MailTopicDepartmentGone, id),
        TopicKind.Search => id == 0 ? AdminText.MailTopicSearches : searches?.GetValueOrDefault(id) ?? string.Format(AdminText.MailTopicSearchGone, id),
        _ => Site.TagsById.TryGetValue(id, out var t) ? $"#{t.Name}" : string.Format(AdminText.MailTopicTagGone, id),
    };

    public async Task<IActionResult> OnPostPauseAsync(bool pause, CancellationToken ct)
    {
        var settings = await db.SiteSettings.ForEditAsync(ct);
        if (settings.MailPaused != pause)
        {
            settings.MailPaused = pause;
            audit.Record(pause ? AuditActions.MailPaused : AuditActions.MailResumed, "mail");
            await db.SaveChangesAsync(ct);
        }
        Message = pause ? AdminText.MailPaused : AdminText.MailResumed;
        return RedirectToPage();
    }

    // The five latest articles, as a digest, to the signed-in user's own address only.
    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user?.Email is not { Length: > 0 } email)
        {
            Message = AdminText.MailTestNoAddress;
            return RedirectToPage();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = await db.Articles.Published(now)
            .OrderByDescending(a => a.PublishedAt).Take(5).Select(a => new { a.Id, a.PublishedAt }).ToListAsync(ct);
        if (latest.Count == 0)
        {
            Message = AdminText.MailTestNothingPublished;
            return RedirectToPage();
        }
        var mailing = new Mailing
        {
            Kind = MailingKind.Test, Key = $"test:{Guid.NewGuid():N}", From = latest[^1].PublishedAt, To = now.AddSeconds(1),
            CreatedAt = now, ExpandedAt = now,
        };
        db.Mailings.Add(mailing);
        await db.SaveChangesAsync(ct);
        db.Deliveries.Add(new Delivery { MailingId = mailing.Id, To = email, Payload = string.Join(',', latest.Select(a => a.Id)), CreatedAt = now, NextAttemptAt = now });
        audit.Record(AuditActions.MailTest, "mail", email);
        await db.SaveChangesAsync(ct);
        Message = options.Value.IsConfigured
            ? string.Format(AdminText.MailTestSent, email)
            : string.Format(AdminText.MailTestWaiting, email);
        return RedirectToPage();
    }

    // Every subscriber with their topics; the export itself is recorded in the audit log.
    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        Site = await chrome.GetAsync(ct);
        var count = await db.Subscribers.CountAsync(ct);
        await audit.WriteAsync(AuditActions.SubscribersExported, "subscribers", string.Format(AdminText.AuditSubscribersExported, count), ct: ct);
        // Written as it is read, so a hundred thousand addresses do not sit in memory.
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=subscribers-{KyivTime.ToKyiv(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}.csv";
        Response.Headers.CacheControl = "no-store";
        await using var csv = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await csv.WriteAsync("email,confirmed_at,undeliverable_at,topics\r\n");
        // Each saved search by its description (a row of a few words each).
        searches = [];
        await foreach (var search in db.SavedSearches.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            searches[search.Id] = search.Describe(Site);
        }
        var subscribers = db.Subscribers.AsNoTracking().Include(s => s.Subscriptions).OrderBy(s => s.Id).AsSplitQuery().AsAsyncEnumerable();
        await foreach (var s in subscribers.WithCancellation(ct))
        {
            var topics = string.Join("; ", s.Subscriptions.Select(x => $"{TopicName(x.Kind, x.TopicId)}: {Frequency(x.Frequency)}"));
            await csv.WriteAsync($"{Cell(s.Email)},{KyivTime.Iso(s.ConfirmedAt)},{(s.UndeliverableAt is { } at ? KyivTime.Iso(at) : "")},{Cell(topics)}\r\n");
        }
        return new EmptyResult();
    }

    public static string Frequency(Frequency frequency) => frequency switch
    {
        Newsletter.Frequency.Immediately => AdminText.FrequencyImmediately,
        Newsletter.Frequency.Daily => AdminText.FrequencyDaily,
        _ => AdminText.FrequencyWeekly,
    };

    // Quoted, and never read as a formula by a spreadsheet (CSV injection).
    static string Cell(string value) =>
        "\"" + (value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value).Replace("\"", "\"\"") + "\"";

    public static string Kind(Mailing m) => m.Kind switch
    {
        MailingKind.Alert => AdminText.MailingAlert,
        MailingKind.Update => AdminText.MailingUpdate,
        MailingKind.DailyDigest => AdminText.MailingDaily,
        MailingKind.WeeklyDigest => AdminText.MailingWeekly,
        _ => AdminText.MailingTest,
    };

    // The weekly digest's day, as "on Monday".
    public static string OnDay(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => AdminText.OnMonday,
        DayOfWeek.Tuesday => AdminText.OnTuesday,
        DayOfWeek.Wednesday => AdminText.OnWednesday,
        DayOfWeek.Thursday => AdminText.OnThursday,
        DayOfWeek.Friday => AdminText.OnFriday,
        DayOfWeek.Saturday => AdminText.OnSaturday,
        _ => AdminText.OnSunday,
    };
}
