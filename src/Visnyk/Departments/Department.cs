namespace Visnyk.Departments;

// A publishing unit of the administration (a department, office or service).
public class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    // When residents are received, one line each ("Понеділок–четвер: 9:00–18:00").
    public string ReceptionHours { get; set; } = "";
    public const int MaxReceptionHours = 1000;
    // Order in menus and on the home page.
    public int Position { get; set; }
    // Its name in the site's other languages (NameText); null in a row from before the column.
    public List<Site.NameText> Translations { get; set; } = [];

    public string NameIn(Site.SiteLanguage language) => Site.NameText.In(Translations, language, Name);

    public string? NameLangIn(Site.SiteLanguage language) => Site.NameText.LangOf(Translations, language);

    // As a page in this language shows it: a copy with the name in it.
    public Department In(Site.SiteLanguage language)
    {
        var copy = (Department)MemberwiseClone();
        copy.Name = NameIn(language);
        return copy;
    }

    public string Path => $"/departments/{Slug}";

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> ReceptionHourList =>
        ReceptionHours.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
