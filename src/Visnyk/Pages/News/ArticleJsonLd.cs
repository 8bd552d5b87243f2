using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Pages.News;

// schema.org NewsArticle and BreadcrumbList for search engines, written into a <script> in the head.
// Dictionaries, not anonymous objects: C#'s `new { @type = … }` names the property "type", which
// JSON-LD reads as an ordinary schema.org property and leaves the node untyped.
public static class ArticleJsonLd
{
    // Ukrainian text stays readable (a \uXXXX per letter would triple its bytes), while the
    // default encoder still escapes <, >, & and quotes in every range, so "</script>" in a title
    // cannot end the script element.
    static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement,
            UnicodeRanges.SpacingModifierLetters, UnicodeRanges.Cyrillic, UnicodeRanges.GeneralPunctuation),
    };

    public static string For(Article article, string canonicalUrl, SiteSettings settings)
    {
        var origin = canonicalUrl[..^article.Path.Length];
        var graph = new object[]
        {
            new Dictionary<string, object?>
            {
                ["@type"] = "NewsArticle",
                ["@id"] = canonicalUrl + "#article",
                ["mainEntityOfPage"] = canonicalUrl,
                ["headline"] = article.Title.Length > 110 ? article.Title[..110] : article.Title,
                ["description"] = article.Summary,
                ["image"] = article.LeadImage is { } lead ? Image(origin, lead) : null,
                ["datePublished"] = KyivTime.Iso(article.PublishedAt),
                ["dateModified"] = KyivTime.Iso(article.UpdatedAt),
                ["inLanguage"] = "uk",
                ["author"] = article.Departments.Select(d => Organization(d.Name, origin + d.Path)).ToArray(),
                ["publisher"] = Organization(settings.BodyName, origin + "/"),
                ["keywords"] = article.Tags.Select(t => t.Name).ToArray(),
                ["license"] = string.IsNullOrEmpty(settings.LicenceUrl) ? null : settings.LicenceUrl,
            },
            new Dictionary<string, object?>
            {
                ["@type"] = "BreadcrumbList",
                ["itemListElement"] = new[]
                {
                    Crumb(1, Visnyk.Text.Home, origin + "/"),
                    Crumb(2, Visnyk.Text.News, origin + "/news"),
                    Crumb(3, article.Title, canonicalUrl),
                },
            },
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["@context"] = "https://schema.org", ["@graph"] = graph }, Options);
    }

    static Dictionary<string, object?> Organization(string name, string url) =>
        new() { ["@type"] = "GovernmentOrganization", ["name"] = name, ["url"] = url };

    static Dictionary<string, object?> Crumb(int position, string name, string url) =>
        new() { ["@type"] = "ListItem", ["position"] = position, ["name"] = name, ["item"] = url };

    static Dictionary<string, object?> Image(string origin, Media.Image lead)
    {
        var width = lead.BestWidth(1440);
        return new()
        {
            ["@type"] = "ImageObject",
            ["url"] = origin + lead.Url(width, "jpg"),
            ["width"] = width,
            ["height"] = lead.HeightAt(width),
        };
    }
}
