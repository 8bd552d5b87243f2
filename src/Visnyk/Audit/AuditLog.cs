using System.Security.Claims;
using Visnyk.Accounts;
using Visnyk.Data;

namespace Visnyk.Audit;

// Writes audit entries for the current request: the signed-in user (or the one named) and the
// client address. Record adds the entry to the caller's unit of work, so it is saved together
// with the change it describes or not at all; WriteAsync saves it at once (sign-ins, failures).
public class AuditLog(VisnykDb db, IHttpContextAccessor http, TimeProvider clock)
{
    public AuditEntry Record(string action, string subject = "", string details = "", User? actor = null)
    {
        var context = http.HttpContext;
        var principal = context?.User;
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor?.Id ?? principal?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = actor?.Email ?? principal?.Identity?.Name ?? "",
            Ip = context?.Connection.RemoteIpAddress?.ToString() ?? "",
            Action = action,
            Subject = subject,
            Details = details,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    // "Field: «before» → «after»", one line per field that changed, for Details.
    public static string Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join("\n", after.Where(f => before[f.Key] != f.Value).Select(f => $"{f.Key}: «{before[f.Key]}» → «{f.Value}»"));

    public async Task WriteAsync(string action, string subject = "", string details = "", User? actor = null, CancellationToken ct = default)
    {
        Record(action, subject, details, actor);
        await db.SaveChangesAsync(ct);
    }
}

public static class AuditActions
{
    public const string SignIn = "signin";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.lockedout";
    public const string SignInThrottled = "signin.throttled";
    public const string SignInTwoFactorFailed = "signin.2fa.failed";
    public const string SignOut = "signout";
    public const string SignOutEverywhere = "signout.everywhere";
    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorReset = "2fa.reset";
    public const string TwoFactorPolicyChanged = "2fa.policy";
    public const string RecoveryCodeUsed = "2fa.recoverycode";
    public const string PasskeyAdded = "passkey.add";
    public const string PasskeyRemoved = "passkey.remove";
    public const string PasskeySignIn = "signin.passkey";
    public const string PasswordSet = "password.set";
    public const string UserCreated = "user.create";
    public const string SiteCreated = "site.create";
    public const string PageTranslationUnplaced = "page.translation.unplaced";
    public const string NoticeCreated = "notice.create";
    public const string NoticeChanged = "notice.change";
    public const string NoticeEnded = "notice.end";
    public const string SiteImported = "site.import";
    public const string SiteRestored = "site.restore";
    public const string UserInvited = "user.invite";
    public const string UserChanged = "user.edit";
    public const string UserDisabled = "user.disable";
    public const string ArticleCreated = "article.create";
    public const string ArticleSaved = "article.edit";
    public const string ArticleSubmitted = "article.submit";
    public const string ArticlePublished = "article.publish";
    public const string ArticleScheduled = "article.schedule";
    public const string ArticleWithdrawn = "article.withdraw";
    public const string ArticleRemoved = "article.remove";
    public const string ArticleUnscheduled = "article.unschedule";
    public const string ArticleCorrected = "article.correct";
    public const string ArticleImported = "article.import";
    public const string PreviewRevoked = "article.preview.revoke";
    public const string Denied = "access.denied";
    public const string ImageUploaded = "image.upload";
    public const string ImageChanged = "image.edit";
    public const string SettingsChanged = "settings.edit";
    public const string DepartmentChanged = "department.edit";
    public const string PersonChanged = "person.edit";
    public const string PersonRemoved = "person.remove";
    public const string TagChanged = "tag.edit";
    public const string TagsMerged = "tag.merge";
    public const string RolesChanged = "user.roles";
    public const string UserEnabled = "user.enable";
    public const string MailPaused = "mail.pause";
    public const string MailResumed = "mail.resume";
    public const string MailTest = "mail.test";
    public const string SubscribersExported = "subscribers.export";
    public const string ReportHandled = "report.handle";
    public const string ReportReopened = "report.reopen";
    public const string ReportDeleted = "report.delete";

    public static string User(string id) => $"user:{id}";
    public static string Article(int id) => $"article:{id}";
    public static string Report(int id) => $"report:{id}";
}
