namespace Visnyk.Site;

// The same page in another language of the site: hreflang links and the language switch (and,
// of an article, the translation's id: the open-data API's "translations").
public sealed record Alternate(SiteLanguage Language, string Path, int? Id = null);
