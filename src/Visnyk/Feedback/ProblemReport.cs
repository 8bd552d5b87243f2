namespace Visnyk.Feedback;

public enum ProblemKind
{
    // A mistake in the text or the data of a page.
    Mistake = 0,
    // Something a resident could not use: a screen reader, the keyboard, zoom, contrast.
    Inaccessible = 1,
    Other = 2,
}

// A resident's report of a mistake or of something they could not use, sent from the form linked
// on every page (/feedback). Nothing about the sender is kept but what they wrote: no client
// address, no browser; the e-mail address only if they gave one for an answer, never confirmed and
// never written to by the site (an administrator answers, if at all, from their own mail).
public class ProblemReport
{
    public const int MaxText = 4000;
    public const int MinText = 10;
    public const int MaxPage = 500;

    public int Id { get; set; }
    public ProblemKind Kind { get; set; }
    // The page it is about: a path of this site, or "" when it came from none.
    public string Page { get; set; } = "";
    public string Text { get; set; } = "";
    public string Email { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    // Set by an administrator once dealt with; who did it is in the audit log and here.
    public DateTime? HandledAt { get; set; }
    public string HandledBy { get; set; } = "";

    public bool IsHandled => HandledAt is not null;

    public static string KindName(ProblemKind kind) => kind switch
    {
        ProblemKind.Mistake => Visnyk.Text.ReportKindMistake,
        ProblemKind.Inaccessible => Visnyk.Text.ReportKindInaccessible,
        _ => Visnyk.Text.ReportKindOther,
    };

    public void Handle(DateTime utcNow, string by)
    {
        HandledAt = utcNow;
        HandledBy = by.Length > 200 ? by[..200] : by;
    }

    public void Reopen()
    {
        HandledAt = null;
        HandledBy = "";
    }

    // The page a report may name: a path of this site (not "//host", not a scheme), without its
    // query (search words are the reader's own), at most MaxPage long; anything else names none.
    public static string PageOf(string? about)
    {
        if (string.IsNullOrEmpty(about) || about.Length > MaxPage * 3 || about[0] != '/' || about.StartsWith("//", StringComparison.Ordinal) || about.StartsWith("/\\", StringComparison.Ordinal))
        {
            return "";
        }
        var path = about.Split('?', '#')[0];
        if (path.Length > MaxPage || path.Any(c => char.IsControl(c) || c is '\\' or ' ' or '<' or '>' or '"'))
        {
            return "";
        }
        // A personal link's token is the reader's key to their subscription or a draft: the
        // report names the kind of page only, never the token (it is mailed and kept).
        return Private.FirstOrDefault(p => path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)) ?? path;
    }

    static readonly string[] Private = ["/subscribe/manage", "/subscribe/confirm", "/unsubscribe", "/preview", "/admin"];
}
