using Visnyk.Media;

namespace Visnyk.People;

// One of the administration's people the site presents: its leadership and the heads of its
// units. Their phone, e-mail and reception hours live here alone; the department a person heads
// and the page that lists them show them from here.
public class Person
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    // Their post, as written in the act of appointment ("Перший заступник начальника").
    public string JobTitle { get; set; } = "";
    // A short biography, plain text: one paragraph a line.
    public string Biography { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    // When they receive residents, one line each.
    public string ReceptionHours { get; set; } = "";
    public int? PhotoId { get; set; }
    public Image? Photo { get; set; }
    // The unit they work in; Heads: they lead it (its page shows them).
    public int? DepartmentId { get; set; }
    public bool Heads { get; set; }
    // The leadership of the administration, listed first at /people.
    public bool InLeadership { get; set; }
    // The page of the site's tree that lists them (e.g. "Керівництво").
    public int? PageId { get; set; }
    // Order in every list.
    public int Position { get; set; }

    public const int MaxName = 200, MaxSlug = 100, MaxJobTitle = 300, MaxBiography = 4000, MaxReceptionHours = 1000;

    // Their post, biography and reception hours in the site's other languages (PersonText).
    public List<PersonText> Translations { get; set; } = [];

    // In the language of the page that links to it, as a department's.
    public string Path => Site.SiteLanguage.Current.PathOf($"/people/{Slug}");

    // As a page in this language writes it: in the official transliteration (as slugs) in any other.
    public string NameIn(Site.SiteLanguage language) => language.IsDefault ? Name : Site.Transliteration.ToLatin(Name);

    // As a page in this language shows them: a copy with their name transliterated and their texts
    // in it where they were given.
    public Person In(Site.SiteLanguage language)
    {
        var copy = (Person)MemberwiseClone();
        if (!language.IsDefault)
        {
            copy.Name = NameIn(language);
            if (Site.NameText.Of(Translations, language) is { } own)
            {
                copy.JobTitle = Or(own.JobTitle, JobTitle);
                copy.Biography = Or(own.Biography, Biography);
                copy.ReceptionHours = Or(own.ReceptionHours, ReceptionHours);
            }
        }
        return copy;
    }

    // The lang attribute of one of their texts on a page in this language: the default language's
    // where administrators gave none in that language.
    public string? LangIn(Site.SiteLanguage language, Func<PersonText, string> text) =>
        Site.NameText.LangOf(language, Site.NameText.Of(Translations, language) is { } own ? text(own) : "");

    static string Or(string own, string fallback) => own.Length > 0 ? own : fallback;

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> ReceptionHourList => Lines(ReceptionHours);

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> BiographyParagraphs => Lines(Biography);

    static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
