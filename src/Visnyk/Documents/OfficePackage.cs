using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Visnyk.Documents;

// DOCX and ODT are ZIP files. Before anything parses one, its size once unpacked, its number of
// entries and every XML part (well-formed, no DTD, not absurdly deep) are checked here, so neither
// OpenXml nor our own readers ever meet a ZIP bomb or an entity or nesting attack.
static class OfficePackage
{
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;
    public const int MaxEntries = 5_000;
    // OpenXml holds a part as a tree, many times its size in memory; 32 MB of WordprocessingML is
    // some ten thousand pages, past anything an administration signs.
    public const long MaxXmlPartBytes = 32L * 1024 * 1024;
    // Word nests tables in tables, rarely past 30 levels; OpenXml builds its tree recursively.
    public const int MaxXmlDepth = 256;

    internal const string DocxMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    internal const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    internal const string OdtType = "application/vnd.oasis.opendocument.text";

    internal static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxXmlPartBytes,
    };

    // OpenXml's own ceiling on a part, as a second fence behind the checks here.
    internal static readonly OpenSettings OpenXml = new() { MaxCharactersInPart = MaxXmlPartBytes };

    public static DocumentCheck Inspect(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var zip = new ZipArchive(DocumentFile.AsStream(data), ZipArchiveMode.Read);
            if (Vet(zip) is { } refusal)
            {
                return refusal;
            }
            if (IsOdt(data.Span))
            {
                return OdtMetadata.Inspect(zip);
            }
            if (zip.GetEntry("[Content_Types].xml") is not { } typesEntry)
            {
                return DocumentCheck.Refuse(DocumentRefusal.NotAWordDocument, "a ZIP with neither [Content_Types].xml nor an ODT mimetype first");
            }
            var types = ContentTypes(typesEntry);
            if (types.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                || zip.Entries.Any(e => e.Name.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return DocumentCheck.Refuse(DocumentRefusal.Macros, "a macro-enabled Office file");
            }
            if (!types.Contains(DocxMainType))
            {
                return DocumentCheck.Refuse(DocumentRefusal.NotAWordDocument, $"an Office package of another kind: {string.Join(", ", types.Where(t => t.EndsWith(".main+xml")))}");
            }
            return InspectDocx(data);
        }
        // A broken ZIP (InvalidDataException), broken XML or a DTD (XmlException), a package that
        // System.IO.Packaging or OpenXml cannot read (several kinds): each means "cannot be read".
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DocumentCheck.Refuse(DocumentRefusal.Damaged, $"{e.GetType().Name}: {e.Message}");
        }
    }

    // .NET's ZipArchive stops reading an entry at the size its header declares (checked: a 300 MB
    // entry declared as 1,000 bytes reads as 1,000), so the declared sizes bound what any reader of
    // this archive can unpack, OpenXml included.
    static DocumentCheck? Vet(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            return DocumentCheck.Refuse(DocumentRefusal.UnpacksTooLarge, $"{zip.Entries.Count} entries");
        }
        var total = zip.Entries.Sum(e => e.Length);
        if (total > MaxUnpackedBytes)
        {
            return DocumentCheck.Refuse(DocumentRefusal.UnpacksTooLarge, $"unpacks to {total} bytes");
        }
        // Every part that is XML, whatever its name: a package may call its main part "document.bin"
        // (its content types say what it is), and a part nested deep enough would overflow the stack
        // of the reader that builds its tree (a crash no handler catches).
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
            || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) || LooksLikeXml(e)))
        {
            if (entry.Length > MaxXmlPartBytes)
            {
                return DocumentCheck.Refuse(DocumentRefusal.UnpacksTooLarge, $"{entry.FullName} unpacks to {entry.Length} bytes");
            }
            using var reader = XmlReader.Create(entry.Open(), SafeXml);
            while (reader.Read())
            {
                if (reader.Depth > MaxXmlDepth)
                {
                    return DocumentCheck.Refuse(DocumentRefusal.Damaged, $"{entry.FullName} nests deeper than {MaxXmlDepth}");
                }
            }
        }
        return null;
    }

    // Its first bytes, past a byte-order mark and white space, open a tag.
    static bool LooksLikeXml(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        Span<byte> head = stackalloc byte[64];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var text = head[..read];
        if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = text[3..];
        }
        text = text.TrimStart(" \t\r\n"u8);
        // UTF-16 XML too: "<" followed by a zero byte.
        return text.Length > 0 && text[0] == (byte)'<' || text.Length > 1 && (text[0] == 0xFF || text[0] == 0xFE);
    }

    // ODF: the first entry is "mimetype", stored uncompressed with no extra field, so the type can be
    // read at a fixed place (ODF 1.2 part 3, 3.3). Checked on the local header itself.
    static bool IsOdt(ReadOnlySpan<byte> zip)
    {
        ReadOnlySpan<byte> expected = "mimetypeapplication/vnd.oasis.opendocument.text"u8;
        if (zip.Length < 30 + expected.Length)
        {
            return false;
        }
        var method = BitConverter.ToUInt16(zip[8..]);
        var size = BitConverter.ToUInt32(zip[18..]);
        var nameLength = BitConverter.ToUInt16(zip[26..]);
        var extraLength = BitConverter.ToUInt16(zip[28..]);
        return method == 0 && nameLength == 8 && extraLength == 0 && size == expected.Length - 8
            && zip[30..].StartsWith(expected);
    }

    static HashSet<string> ContentTypes(ZipArchiveEntry entry)
    {
        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var reader = XmlReader.Create(entry.Open(), SafeXml);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute("ContentType") is { } type)
            {
                types.Add(type.Trim());
            }
        }
        return types;
    }

    static DocumentCheck InspectDocx(ReadOnlyMemory<byte> data)
    {
        using var doc = WordprocessingDocument.Open(DocumentFile.AsStream(data), false, OpenXml);
        if (doc.MainDocumentPart is null)
        {
            return DocumentCheck.Refuse(DocumentRefusal.Damaged, "no main document part");
        }
        var core = doc.PackageProperties;
        var extended = doc.ExtendedFilePropertiesPart?.Properties;
        var metadata = new DocumentMetadata(
            DocumentFile.Clean(core.Creator), DocumentFile.Clean(extended?.Application?.Text), null,
            DocumentFile.Clean(core.Title), DocumentFile.Clean(core.LastModifiedBy),
            DocumentFile.Clean(extended?.Company?.Text), DocumentFile.Clean(extended?.Manager?.Text));
        return DocumentCheck.Accept(new DocumentFile(DocumentKind.Docx, DocxType, ".docx", false, null, metadata, []));
    }

    // Core properties creator and lastModifiedBy, extended properties company and manager. Names in
    // tracked changes and comments stay: they are part of the document's content.
    public static byte[] StripDocx(ReadOnlyMemory<byte> data)
    {
        using var copy = new MemoryStream();
        copy.Write(data.Span);
        copy.Position = 0;
        using (var doc = WordprocessingDocument.Open(copy, true, OpenXml))
        {
            doc.PackageProperties.Creator = null;
            doc.PackageProperties.LastModifiedBy = null;
            if (doc.ExtendedFilePropertiesPart?.Properties is { } extended)
            {
                extended.Company?.Remove();
                extended.Manager?.Remove();
                extended.Save();
            }
        }
        return copy.ToArray();
    }

    public static byte[] StripOdt(ReadOnlyMemory<byte> data)
    {
        using var source = new ZipArchive(DocumentFile.AsStream(data), ZipArchiveMode.Read);
        using var copy = new MemoryStream();
        using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
        {
            // mimetype first and stored, as ODF requires; .NET writes NoCompression as "stored".
            var mimetype = target.CreateEntry("mimetype", CompressionLevel.NoCompression);
            using (var stream = mimetype.Open())
            {
                stream.Write(Encoding.ASCII.GetBytes(OdtType));
            }
            foreach (var entry in source.Entries.Where(e => e.FullName != "mimetype"))
            {
                var copied = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copied.LastWriteTime = entry.LastWriteTime;
                using var from = entry.Open();
                using var to = copied.Open();
                if (entry.FullName == "meta.xml")
                {
                    OdtMetadata.CopyWithoutPeople(from, to);
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }
        return copy.ToArray();
    }
}
