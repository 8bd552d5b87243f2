using System.Text;

namespace Visnyk.Site;

// Ukrainian-Latin transliteration by Cabinet of Ministers resolution No. 55 of 27.01.2010,
// used to make readable URL slugs from Ukrainian titles.
public static class Transliteration
{
    static readonly Dictionary<char, string> Letters = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "h", ['ґ'] = "g", ['д'] = "d", ['е'] = "e",
        ['є'] = "ie", ['ж'] = "zh", ['з'] = "z", ['и'] = "y", ['і'] = "i", ['ї'] = "i", ['й'] = "i",
        ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch",
        ['ш'] = "sh", ['щ'] = "shch", ['ь'] = "", ['ю'] = "iu", ['я'] = "ia",
        // Letters of Russian names that turn up in Ukrainian texts, spelt as the nearest Ukrainian sound.
        ['ё'] = "io", ['ъ'] = "", ['ы'] = "y", ['э'] = "e",
    };

    // At the start of a word these letters are spelt differently.
    static readonly Dictionary<char, string> WordInitial = new()
    {
        ['є'] = "ye", ['ї'] = "yi", ['й'] = "y", ['ю'] = "yu", ['я'] = "ya",
    };

    static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '`' or '‘';

    /// Transliterates, keeping case and everything that is not a Ukrainian letter.
    public static string ToLatin(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        var atWordStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            if (IsApostrophe(c))
            {
                continue; // dropped, and the word goes on: Знам'янка -> Znamianka
            }
            if (!Letters.TryGetValue(lower, out var latin))
            {
                sb.Append(c);
                atWordStart = !char.IsLetterOrDigit(c);
                continue;
            }
            if (atWordStart && WordInitial.TryGetValue(lower, out var initial))
            {
                latin = initial;
            }
            // "зг" is "zgh", so that it is not read as "zh": Згорани -> Zghorany
            else if (lower == 'г' && i > 0 && char.ToLowerInvariant(text[i - 1]) == 'з')
            {
                latin = "gh";
            }
            sb.Append(char.IsUpper(c) ? Capitalise(latin, WordIsUpper(text, i)) : latin);
            atWordStart = false;
        }
        return sb.ToString();
    }

    /// A URL slug: transliterated, lowercase ASCII letters and digits, words joined by single hyphens.
    public static string Slugify(string text, int maxLength = 80)
    {
        var latin = ToLatin(text).ToLowerInvariant();
        var sb = new StringBuilder(latin.Length);
        foreach (var c in latin)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            // Cut at a word boundary so a slug never ends in half a word.
            var cut = slug.LastIndexOf('-', maxLength);
            slug = cut > 0 ? slug[..cut] : slug[..maxLength];
        }
        return slug;
    }

    static string Capitalise(string latin, bool wholeWordUpper) =>
        latin.Length == 0 ? latin
        : wholeWordUpper ? latin.ToUpperInvariant()
        : char.ToUpperInvariant(latin[0]) + latin[1..];

    // ЩЕРБУХИ -> SHCHERBUKHY, but Щербухи -> Shcherbukhy.
    static bool WordIsUpper(string text, int i)
    {
        var start = i;
        while (start > 0 && (char.IsLetter(text[start - 1]) || IsApostrophe(text[start - 1]))) start--;
        var end = i;
        while (end + 1 < text.Length && (char.IsLetter(text[end + 1]) || IsApostrophe(text[end + 1]))) end++;
        var letters = text[start..(end + 1)].Where(char.IsLetter).ToList();
        return letters.Count > 1 && letters.All(char.IsUpper);
    }
}
