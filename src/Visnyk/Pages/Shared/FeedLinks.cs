namespace Visnyk.Pages.Shared;

// A list page's own RSS and Atom feeds: /feeds/{Path}.rss and .atom, linked in the head for feed
// readers and in the page for people.
public record FeedLinks(string Title, string Path, bool InHead = false)
{
    public string Rss => $"/feeds/{Path}.rss";
    public string Atom => $"/feeds/{Path}.atom";
}
