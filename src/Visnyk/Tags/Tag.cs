namespace Visnyk.Tags;

public class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }

    // In the language of the page that links to it: a tag names news in every language.
    public string Path => Site.SiteLanguage.Current.PathOf($"/tags/{Slug}");
}
