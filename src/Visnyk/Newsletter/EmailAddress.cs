using System.Globalization;

namespace Visnyk.Newsletter;

// What a sign-up accepts as an address: the plain user@domain form every mail system delivers to,
// lower-cased, the domain in ASCII (пошта.укр → xn--...). Anything else gets a message saying why;
// quoted local parts, comments, display names and several addresses are refused, never guessed at.
public static class EmailAddress
{
    public const int MaxLength = 254;
    const string LocalChars = "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~.";

    // The normalised address, or null and the reason for the person who typed it.
    public static (string? Address, string? Error) Check(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            return (null, Text.EmailMissing);
        }
        if (text.Length > MaxLength)
        {
            return (null, Text.EmailTooLong);
        }
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@') != at)
        {
            return (null, Text.EmailNeedsAt);
        }
        var local = text[..at].ToLowerInvariant();
        var domain = text[(at + 1)..].TrimEnd('.');
        if (local.Length > 64 || local.Any(c => !LocalChars.Contains(c)) || local.StartsWith('.') || local.EndsWith('.') || local.Contains(".."))
        {
            return (null, Text.EmailBadLocal);
        }
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return (null, Text.EmailBadDomain);
        }
        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > 253 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || l.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            || labels[^1].All(char.IsAsciiDigit))
        {
            return (null, Text.EmailBadDomain);
        }
        // The domain in ASCII is longer than as typed (пошта.укр → xn--...): the limit holds for what is stored.
        var address = $"{local}@{ascii}";
        return address.Length > MaxLength ? (null, Text.EmailTooLong) : (address, null);
    }
}
