namespace Visnyk.Tags;

public class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    // Its name in the site's other languages (NameText); null in a row from before the column.
    public List<Site.NameText> Translations { get; set; } = [];

    public string NameIn(Site.SiteLanguage language) => Site.NameText.In(Translations, language, Name);

    public string? NameLangIn(Site.SiteLanguage language) => Site.NameText.LangOf(Translations, language);

    // As a page in this language shows it: a copy with the name in it.
    public Tag In(Site.SiteLanguage language)
    {
        var copy = (Tag)MemberwiseClone();
        copy.Name = NameIn(language);
        return copy;
    }

    // In the language of the page that links to it: a tag names news in every language.
    public string Path => Site.SiteLanguage.Current.PathOf($"/tags/{Slug}");
}
