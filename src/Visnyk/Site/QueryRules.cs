using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Visnyk.Site;

// One set of rules for what an address may carry, checked before any page, feed or API handler
// runs, so that none of them meets a value it cannot handle (a year 9999 date overflowed the Kyiv
// day arithmetic; a NUL broke the feed's XML; an unparsable page number was a binding failure):
// - every value, and the path, is text: valid UTF-8, no control characters but tab and line breaks,
//   nothing XML cannot carry;
// - dates are yyyy-MM-dd between FirstDate and LastDate; page numbers 1..MaxPage; page sizes
//   1..OpenData.MaxPageSize; each of these, and the search text, at most once.
// A request that breaks them answers 400: problem details under /api, elsewhere the error page,
// which lists what was wrong (Problems). Over-long search text is not refused but cut by the pages.
public class QueryRules(RequestDelegate next)
{
    public static readonly DateOnly FirstDate = new(1900, 1, 1);
    public static readonly DateOnly LastDate = new(2100, 12, 31);
    public const int MaxPage = 100_000;

    static readonly string[] Dates = ["from", "to"];
    static readonly string[] Single = ["page", "pageSize", "from", "to", "q", "sort", "lang"];
    const string ProblemsKey = "Visnyk.QueryProblems";

    public async Task InvokeAsync(HttpContext http)
    {
        var problems = Check(http.Request);
        if (problems.Count == 0)
        {
            await next(http);
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var result = TypedResults.ValidationProblem(problems.ToDictionary(p => p.Key, p => p.Value), title: Text.QueryProblemsTitle);
            await result.ExecuteAsync(http);
            return;
        }
        // The status-code pages show the error page; it lists these.
        http.Items[ProblemsKey] = problems;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    // What the error page lists: the parameter, and what is wrong with it.
    public static IReadOnlyDictionary<string, string[]> Problems(HttpContext http) =>
        http.Items[ProblemsKey] as IReadOnlyDictionary<string, string[]> ?? new Dictionary<string, string[]>();

    public static Dictionary<string, string[]> Check(HttpRequest request)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (!IsText(request.Path.Value))
        {
            problems["path"] = [Text.QueryNotText];
        }
        if (!request.QueryString.HasValue)
        {
            return problems;
        }
        // The raw pairs first: ASP.NET turns bytes that are not UTF-8 into U+FFFD without a word.
        foreach (var pair in request.QueryString.Value!.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (!IsUtf8(key) || !IsUtf8(equals < 0 ? "" : pair[(equals + 1)..]))
            {
                problems[IsUtf8(key) ? HttpUtility.UrlDecode(key) : "?"] = [Text.QueryNotText];
            }
        }
        foreach (var (key, values) in request.Query)
        {
            if (problems.ContainsKey(key))
            {
                continue;
            }
            var problem = !IsText(key) || values.Any(v => !IsText(v)) ? Text.QueryNotText
                : values.Count > 1 && Single.Contains(key, StringComparer.OrdinalIgnoreCase) ? Text.QueryRepeated
                : Dates.Contains(key, StringComparer.OrdinalIgnoreCase) && !IsDate(values[0]) ? string.Format(Text.QueryBadDate, Iso(FirstDate), Iso(LastDate))
                : key.Equals("page", StringComparison.OrdinalIgnoreCase) && !IsNumber(values[0], MaxPage) ? string.Format(Text.QueryBadPage, MaxPage)
                : key.Equals("pageSize", StringComparison.OrdinalIgnoreCase) && !IsNumber(values[0], Api.OpenData.MaxPageSize) ? string.Format(Text.QueryBadPageSize, Api.OpenData.MaxPageSize)
                : null;
            if (problem is not null)
            {
                problems[IsText(key) ? key : "?"] = [problem];
            }
        }
        return problems;
    }

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // An empty date means "not given", as the filter forms send it.
    static bool IsDate(string? value) => string.IsNullOrEmpty(value)
        || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= FirstDate && day <= LastDate;

    static bool IsNumber(string? value, int max) => value is { Length: > 0 and <= 9 } && value.All(char.IsAsciiDigit) && int.Parse(value, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= max;

    static bool IsUtf8(string escaped) => Utf8.IsValid(HttpUtility.UrlDecodeToBytes(escaped));

    // What a person can type and XML can carry: no control characters but whitespace, no lone surrogates, no U+FFFE/U+FFFF.
    internal static bool IsText(string? value)
    {
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var used) != System.Buffers.OperationStatus.Done || !IsText(rune))
            {
                return false;
            }
            text = text[used..];
        }
        return true;
    }

    // The same rule, keeping what passes of a text that came another way (a site's archive).
    internal static string KeepText(string? value)
    {
        var kept = new StringBuilder();
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var used) == System.Buffers.OperationStatus.Done && IsText(rune))
            {
                kept.Append(text[..used]);
            }
            text = text[used..];
        }
        return kept.ToString();
    }

    static bool IsText(Rune rune) => !(Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\r')) && rune.Value is not (0xFFFE or 0xFFFF);
}
