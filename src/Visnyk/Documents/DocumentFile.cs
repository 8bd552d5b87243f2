using System.Text;

namespace Visnyk.Documents;

public enum DocumentKind { Pdf, Docx, Odt }

// Why an upload is refused; the newsroom shows each as a Ukrainian message from its resources.
public enum DocumentRefusal
{
    Empty,
    TooLarge,
    UnknownType,        // not a PDF nor a ZIP: pictures, text, random bytes
    OldOfficeFormat,    // an OLE file: .doc, .xls, or any password-protected Office file
    Macros,             // .docm, .odt with Basic or scripts
    NotAWordDocument,   // a ZIP that is neither DOCX nor ODT: .xlsx, .pptx, templates, plain archives
    PasswordProtected,  // a PDF that cannot be read without a password
    Damaged,            // truncated or broken: the parser gave up
    UnpacksTooLarge,    // a ZIP bomb: too many entries or too many bytes once unpacked
}

// What the editor sees before publishing. Author and LastModifiedBy are people's names.
public sealed record DocumentMetadata(
    string? Author, string? Application, string? Producer, string? Title,
    string? LastModifiedBy, string? Company, string? Manager)
{
    public static readonly DocumentMetadata None = new(null, null, null, null, null, null, null);
}

// An accepted upload. Inline: a PDF without active content, which may be shown in the browser;
// everything else is sent with Content-Disposition: attachment. ActiveContent says why a PDF is not.
public sealed record DocumentFile(
    DocumentKind Kind, string ContentType, string Extension, bool Inline, int? PageCount,
    DocumentMetadata Metadata, IReadOnlyList<string> ActiveContent)
{
    public const long MaxBytes = 30 * 1024 * 1024;

    // The type comes from the bytes alone, never from the file name or the browser's content type.
    public static DocumentCheck Inspect(ReadOnlyMemory<byte> data, long maxBytes = MaxBytes)
    {
        if (data.IsEmpty)
        {
            return DocumentCheck.Refuse(DocumentRefusal.Empty, "the file is empty");
        }
        if (data.Length > maxBytes)
        {
            return DocumentCheck.Refuse(DocumentRefusal.TooLarge, $"more than {maxBytes} bytes");
        }
        var head = data.Span[..Math.Min(data.Length, 1024)];
        // ZIP and OLE first: a ZIP that stores a PDF near its start is still a ZIP.
        if (head.StartsWith("PK\x03\x04"u8))
        {
            return OfficePackage.Inspect(data);
        }
        if (head.StartsWith(OleSignature))
        {
            return DocumentCheck.Refuse(DocumentRefusal.OldOfficeFormat, "an OLE compound file (.doc or an encrypted Office file)");
        }
        // The PDF spec lets readers find the header anywhere in the first 1024 bytes.
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return PdfInspection.Inspect(data);
        }
        return DocumentCheck.Refuse(DocumentRefusal.UnknownType, $"starts with {Convert.ToHexString(head[..Math.Min(head.Length, 8)])}");
    }

    // A copy without the people's names in the file's properties; null for a PDF (PdfPig cannot
    // rewrite one without re-encoding it, so PDF metadata is only reported), for a refused file,
    // and for one that passed inspection but cannot be rewritten.
    public static byte[]? WithoutPersonalMetadata(ReadOnlyMemory<byte> data)
    {
        try
        {
            return Inspect(data).File?.Kind switch
            {
                DocumentKind.Docx => OfficePackage.StripDocx(data),
                DocumentKind.Odt => OfficePackage.StripOdt(data),
                _ => null,
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    // Reads an upload into memory, stopping one byte past maxBytes so Inspect can refuse it as too
    // large without the whole of an oversized stream being read.
    public static async Task<byte[]> ReadAsync(Stream upload, long maxBytes = MaxBytes, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length <= maxBytes
            && (read = await upload.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    internal static Stream AsStream(ReadOnlyMemory<byte> data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    // Metadata strings as shown to people: trimmed, control characters dropped, empty as null.
    internal static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = new StringBuilder(Math.Min(value.Length, 500));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 500)))
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }
        var clean = text.ToString().Trim();
        return clean.Length == 0 ? null : clean;
    }
}

// Either File or Refusal; Detail is for logs (English, technical), not for the page.
public sealed record DocumentCheck(DocumentFile? File, DocumentRefusal? Refusal, string Detail)
{
    public static DocumentCheck Accept(DocumentFile file) => new(file, null, "");

    public static DocumentCheck Refuse(DocumentRefusal refusal, string detail) => new(null, refusal, detail);
}
