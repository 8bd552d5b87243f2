using Visnyk.Articles;

namespace Visnyk.Documents;

// A file of a document (the signed original as PDF, or its DOCX/ODT), checked on upload
// (DocumentFile.Inspect). Its bytes are a FileContent of the same site, named by their hash, so
// they live in the database with the document: in every backup, site copy and instance alike.
public class SignedFile
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    // SHA-256 of the bytes served, in hex.
    public required string Key { get; set; }
    // The name it was uploaded with, cleaned (Download name).
    public required string FileName { get; set; }
    public DocumentKind Kind { get; set; }
    public long Bytes { get; set; }
    // A PDF without active content: shown in the browser; anything else is downloaded.
    public bool Inline { get; set; }
    public int? Pages { get; set; }
    public int Position { get; set; }
    // What the file says of its authors and applications, for the editor before publishing.
    public string Metadata { get; set; } = "";

    public const int MaxFileName = 200, MaxMetadata = 1000;

    public string Extension => Kind switch { DocumentKind.Pdf => "pdf", DocumentKind.Docx => "docx", _ => "odt" };
    public string ContentType => Kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/vnd.oasis.opendocument.text",
    };
    // The file's own address: its row (so it answers only while its own document is public) and its bytes.
    public string Path => $"/documents/files/{Id}-{Key}.{Extension}";

    // A name as a download may carry it: no folders, control characters or quotes, at most MaxFileName.
    public static string CleanName(string name)
    {
        var file = System.IO.Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(file.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\' && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        return clean.Length == 0 ? "document" : clean.Length > MaxFileName ? clean[^MaxFileName..] : clean;
    }
}

public class FileContent
{
    public required string Key { get; set; }
    public required byte[] Data { get; set; }
}

// "Змінює" and "скасовує": a document that amends or cancels another, shown on both.
public class DocumentRelation
{
    public int FromId { get; set; }
    public int ToId { get; set; }
    public RelationKind Kind { get; set; }
}

public enum RelationKind { Amends = 0, Cancels = 1 }
