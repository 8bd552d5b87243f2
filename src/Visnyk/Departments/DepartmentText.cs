using System.ComponentModel.DataAnnotations;
using Visnyk.Site;

namespace Visnyk.Departments;

// A department as a page in another of the site's languages presents it, as administrators write
// it: its name, what it does, its address and its reception hours there (a field left empty shows
// the default language's, marked as such). A text missing from the stored JSON (a row from before
// it could be given) reads as empty.
public class DepartmentText : INamedIn
{
    public const int MaxDescription = 2000, MaxAddress = 300;

    public string Language { get; set; } = "";
    [MaxLength(NameText.MaxLength)]
    public string Name { get => field ?? ""; set; } = "";
    [MaxLength(MaxDescription)]
    public string Description { get => field ?? ""; set; } = "";
    [MaxLength(MaxAddress)]
    public string Address { get => field ?? ""; set; } = "";
    [MaxLength(Department.MaxReceptionHours)]
    public string ReceptionHours { get => field ?? ""; set; } = "";

    public bool IsEmpty => Name.Length + Description.Length + Address.Length + ReceptionHours.Length == 0;

    // The texts with this language's replaced by the given one (an empty one removes it).
    public static List<DepartmentText> With(IEnumerable<DepartmentText>? texts, SiteLanguage language, DepartmentText text)
    {
        var others = (texts ?? []).Where(t => t.Language != language.Code).ToList();
        text.Language = language.Code;
        return language.IsDefault || text.IsEmpty ? others : [.. others, text];
    }
}
