namespace Visnyk.Site;

// The same page in another language of the site: hreflang links and the language switch.
public sealed record Alternate(SiteLanguage Language, string Path);
