using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Visnyk.Pages.Shared;

// schema.org data for search engines, written into a <script type="application/ld+json"> in the head.
// Dictionaries, not anonymous objects: C#'s `new { @type = … }` names the property "type", which
// JSON-LD reads as an ordinary schema.org property and leaves the node untyped.
public static class SchemaOrg
{
    // Ukrainian text stays readable (a \uXXXX per letter would triple its bytes), while the
    // default encoder still escapes <, >, & and quotes in every range, so "</script>" in a title
    // cannot end the script element.
    static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement,
            UnicodeRanges.SpacingModifierLetters, UnicodeRanges.Cyrillic, UnicodeRanges.GeneralPunctuation),
    };

    public static string Graph(params object[] nodes)
    {
        var json = JsonSerializer.SerializeToNode(new Dictionary<string, object> { ["@context"] = "https://schema.org", ["@graph"] = nodes }, Options)!;
        return WithoutNulls(json).ToJsonString(Options);
    }

    // A property without a value is left out (WhenWritingNull does not apply to dictionaries' values).
    static JsonNode WithoutNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject properties:
                foreach (var name in properties.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    properties.Remove(name);
                }
                foreach (var (_, value) in properties)
                {
                    WithoutNulls(value!);
                }
                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    WithoutNulls(item);
                }
                break;
        }
        return node;
    }

    // A picture at its largest JPEG (every reader of schema.org takes JPEG).
    public static Dictionary<string, object?> ImageObject(string origin, Media.Image image)
    {
        var width = image.BestWidth(1440);
        return new()
        {
            ["@type"] = "ImageObject",
            ["url"] = origin + image.Url(width, "jpg"),
            ["width"] = width,
            ["height"] = image.HeightAt(width),
        };
    }

    public static Dictionary<string, object?> Organization(string name, string url) =>
        new() { ["@type"] = "GovernmentOrganization", ["name"] = name, ["url"] = url };

    public static Dictionary<string, object?> Breadcrumbs(params (string Name, string Url)[] crumbs) => new()
    {
        ["@type"] = "BreadcrumbList",
        ["itemListElement"] = crumbs.Select((c, i) => new Dictionary<string, object?> { ["@type"] = "ListItem", ["position"] = i + 1, ["name"] = c.Name, ["item"] = c.Url }).ToArray(),
    };

    // "" as absent, so that an unfilled field writes no property.
    public static string? OrNull(string value) => value.Length == 0 ? null : value;
}
