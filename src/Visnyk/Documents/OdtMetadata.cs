using System.IO.Compression;
using System.Xml;

namespace Visnyk.Documents;

// An ODT's meta.xml: read for the editor, and copied without the people's names.
static class OdtMetadata
{
    const string Meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
    const string Dc = "http://purl.org/dc/elements/1.1/";

    // initial-creator is the author, dc:creator whoever saved it last, printed-by the last to print.
    static bool IsPerson(XmlReader reader) =>
        (reader.NamespaceURI == Meta && reader.LocalName is "initial-creator" or "printed-by")
        || (reader.NamespaceURI == Dc && reader.LocalName == "creator");

    public static DocumentCheck Inspect(ZipArchive zip)
    {
        if (zip.GetEntry("content.xml") is null)
        {
            return DocumentCheck.Refuse(DocumentRefusal.Damaged, "an ODT without content.xml");
        }
        // LibreOffice keeps Basic macros under Basic/ and other script languages under Scripts/.
        if (zip.Entries.Any(e => e.FullName.StartsWith("Basic/", StringComparison.OrdinalIgnoreCase)
            || e.FullName.StartsWith("Scripts/", StringComparison.OrdinalIgnoreCase)))
        {
            return DocumentCheck.Refuse(DocumentRefusal.Macros, "an ODT with macros");
        }
        var metadata = zip.GetEntry("meta.xml") is { } entry ? Read(entry) : DocumentMetadata.None;
        return DocumentCheck.Accept(new DocumentFile(
            DocumentKind.Odt, OfficePackage.OdtType, ".odt", false, null, metadata, []));
    }

    static DocumentMetadata Read(ZipArchiveEntry entry)
    {
        string? author = null, lastModifiedBy = null, generator = null, title = null;
        using var reader = XmlReader.Create(entry.Open(), OfficePackage.SafeXml);
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            switch (reader.NamespaceURI, reader.LocalName)
            {
                case (Meta, "initial-creator"): author = reader.ReadElementContentAsString(); break;
                case (Meta, "generator"): generator = reader.ReadElementContentAsString(); break;
                case (Dc, "creator"): lastModifiedBy = reader.ReadElementContentAsString(); break;
                case (Dc, "title"): title = reader.ReadElementContentAsString(); break;
                default: reader.Read(); break;
            }
        }
        return new DocumentMetadata(
            DocumentFile.Clean(author), DocumentFile.Clean(generator), null, DocumentFile.Clean(title),
            DocumentFile.Clean(lastModifiedBy), null, null);
    }

    // A streaming copy (no tree is built, so no depth can overflow anything) that leaves out the
    // elements naming people.
    public static void CopyWithoutPeople(Stream from, Stream to)
    {
        using var reader = XmlReader.Create(from, OfficePackage.SafeXml);
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { CloseOutput = false });
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && IsPerson(reader))
            {
                reader.Skip();
                continue;
            }
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    writer.WriteAttributes(reader, defattr: true);
                    reader.MoveToElement();
                    if (reader.IsEmptyElement)
                    {
                        writer.WriteEndElement();
                    }
                    break;
                case XmlNodeType.EndElement: writer.WriteFullEndElement(); break;
                case XmlNodeType.Text: writer.WriteString(reader.Value); break;
                case XmlNodeType.CDATA: writer.WriteCData(reader.Value); break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace: writer.WriteWhitespace(reader.Value); break;
            }
            reader.Read();
        }
    }
}
