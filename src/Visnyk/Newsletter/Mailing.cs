namespace Visnyk.Newsletter;

public enum MailingKind
{
    // An article was published: to its Immediately subscribers.
    Alert = 0,
    // An editor added a change note and asked to tell subscribers.
    Update = 1,
    DailyDigest = 2,
    WeeklyDigest = 3,
    // A digest of the latest news sent from the back office to the user who asked, and nobody else.
    Test = 4,
}

// One decision to mail (an article published, a digest due). It is written in the transaction
// that makes the decision; MailingExpander then turns it into one Delivery per subscriber, in
// batches, each batch with the cursor that says how far it got, so a crash resumes, never repeats.
public class Mailing
{
    public int Id { get; set; }
    public MailingKind Kind { get; set; }
    // Unique: "alert:{article}", "update:{note}", "daily:{yyyy-MM-dd}", "weekly:{yyyy-MM-dd}".
    // A second instance deciding the same mailing fails on it instead of sending twice.
    public required string Key { get; set; }
    public int? ArticleId { get; set; }
    // Its articles' language and its subscribers': an alert's is its article's; each language
    // has its own digest (DigestKey).
    public string Language { get; set; } = Site.SiteLanguage.Default.Code;
    public int? ChangeNoteId { get; set; }
    public Newsroom.ChangeNote? ChangeNote { get; set; }
    // Digests: the articles published in [From, To).
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public DateTime CreatedAt { get; set; }
    // Expansion: the last subscriber id done, and when it finished.
    public int Cursor { get; set; }
    public DateTime? ExpandedAt { get; set; }
    // Once its deliveries are old and settled they are deleted (with their addresses) and only
    // these counts remain for the send history.
    public DateTime? ArchivedAt { get; set; }
    public int Sent { get; set; }
    public int Failed { get; set; }
    public int Cancelled { get; set; }

    public static string AlertKey(int articleId) => $"alert:{articleId}";
    public static string UpdateKey(int noteId) => $"update:{noteId}";

    // "daily:2025-06-18" in the default language, "daily:2025-06-18:en" in another.
    public static string DigestKey(string key, Site.SiteLanguage language) => language.IsDefault ? key : $"{key}:{language.Code}";

    public Frequency? DigestFrequency => Kind switch
    {
        MailingKind.DailyDigest => Frequency.Daily,
        MailingKind.WeeklyDigest => Frequency.Weekly,
        _ => null,
    };
}
