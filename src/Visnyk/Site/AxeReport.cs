using System.Globalization;
using System.Text.Json;

namespace Visnyk.Site;

// What an axe-core run over the site found, read from the JSON axe itself writes: the result of
// `axe.run()` for one page, or a list of them (the axe DevTools extension's export, @axe-core/cli
// --save, a script of the site's own). It fills the accessibility statement's date and method.
public sealed record AxeReport(string Version, DateTime CheckedAt, IReadOnlyList<Uri> Pages, IReadOnlyList<AxeReport.Rule> Violations)
{
    // A broken rule and on how many elements, over all the pages.
    public sealed record Rule(string Id, int Elements);

    // The axe JSON of a site's pages with their passes is megabytes; more is not a report.
    public const long MaxBytes = 10 * 1024 * 1024;
    // Rule ids as axe names them ("color-contrast"); shown to the administrator, a few at most.
    static readonly System.Text.RegularExpressions.Regex RuleId = new("^[a-z0-9-]{1,64}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    // axe-core's first release: a report dated before it is not one.
    static readonly DateTime Earliest = new(2015, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    const int MaxPages = 10_000;

    public int Elements => Violations.Sum(v => v.Elements);

    // The report, or why it is not one (a text for the administrator).
    public static async Task<(AxeReport? Report, string? Error)> ReadAsync(Stream json, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(json, new JsonDocumentOptions { MaxDepth = 64 }, ct);
        }
        catch (JsonException)
        {
            return (null, AdminText.AxeNotJson);
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                return (null, AdminText.AxeNotAResult); // a string JSON allows and .NET cannot hold ("\uDC00")
            }
        }
    }

    static (AxeReport? Report, string? Error) Read(JsonElement root)
    {
        var results = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => [],
        };
        if (results.Count is 0 or > MaxPages)
        {
            return (null, AdminText.AxeNotAResult);
        }
        Version? version = null;
        var latest = DateTime.MinValue;
        var pages = new List<Uri>();
        var rules = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.ValueKind != JsonValueKind.Object
                || !result.TryGetProperty("testEngine", out var engine) || engine.ValueKind != JsonValueKind.Object
                || Text(engine, "name") != "axe-core" || !System.Version.TryParse(Text(engine, "version"), out var v)
                // As axe writes it (toISOString): "2026-12-05T10:15:30.123Z".
                || !DateTime.TryParseExact(Text(result, "timestamp"), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                || at < Earliest
                || !Uri.TryCreate(Text(result, "url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
                || !result.TryGetProperty("violations", out var violations) || violations.ValueKind != JsonValueKind.Array)
            {
                return (null, AdminText.AxeNotAResult);
            }
            version = version is null || v > version ? v : version;
            latest = at > latest ? at : latest;
            pages.Add(url);
            foreach (var violation in violations.EnumerateArray())
            {
                if (violation.ValueKind != JsonValueKind.Object || Text(violation, "id") is not { } id || !RuleId.IsMatch(id))
                {
                    return (null, AdminText.AxeNotAResult);
                }
                var elements = violation.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array ? Math.Max(1, nodes.GetArrayLength()) : 1;
                rules[id] = rules.GetValueOrDefault(id) + elements;
            }
        }
        return (new AxeReport(version!.ToString(), latest, pages.DistinctBy(p => p.AbsoluteUri).ToList(),
            rules.Select(r => new Rule(r.Key, r.Value)).OrderByDescending(r => r.Elements).ThenBy(r => r.Id, StringComparer.Ordinal).ToList()), null);
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // How the statement names the check: "axe-core 4.14.1, автоматична перевірка 24 сторінок; порушень: 0".
    public string Method => string.Format(CultureInfo.InvariantCulture, AdminText.AxeMethod, Version, Pages.Count, Elements);
}
