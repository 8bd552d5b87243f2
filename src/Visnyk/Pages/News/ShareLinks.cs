using System.Text;

namespace Visnyk.Pages.News;

// The share links' text and address, encoded for a query string. Letters beyond ASCII stay as they
// are: a URL may carry them, and the browser encodes them when the link is followed. Encoded, every
// Cyrillic letter of the title took six bytes in each of four links (~1 KB of the article page).
public static class ShareLinks
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var start = 0; start < text.Length;)
        {
            var raw = IsRawLetter(text[start]);
            var end = start;
            while (end < text.Length && IsRawLetter(text[end]) == raw)
            {
                end++;
            }
            escaped.Append(raw ? text[start..end] : Uri.EscapeDataString(text[start..end]));
            start = end;
        }
        return escaped.ToString();
    }

    static bool IsRawLetter(char c) => c > 127 && char.IsLetter(c);
}
