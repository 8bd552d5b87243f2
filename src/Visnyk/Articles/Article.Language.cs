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

    public SiteLanguage Written => SiteLanguage.Of(Language);
}
