using Visnyk.Articles;
using Visnyk.Documents;
using static Visnyk.Pages.Shared.SchemaOrg;

namespace Visnyk.Pages.Documents;

// A document as schema.org Legislation (its number, date, issuer and force), with its files as
// encodings, and the page's breadcrumbs.
public static class DocumentJsonLd
{
    public static string For(Article document, string canonicalUrl)
    {
        var origin = canonicalUrl[..^document.Path.Length];
        return Graph(
            new Dictionary<string, object?>
            {
                ["@type"] = "Legislation",
                ["@id"] = canonicalUrl + "#document",
                ["name"] = document.Title,
                ["url"] = canonicalUrl,
                ["legislationType"] = document.DocType is { } type ? DocumentNames.Type(type) : null,
                ["legislationIdentifier"] = document.DocNumber,
                ["legislationDate"] = document.SignedOn?.ToString("yyyy-MM-dd"),
                ["legislationPassedBy"] = string.IsNullOrEmpty(document.IssuedBy) ? null : new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = document.IssuedBy },
                ["legislationLegalForce"] = document.DocStatus switch
                {
                    DocumentStatus.Lapsed => "https://schema.org/NotInForce",
                    DocumentStatus.Amended => "https://schema.org/PartiallyInForce",
                    _ => "https://schema.org/InForce",
                },
                ["inLanguage"] = "uk",
                ["encoding"] = document.Files.OrderBy(f => f.Position).Select(f => new Dictionary<string, object?>
                {
                    ["@type"] = "MediaObject", ["contentUrl"] = origin + f.Path, ["encodingFormat"] = f.ContentType, ["name"] = f.FileName,
                }).ToArray(),
            },
            Breadcrumbs((Visnyk.Text.Home, origin + "/"), (Visnyk.Text.Documents, origin + "/documents"), (document.Title, canonicalUrl)));
    }
}
