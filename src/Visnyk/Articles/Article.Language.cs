using System.Security.Cryptography;
using System.Text;
using Visnyk.Site;

namespace Visnyk.Articles;

// The language an article is written in, and the article it translates.
public partial class Article
{
    // SiteLanguage.Code: the default language's unless written in another of the site's languages.
    public string Language { get; set; } = SiteLanguage.Default.Code;
    // A translation names its original, an article in the default language; one written only in
    // another language names none. Each original has at most one translation per language.
    public int? OriginalId { get; set; }
    // A translation: its original's text (TextPrint) as it was when the translation was last
    // published. The original changed since: the translation may be out of date (the newsroom says so).
    public string? OriginalText { get; set; }

    public SiteLanguage Written => SiteLanguage.Of(Language);

    // What readers read of it, in 16 hex digits: a change of title, summary or text changes it.
    public static string TextPrint(string title, string summary, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{summary}\n{body}")))[..16];

    // A published translation whose original was changed since (OriginalText).
    public static bool OutOfDate(string? translated, string title, string summary, string body) =>
        translated is not null && translated != TextPrint(title, summary, body);
}
