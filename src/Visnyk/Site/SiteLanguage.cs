using System.Globalization;

namespace Visnyk.Site;

// A language the public site is written in. Ukrainian is the site's own: its addresses have no
// prefix, and it is what a reader gets when nothing says otherwise (x-default). Every other
// language lives under its code (/en/news/…). A third language is one more line in All, a
// Text.xx.resx beside Text.resx and its content; no code asks "is this English?".
public sealed class SiteLanguage
{
    public static readonly SiteLanguage Ukrainian = new("uk", "uk-UA", "uk_UA");
    public static readonly SiteLanguage English = new("en", "en-GB", "en_GB");
    public static readonly IReadOnlyList<SiteLanguage> All = [Ukrainian, English];
    public static SiteLanguage Default => Ukrainian;
    // Every language but the default: those with names, texts and translations of their own.
    public static readonly IReadOnlyList<SiteLanguage> Others = [.. All.Where(l => !l.IsDefault)];

    SiteLanguage(string code, string culture, string ogLocale)
    {
        Code = code;
        Culture = CultureInfo.GetCultureInfo(culture);
        OgLocale = ogLocale;
        Prefix = code == "uk" ? "" : "/" + code;
    }

    // The BCP 47 code: html lang, hreflang, the database's Articles.Language, ?lang= of the API.
    public string Code { get; }
    // Dates, numbers and the Text resources in this language.
    public CultureInfo Culture { get; }
    public string OgLocale { get; }
    // The newsroom's words for this language ("англійською"), from its resources (AdminText.Language_xx).
    public string InNewsroom => AdminText.ResourceManager.GetString($"Language_{Code}") ?? Code;

    // A text of the site's resources in this language (the language switch speaks the language it leads to).
    public string Text(string name) => Visnyk.Text.ResourceManager.GetString(name, Culture) ?? name;
    // "" for the default language, "/en" for English: what comes before a site path.
    public string Prefix { get; }
    public bool IsDefault => Prefix.Length == 0;

    // The address of a site path ("/news/12-x", "/") in this language.
    // The lang (or hreflang) of the default language's text, or of a link to a page only it has, on
    // a page in this language (WCAG 3.1.2): null on the default language's own pages.
    public string? DefaultsLang => IsDefault ? null : Default.Code;

    public string PathOf(string path) => IsDefault ? path : path == "/" ? Prefix : Prefix + path;

    public static SiteLanguage? Find(string? code) => All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));

    // The language a stored row is written in (an unknown code, which no save lets in: the default).
    public static SiteLanguage Of(string? code) => Find(code) ?? Default;

    // The language of the work in hand: a public request's (LanguagePrefix, through the request's
    // culture). The default where nothing set it: the newsroom, the jobs, mail (UseDefaultOutsideRequests).
    public static SiteLanguage Current
    {
        get
        {
            var culture = CultureInfo.CurrentUICulture;
            foreach (var language in All)
            {
                if (language.Culture.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName)
                {
                    return language;
                }
            }
            return Default;
        }
    }

    // The UI culture (resources, SiteLanguage.Current) of every thread that has not chosen one; number
    // formats stay the host's.
    public static void UseDefaultOutsideRequests() => CultureInfo.DefaultThreadCurrentUICulture = Default.Culture;

    public override string ToString() => Code;
}
