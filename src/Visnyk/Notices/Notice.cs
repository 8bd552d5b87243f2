using Visnyk.Site;

namespace Visnyk.Notices;

// How grave a notice is; the order in which several are shown, the gravest first. Mourning: a day
// of mourning (день жалоби), shown with a black ribbon in the header and the site's header and home
// page in greys, as Ukrainian official sites do, besides its own line of text.
public enum NoticeLevel { Information = 0, Warning = 1, Danger = 2, Mourning = 3 }

// A site-wide notice ("Повітряна тривога в області"): at the top of every public page from its start
// until its end (or until it is taken down), on every instance (NoticeClock and SiteChrome).
// Set by administrators and chief editors (/admin/notices), audited.
public class Notice
{
    public const int MaxText = 500;
    public const int MaxLink = 500;

    public int Id { get; set; }
    public NoticeLevel Level { get; set; }
    public string Text { get; set; } = "";
    // An address on the site ("/news/…") or on the web (https://…), for more; optional.
    public string? Link { get; set; }
    public DateTime StartsAt { get; set; }
    // Null: until taken down.
    public DateTime? EndsAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    // Its text in the site's other languages (an English page shows the Ukrainian one, marked, where there is none).
    public List<NoticeText> Translations { get; set; } = [];

    public bool IsShownAt(DateTime utcNow) => StartsAt <= utcNow && (EndsAt is not { } end || utcNow < end);

    public bool IsOverAt(DateTime utcNow) => EndsAt is { } end && end <= utcNow;

    // Its text on a page in this language, with the lang attribute it needs there (null: the page's).
    public (string Text, string? Lang) In(SiteLanguage language) =>
        !language.IsDefault && NameText.Of(Translations, language) is { Text.Length: > 0 } own ? (own.Text, null) : (Text, language.DefaultsLang);

    // Its level as a page in the work's language names it (the notice's heading).
    public static string Name(NoticeLevel level) => level switch
    {
        NoticeLevel.Warning => Visnyk.Text.NoticeWarning,
        NoticeLevel.Danger => Visnyk.Text.NoticeDanger,
        NoticeLevel.Mourning => Visnyk.Text.NoticeMourning,
        _ => Visnyk.Text.NoticeInformation,
    };

    // The order of several: the gravest first, then the newest.
    public static IEnumerable<Notice> InOrder(IEnumerable<Notice> notices) =>
        notices.OrderByDescending(n => n.Level).ThenByDescending(n => n.StartsAt).ThenByDescending(n => n.Id);

    // The notices a page shows now, in order.
    public static IReadOnlyList<Notice> Shown(IEnumerable<Notice> notices, DateTime utcNow) =>
        [.. InOrder(notices.Where(n => n.IsShownAt(utcNow)))];
}

public class NoticeText : IWrittenIn
{
    public string Language { get; set; } = "";
    public string Text { get; set; } = "";

    // What a person can type and XML (the feeds) can carry: the form refuses anything else.
    public static bool IsText(string? text) => QueryRules.IsText(text);

    // The same, kept from a text that did not come through the form (a site's archive): what XML cannot carry goes.
    public static string Clean(string? text) => QueryRules.KeepText(text);
}
