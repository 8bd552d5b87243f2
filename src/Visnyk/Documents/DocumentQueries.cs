using Visnyk.Articles;

namespace Visnyk.Documents;

public record DocumentListItem(int Id, string Slug, string Title, DocumentType? DocType, string? DocNumber, DateOnly? SignedOn, string? IssuedBy, DocumentStatus DocStatus)
{
    // In the language of the page that links to it (the register reads in every language, its acts in Ukrainian).
    public string Path => Site.SiteLanguage.Current.PathOf($"/documents/{Id}-{Slug}");
    public string Heading => string.Format(Text.DocumentHeading, DocType is { } t ? DocumentNames.Type(t) : Text.DocumentTypeOther, DocNumber, SignedOn?.ToString("dd.MM.yyyy"));
}

// The register's filters, the same for its page (/documents) and the open-data API.
public static class DocumentQueries
{
    // Each filter given narrows the list; a number that is not one (DocumentLookup.Parse) finds nothing.
    public static IQueryable<Article> Filtered(this IQueryable<Article> documents, DocumentType? type, int? year, DocumentStatus? status, string? issuer, string? number)
    {
        if (type is { } t)
        {
            documents = documents.Where(d => d.DocType == t);
        }
        if (year is { } y)
        {
            var (from, to) = (new DateOnly(Math.Clamp(y, 1, 9998), 1, 1), new DateOnly(Math.Clamp(y, 1, 9998) + 1, 1, 1));
            documents = documents.Where(d => d.SignedOn >= from && d.SignedOn < to);
        }
        if (status is { } s)
        {
            documents = documents.Where(d => d.DocStatus == s);
        }
        if (!string.IsNullOrWhiteSpace(issuer))
        {
            var name = issuer.Trim();
            documents = documents.Where(d => d.IssuedBy == name);
        }
        if (string.IsNullOrWhiteSpace(number))
        {
            return documents;
        }
        if (DocumentLookup.Parse(number) is not { } lookup)
        {
            return documents.Where(d => false);
        }
        documents = documents.Where(d => d.NumberKey == lookup.NumberKey);
        if (lookup.Type is { } kind)
        {
            documents = documents.Where(d => d.DocType == kind);
        }
        if (lookup.SignedOn is { } signed)
        {
            documents = documents.Where(d => d.SignedOn == signed);
        }
        return documents;
    }

    // A document as lists show it (the register, a department's page, search, relations).
    public static IQueryable<DocumentListItem> AsDocumentItems(this IQueryable<Article> documents) =>
        documents.Select(d => new DocumentListItem(d.Id, d.Slug, d.Title, d.DocType, d.DocNumber, d.SignedOn, d.IssuedBy, d.DocStatus));

    public static IOrderedQueryable<Article> NewestSigned(this IQueryable<Article> documents) =>
        documents.OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id);

    // A name of the enum as the page's and the API's parameters give it ("Nakaz"), or none.
    public static T? Named<T>(string? name) where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _) ? value : null;
}
