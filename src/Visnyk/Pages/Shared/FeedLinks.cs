namespace Visnyk.Pages.Shared;

// A list page's own RSS and Atom feeds: /feeds/{Path}.rss and .atom, linked in the head for feed
// readers and in the page for people.
public record FeedLinks(string Title, string Path, bool InHead = false)
{
    // In the language of the page that links to them.
    public string Rss => Site.SiteLanguage.Current.PathOf($"/feeds/{Path}.rss");
    public string Atom => Site.SiteLanguage.Current.PathOf($"/feeds/{Path}.atom");
}
