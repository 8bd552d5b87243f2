namespace Visnyk.Site;

// A name in another of the site's languages, as administrators give it (a department's, a tag's).
public class NameText
{
    public const int MaxLength = 200;

    public string Language { get; set; } = "";
    public string Name { get; set; } = "";

    // The name given in this language ("" if none; the newsroom's forms show it as it is).
    public static string Own(IEnumerable<NameText>? names, SiteLanguage language) =>
        names?.FirstOrDefault(n => n.Language == language.Code)?.Name ?? "";

    // The name a page in this language shows: its own there, else the default language's.
    public static string In(IEnumerable<NameText>? names, SiteLanguage language, string name) =>
        language.IsDefault ? name : Own(names, language) is { Length: > 0 } own ? own : name;

    // The lang attribute of the name a page in this language shows: the default language's when
    // the name has none of its own there (WCAG 3.1.2), null when it is the page's.
    public static string? LangOf(IEnumerable<NameText>? names, SiteLanguage language) =>
        language.IsDefault || Own(names, language).Length > 0 ? null : SiteLanguage.Default.Code;

    // The names with this language's set to the given one (an empty one removes it).
    public static List<NameText> With(IEnumerable<NameText>? names, SiteLanguage language, string? name)
    {
        var others = (names ?? []).Where(n => n.Language != language.Code).ToList();
        name = name?.Trim() ?? "";
        return language.IsDefault || name.Length == 0 ? others : [.. others, new NameText { Language = language.Code, Name = name }];
    }
}
