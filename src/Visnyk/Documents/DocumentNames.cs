using Visnyk.Articles;

namespace Visnyk.Documents;

// How the register's particulars read on the site.
public static class DocumentNames
{
    public static string Type(DocumentType type) => type switch
    {
        DocumentType.Rozporiadzhennia => Text.DocumentTypeRozporiadzhennia,
        DocumentType.Nakaz => Text.DocumentTypeNakaz,
        DocumentType.Rishennia => Text.DocumentTypeRishennia,
        DocumentType.Postanova => Text.DocumentTypePostanova,
        _ => Text.DocumentTypeOther,
    };

    public static string Status(DocumentStatus status) => status switch
    {
        DocumentStatus.Lapsed => Text.DocumentStatusLapsed,
        DocumentStatus.Amended => Text.DocumentStatusAmended,
        _ => Text.DocumentStatusInForce,
    };

    // "Розпорядження № 123 від 12.03.2025"
    public static string Heading(Article document) =>
        string.Format(Text.DocumentHeading, document.DocType is { } type ? Type(type) : Text.DocumentTypeOther, document.DocNumber, document.SignedOn?.ToString("dd.MM.yyyy"));

    public static string Size(long bytes) =>
        bytes >= 1_048_576 ? string.Format(Text.SizeMegabytes, bytes / 1_048_576.0) : string.Format(Text.SizeKilobytes, Math.Max(1, bytes / 1024));
}
