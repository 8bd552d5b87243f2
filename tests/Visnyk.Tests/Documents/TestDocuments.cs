using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.ExtendedProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Visnyk.Tests.Documents;

// Documents built in memory for the tests: no fixtures to keep in step with the code.
static class TestDocuments
{
    public const string Author = "Іваненко";
    public const string Editor = "Петренко";
    public const string Manager = "Сидоренко";
    public const string Company = "ТОВ Приклад";

    // A heading by the English style id, one by a localised id ("2", named "heading 2", as a
    // Ukrainian Word writes), a paragraph with markup-like text, and a table.
    public static byte[] Docx(WordprocessingDocumentType type = WordprocessingDocumentType.Document)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, type))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                Style("Heading1", "heading 1"), Style("2", "heading 2"), Style("Normal", "Normal"));
            main.Document = new Document(new Body(
                Paragraph("Про субсидії", "Heading1"),
                Paragraph("Перший абзац розпорядження <script>alert(1)</script>."),
                Paragraph("Порядок виплати", "2"),
                new Table(Row("Громада", "Сума, грн"), Row("Хмельницька", "1 200"))));
            doc.PackageProperties.Creator = Author;
            doc.PackageProperties.LastModifiedBy = Editor;
            doc.PackageProperties.Title = "Розпорядження № 123";
            doc.AddExtendedFilePropertiesPart().Properties = new Properties(
                new Application("Microsoft Office Word"), new Company(Company), new Manager(Manager));
        }
        return stream.ToArray();
    }

    static Style Style(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };

    static Paragraph Paragraph(string text, string? style = null) =>
        new(new ParagraphProperties(style is null ? [] : [new ParagraphStyleId { Val = style }]), new Run(new WordText(text)));

    static TableRow Row(params string[] cells) =>
        new(cells.Select(c => (OpenXmlElement)new TableCell(Paragraph(c))));

    public const string OdtContent = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
          xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
          xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
          <office:automatic-styles/>
          <office:body><office:text>
            <text:h text:outline-level="1">Про субсидії</text:h>
            <text:p>Перший<text:s/>абзац <text:span>розпорядження</text:span> &lt;b&gt;.</text:p>
            <text:p>Зі зноскою<text:note><text:note-body><text:p>текст зноски</text:p></text:note-body></text:note></text:p>
            <table:table table:name="Суми">
              <table:table-column table:number-columns-repeated="2"/>
              <table:table-row><table:table-cell><text:p>Громада</text:p></table:table-cell><table:table-cell><text:p>Сума, грн</text:p></table:table-cell></table:table-row>
              <table:table-row><table:table-cell><text:p>Хмельницька</text:p></table:table-cell><table:table-cell><text:p>1 200</text:p></table:table-cell></table:table-row>
            </table:table>
            <text:h text:outline-level="2">Порядок виплати</text:h>
          </office:text></office:body>
        </office:document-content>
        """;

    public static readonly string OdtMeta = $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
          xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
          xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
          <office:meta>
            <meta:initial-creator>{Author}</meta:initial-creator>
            <dc:creator>{Editor}</dc:creator>
            <meta:printed-by>{Manager}</meta:printed-by>
            <meta:generator>LibreOffice/24.2</meta:generator>
            <dc:title>Розпорядження № 123</dc:title>
          </office:meta>
        </office:document-meta>
        """;

    const string Manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
          <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
          <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
          <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """;

    // mimetype first and stored, as ODF asks; compressMimetype breaks that on purpose.
    public static byte[] Odt(bool compressMimetype = false, params (string Name, string Content)[] extra) =>
        Zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("META-INF/manifest.xml", Manifest),
             ("content.xml", OdtContent), ("meta.xml", OdtMeta), .. extra],
            storeFirst: !compressMimetype);

    public static byte[] Zip(IEnumerable<(string Name, string Content)> entries, bool storeFirst = false)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var first = true;
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, first && storeFirst ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var writer = entry.Open();
                writer.Write(Encoding.UTF8.GetBytes(content));
                first = false;
            }
        }
        return stream.ToArray();
    }

    public const string DocxContentTypes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
        </Types>
        """;

    // 300 MB of zeros, deflated as it is written, so the test stays fast and the ZIP about 300 KB.
    public static byte[] ZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = zip.CreateEntry("[Content_Types].xml").Open())
            {
                types.Write(Encoding.UTF8.GetBytes(DocxContentTypes));
            }
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                document.Write(zeros);
            }
        }
        return stream.ToArray();
    }

    // A one-page PDF written by hand with a correct cross-reference table; catalogExtra goes into
    // the catalog and extra objects are numbered from 5.
    public static byte[] Pdf(string catalogExtra = "", params string[] extra)
    {
        const string Content = "BT /F1 12 Tf 72 720 Td (Hello world) Tj ET";
        string[] objects =
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
            $"<< /Length {Content.Length} >>\nstream\n{Content}\nendstream",
            .. extra,
        ];
        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    // The same package with one part's text replaced (or added): a real DOCX around a hostile part.
    public static byte[] WithPart(byte[] zip, string name, string content)
    {
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)?.Delete();
            using var writer = archive.CreateEntry(name).Open();
            writer.Write(Encoding.UTF8.GetBytes(content));
        }
        return stream.ToArray();
    }

    public static List<string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e => { using var reader = new StreamReader(e.Open()); return reader.ReadToEnd(); })];
    }
}
