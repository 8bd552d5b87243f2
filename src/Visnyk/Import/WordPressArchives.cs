using System.Globalization;
using System.Text.RegularExpressions;
using Visnyk.Site;

namespace Visnyk.Import;

// WordPress's archive addresses, answered with the closest page here. Feeds, numbered pages and
// date archives follow WordPress's patterns; a category's, tag's or author's own address is stored
// by the import (OldAddress.Target), and its feed and numbered pages follow from it.
public static partial class WordPressArchives
{
    const int MaxPage = 10_000;
    const int WordPressPerPage = 10;

    // `key` as OldAddresses.Key makes it; `stored` finds the list an archive address became.
    public static async Task<string?> ResolveAsync(string key, Func<string, Task<string?>> stored)
    {
        if (Feed().Match(key) is { Success: true } feed)
        {
            var format = feed.Groups["atom"].Success ? "atom" : "rss";
            var of = key[..feed.Index];
            return of.Length == 0 ? $"/feeds/news.{format}"
                : await stored(of) is { } list && FeedOf(list) is { } path ? $"{path}.{format}" : null;
        }
        if (Page().Match(key) is { Success: true } page)
        {
            if (!int.TryParse(page.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxPage)
            {
                return null;
            }
            var of = key[..page.Index];
            var list = of.Length == 0 ? "/news" : await stored(of);
            // The page here that shows what WordPress's page n showed (its lists have 10 a page).
            var here = (n - 1) * WordPressPerPage / Paging.PageSize + 1;
            return list is null || FeedOf(list) is null ? null : here == 1 ? list : $"{list}?page={here}";
        }
        if (Date().Match(key) is { Success: true } date)
        {
            var year = int.Parse(date.Groups["y"].Value, CultureInfo.InvariantCulture);
            var month = date.Groups["m"].Success ? int.Parse(date.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            var day = date.Groups["d"].Success ? int.Parse(date.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
            if (year is < 1990 or > 2100 || (date.Groups["m"].Success && month is < 1 or > 12)
                || (date.Groups["d"].Success && (day < 1 || day > DateTime.DaysInMonth(year, month))))
            {
                return null;
            }
            var from = new DateOnly(year, Math.Max(month, 1), Math.Max(day, 1));
            var to = day > 0 ? from : month > 0 ? from.AddMonths(1).AddDays(-1) : from.AddYears(1).AddDays(-1);
            return $"/news?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        }
        return null;
    }

    // The feed of a list here (without its extension), if it has one.
    static string? FeedOf(string list) =>
        list == "/news" ? "/feeds/news" : list.StartsWith("/departments/", StringComparison.Ordinal) || list.StartsWith("/tags/", StringComparison.Ordinal) ? "/feeds" + list : null;

    // …/feed, …/feed/rss2, …/feed/rss, …/feed/atom (and WordPress's /rss2/ or /atom/ alone).
    [GeneratedRegex(@"(/feed(/(rss2?|rdf|(?<atom>atom)))?|/(rss2?|(?<atom>atom)))$")]
    private static partial Regex Feed();

    [GeneratedRegex(@"/page/(?<n>[0-9]{1,6})$")]
    private static partial Regex Page();

    // /2024, /2024/03, /2024/03/15 (WordPress's date archives).
    [GeneratedRegex(@"^/(?<y>[0-9]{4})(/(?<m>[0-9]{2})(/(?<d>[0-9]{2}))?)?$")]
    private static partial Regex Date();
}
