namespace Visnyk.Site;

// Texts of a thing in one of the site's other languages (NameText, DepartmentText, PersonText).
public interface IWrittenIn
{
    string Language { get; }
}

// What a thing is called in one of the site's other languages (NameText, DepartmentText).
public interface INamedIn : IWrittenIn
{
    string Name { get; }
}

// A name in another of the site's languages, as administrators give it (a tag's).
public class NameText : INamedIn
{
    public const int MaxLength = 200;

    public string Language { get; set; } = "";
    public string Name { get; set; } = "";

    // This language's version (null if none).
    public static T? Of<T>(IEnumerable<T>? texts, SiteLanguage language) where T : IWrittenIn =>
        texts is null ? default : texts.FirstOrDefault(n => n.Language == language.Code);

    // The name given in this language ("" if none; the newsroom's forms show it as it is).
    public static string Own<T>(IEnumerable<T>? names, SiteLanguage language) where T : INamedIn =>
        Of(names, language)?.Name ?? "";

    // The name a page in this language shows: its own there, else the default language's.
    public static string In<T>(IEnumerable<T>? names, SiteLanguage language, string name) where T : INamedIn =>
        language.IsDefault ? name : Own(names, language) is { Length: > 0 } own ? own : name;

    // The lang attribute of a text a page in this language shows: the default language's when
    // it has none of its own there (WCAG 3.1.2), null when it is the page's.
    public static string? LangOf(SiteLanguage language, string own) =>
        own.Length > 0 ? null : language.DefaultsLang;

    public static string? LangOf<T>(IEnumerable<T>? names, SiteLanguage language) where T : INamedIn =>
        LangOf(language, Own(names, language));

    // The names with this language's set to the given one (an empty one removes it).
    public static List<NameText> With(IEnumerable<NameText>? names, SiteLanguage language, string? name)
    {
        var others = (names ?? []).Where(n => n.Language != language.Code).ToList();
        name = name?.Trim() ?? "";
        return language.IsDefault || name.Length == 0 ? others : [.. others, new NameText { Language = language.Code, Name = name }];
    }
}
