using System.ComponentModel.DataAnnotations;

namespace Visnyk.Site;

// A link the site puts in an href: an absolute http(s) address, nothing else. `javascript:`,
// `data:` and friends run in the reader's browser as the site; browsers skip leading spaces and
// tabs inside a scheme, so such a value is refused, not cleaned. (Phones and e-mail addresses are
// stored bare and shown behind a fixed tel: or mailto:, see Contact.)
[AttributeUsage(AttributeTargets.Property)]
public sealed class WebAddressAttribute : ValidationAttribute
{
    public static bool IsSafe(string? value) =>
        value is { Length: > 0 } && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var url)
        && url.Scheme is "https" or "http" && url.Host.Length > 0;

    // Empty is allowed: the field is optional, and an empty field shows no link.
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || IsSafe(text.Trim());

    public override string FormatErrorMessage(string name) => string.Format(Text.WebAddressInvalid, name);
}
