using System.ComponentModel.DataAnnotations;
using Visnyk.Site;

namespace Visnyk.People;

// A person as a page in another of the site's languages presents them, as administrators write
// it: their post, biography and reception hours there (a field left empty shows the default
// language's, marked as such). Their name is not written: it is the official transliteration of
// theirs (Person.NameIn).
public class PersonText : IWrittenIn
{
    public string Language { get; set; } = "";
    [MaxLength(Person.MaxJobTitle)]
    public string JobTitle { get => field ?? ""; set; } = "";
    [MaxLength(Person.MaxBiography)]
    public string Biography { get => field ?? ""; set; } = "";
    [MaxLength(Person.MaxReceptionHours)]
    public string ReceptionHours { get => field ?? ""; set; } = "";

    public bool IsEmpty => JobTitle.Length + Biography.Length + ReceptionHours.Length == 0;

    // The texts with this language's replaced by the given one (an empty one removes it).
    public static List<PersonText> With(IEnumerable<PersonText>? texts, SiteLanguage language, PersonText text)
    {
        var others = (texts ?? []).Where(t => t.Language != language.Code).ToList();
        text.Language = language.Code;
        return language.IsDefault || text.IsEmpty ? others : [.. others, text];
    }
}
