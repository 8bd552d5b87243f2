using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Visnyk.Site;

// What the newsroom's forms do with their texts: a text in lines (reception hours, a biography)
// kept one line a period or paragraph, and a text too long for its column said beside its field,
// the Ukrainian one and each of the other languages' ("Form.OtherNames[en]").
public static class FormTexts
{
    public static string Lines(string? text) =>
        string.Join('\n', (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    public static string CheckLength(this ModelStateDictionary state, string field, string value, string label, int max)
    {
        if (value.Length > max)
        {
            state.AddModelError(field, string.Format(AdminText.FormTooLong, label, max));
        }
        return value;
    }

    // fields: for a language, each (property of the form, its value in that language, label, max).
    public static void CheckOtherLanguages(this ModelStateDictionary state, Func<SiteLanguage, (string Field, string Value, string Label, int Max)[]> fields)
    {
        foreach (var language in SiteLanguage.Others) // other keys are never read
        {
            foreach (var (field, value, label, max) in fields(language))
            {
                state.CheckLength($"Form.{field}[{language.Code}]", value, label, max);
            }
        }
    }
}
