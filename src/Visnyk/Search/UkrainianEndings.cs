namespace Visnyk.Search;

// For words the dictionary does not know (new names, abbreviations with endings, surnames):
// strip one inflectional ending, so that Укрзалізниці, Укрзалізницею and Укрзалізниця meet.
// Light on purpose: a short stem is kept whole rather than cut to nothing.
public static class UkrainianEndings
{
    // Longest first, so that -ами is tried before -и.
    static readonly string[] Endings =
    [
        "ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми",
        "ою", "ею", "єю", "ям", "ам", "ях", "ах", "ів", "їв", "ей", "ом", "ем", "єм", "ий", "ій", "их", "іх", "им", "ої",
        "а", "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ь",
    ];

    const int MinStem = 4;

    public static string Strip(string word)
    {
        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length >= MinStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }
        return word;
    }
}
