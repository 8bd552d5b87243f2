using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Visnyk.Documents;

// The text of an ODT: content.xml read as a stream (text:h, text:p, table:table), so a large
// document never becomes a tree in memory. True when it stopped early. Runs only on packages
// OfficePackage has vetted.
static class OdtText
{
    const string TextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    const string TableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    const string OfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

    public static bool Write(ReadOnlyMemory<byte> data, TextOutput output, Func<bool> late, CancellationToken ct)
    {
        using var zip = new ZipArchive(DocumentFile.AsStream(data), ZipArchiveMode.Read);
        using var reader = XmlReader.Create(zip.GetEntry("content.xml")!.Open(), OfficePackage.SafeXml);
        var paragraph = new StringBuilder();
        var paragraphDepth = -1;                  // -1: not in a paragraph
        int? heading = null;
        var tables = 0;                           // nesting: inner tables are flattened into the cell
        List<List<string>> rows = [];
        List<string>? row = null;
        StringBuilder? cell = null;

        reader.Read();
        while (!reader.EOF)
        {
            ct.ThrowIfCancellationRequested();
            if (output.Full || late())
            {
                return true;
            }
            var target = tables > 0 ? cell : paragraphDepth >= 0 ? paragraph : null;
            var (ns, name) = (reader.NamespaceURI, reader.LocalName);
            if (reader.NodeType == XmlNodeType.Element && Skipped(ns, name))
            {
                reader.Skip();
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element)
            {
                var empty = reader.IsEmptyElement;
                switch (ns, name)
                {
                    case (TableNs, "table"):
                        tables += empty ? 0 : 1;
                        break;
                    case (TableNs, "table-row") when tables == 1:
                        row = [];
                        break;
                    case (TableNs, "table-cell" or "covered-table-cell") when tables == 1:
                        cell = new StringBuilder();
                        if (empty)
                        {
                            row?.Add("");
                        }
                        break;
                    case (TextNs, "p" or "h") when tables == 0 && paragraphDepth < 0 && !empty:
                        paragraphDepth = reader.Depth;
                        heading = name == "h" ? (int.TryParse(reader.GetAttribute("outline-level", TextNs), out var level) ? level : 1) : null;
                        paragraph.Clear();
                        break;
                    // A paragraph in a cell or a text box, text:s (spaces), text:tab, text:line-break.
                    case (TextNs, "p" or "h" or "s" or "tab" or "line-break"):
                        target?.Append(' ');
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                switch (ns, name)
                {
                    case (TextNs, "p" or "h") when reader.Depth == paragraphDepth:
                        if (heading is >= 1 and <= 3)
                        {
                            output.Heading(heading.Value, paragraph.ToString());
                        }
                        else
                        {
                            output.Paragraph(paragraph.ToString());
                        }
                        paragraphDepth = -1;
                        break;
                    case (TableNs, "table-cell" or "covered-table-cell") when tables == 1:
                        row?.Add(cell?.ToString() ?? "");
                        break;
                    case (TableNs, "table-row") when tables == 1 && row is not null:
                        rows.Add(row);
                        break;
                    case (TableNs, "table"):
                        tables--;
                        if (tables == 0)
                        {
                            output.Table(rows);
                            rows = [];
                        }
                        break;
                }
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                target?.Append(reader.Value);
            }
            reader.Read();
        }
        return false;
    }

    // Footnotes would land mid-sentence, tracked changes keep deleted text, comments name their
    // authors, and a table of contents repeats the headings.
    static bool Skipped(string ns, string name) =>
        (ns, name) is (TextNs, "note" or "tracked-changes" or "table-of-content") or (OfficeNs, "annotation");
}
