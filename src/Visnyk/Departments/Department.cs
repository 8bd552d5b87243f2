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
    // Its texts in the site's other languages (DepartmentText); null in a row from before the column.
    public List<DepartmentText> Translations { get; set; } = [];

    public string NameIn(Site.SiteLanguage language) => Site.NameText.In(Translations, language, Name);

    public string? NameLangIn(Site.SiteLanguage language) => Site.NameText.LangOf(Translations, language);

    // The lang attribute of one of its texts on a page in this language: the default language's
    // where administrators gave none in that language.
    public string? LangIn(Site.SiteLanguage language, Func<DepartmentText, string> text) =>
        Site.NameText.LangOf(language, Site.NameText.Of(Translations, language) is { } own ? text(own) : "");

    // As a page in this language shows it: a copy with its texts in it where they were given.
    public Department In(Site.SiteLanguage language)
    {
        var copy = (Department)MemberwiseClone();
        if (!language.IsDefault && Site.NameText.Of(Translations, language) is { } own)
        {
            copy.Name = Or(own.Name, Name);
            copy.Description = Or(own.Description, Description);
            copy.Address = Or(own.Address, Address);
            copy.ReceptionHours = Or(own.ReceptionHours, ReceptionHours);
        }
        return copy;
    }

    static string Or(string own, string fallback) => own.Length > 0 ? own : fallback;

    // In the language of the page that links to it, as a tag's.
    public string Path => Site.SiteLanguage.Current.PathOf($"/departments/{Slug}");

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> ReceptionHourList =>
        ReceptionHours.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
