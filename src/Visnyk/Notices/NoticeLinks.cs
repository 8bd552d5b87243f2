using Visnyk.Site;

namespace Visnyk.Notices;

// Where a notice may lead: an address on the site ("/news/…", not "//host") or a web address
// (http or https). Checked when it is saved and again when it is shown.
public static class NoticeLinks
{
    public static bool IsSafe(string? link) =>
        link is { Length: > 0 and <= Notice.MaxLink }
        && (link[0] == '/' && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains('\\') && !link.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || WebAddressAttribute.IsSafe(link));

    // The link as an absolute address (feeds and the API), or null when it is not safe.
    public static string? Absolute(HttpContext http, string? link) =>
        !IsSafe(link) ? null : link![0] == '/' ? PublicUrl.For(http, link) : link;
}
