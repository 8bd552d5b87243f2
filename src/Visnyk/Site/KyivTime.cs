using System.Globalization;

namespace Visnyk.Site;

// Dates are stored in UTC and always shown in Kyiv time, whatever the server's zone.
public static class KyivTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    static TimeZoneInfo FindZone()
    {
        // tzdata renamed Europe/Kiev to Europe/Kyiv in 2022; older systems know only the old name.
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev", "FLE Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }
        throw new InvalidOperationException("The Europe/Kyiv time zone is missing: install tzdata.");
    }

    public static DateTime ToKyiv(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    // Whether the clock in Kyiv ever shows this time (not in the hour skipped when summer time begins).
    public static bool Exists(DateTime kyiv) => !Zone.IsInvalidTime(DateTime.SpecifyKind(kyiv, DateTimeKind.Unspecified));

    public static DateTime ToUtc(DateTime kyiv) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(kyiv, DateTimeKind.Unspecified), Zone);

    // The day it is (or was) in Kyiv at this UTC moment.
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(ToKyiv(utc));

    // The UTC instant a Kyiv calendar day begins (date filters take whole Kyiv days).
    public static DateTime StartOfDay(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    // In the language of the work in hand (SiteLanguage.Current): the page's, the mail's.
    static CultureInfo Culture => SiteLanguage.Current.Culture;

    /// "18 червня 2025, 15:58" (the month in the genitive, as Ukrainian dates are written); "18 June 2025, 15:58".
    public static string Long(DateTime utc) =>
        ToKyiv(utc).ToString("d MMMM yyyy, HH:mm", Culture);

    /// "18 червня 2025"; "18 June 2025"
    public static string LongDate(DateTime utc) =>
        ToKyiv(utc).ToString("d MMMM yyyy", Culture);

    /// "18 червня 2025", for a calendar day.
    public static string LongDate(DateOnly day) => day.ToString("d MMMM yyyy", Culture);

    /// "18/06/2025", as in news lists.
    public static string Short(DateTime utc) =>
        ToKyiv(utc).ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// For the datetime attribute of time elements: an ISO 8601 instant with Kyiv's offset.
    public static string Iso(DateTime utc)
    {
        var local = ToKyiv(utc);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
