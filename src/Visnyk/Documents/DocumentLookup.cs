using System.Globalization;
using System.Text.RegularExpressions;
using Visnyk.Articles;

namespace Visnyk.Documents;

// A number as residents type it: "123", "№ 45-р", "розпорядження № 123 від 12.03.2025". The kind and
// the date narrow it down when given; the number itself is compared as DocumentNumbers.Key.
public sealed partial record DocumentLookup(string NumberKey, DocumentType? Type, DateOnly? SignedOn)
{
    public const int MaxLength = 200;

    public static DocumentLookup? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }
        var rest = text.Trim();
        DateOnly? date = null;
        if (DatePattern().Match(rest) is { Success: true } d
            && DateOnly.TryParseExact($"{d.Groups[1].Value.PadLeft(2, '0')}.{d.Groups[2].Value.PadLeft(2, '0')}.{d.Groups[3].Value}", "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var signed))
        {
            date = signed;
            rest = rest.Remove(d.Index, d.Length);
        }
        var lower = rest.ToLowerInvariant();
        DocumentType? type = lower.Contains("розпоряд") ? DocumentType.Rozporiadzhennia
            : lower.Contains("наказ") ? DocumentType.Nakaz
            : lower.Contains("рішен") ? DocumentType.Rishennia
            : lower.Contains("постанов") ? DocumentType.Postanova
            : null;
        string? number = null;
        if (NumberPattern().Match(rest) is { Success: true } n)
        {
            number = n.Groups[1].Value;
        }
        else
        {
            // Without "№": the one word that is not a kind of document or "від".
            var words = rest.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !KindWord().IsMatch(w) && !w.Equals("від", StringComparison.OrdinalIgnoreCase)).ToList();
            if (words.Count == 1 && words[0].Any(char.IsDigit))
            {
                number = words[0];
            }
        }
        var key = number is null ? "" : DocumentNumbers.Key(number.TrimEnd('.', ','));
        return key.Length is > 0 and <= DocumentNumbers.MaxNumber ? new DocumentLookup(key, type, date) : null;
    }

    [GeneratedRegex(@"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"№\s*([^\s,]+)")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(розпоряд|наказ|рішен|постанов)", RegexOptions.IgnoreCase)]
    private static partial Regex KindWord();
}
