using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using UglyToad.PdfPig;
using Visnyk.Documents;
using static Visnyk.Tests.Documents.TestDocuments;

namespace Visnyk.Tests.Documents;

public class DocumentFileTests
{
    const string Sentence = "Розпорядження голови обласної військової адміністрації № 123 від 12.03.2025 про субсидії";

    static DocumentFile Accepted(byte[] data)
    {
        var check = DocumentFile.Inspect(data);
        Assert.True(check.File is not null, $"refused: {check.Refusal} {check.Detail}");
        return check.File;
    }

    static void Refused(byte[] data, DocumentRefusal expected)
    {
        var check = DocumentFile.Inspect(data);
        Assert.Null(check.File);
        Assert.Equal(expected, check.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(check.Detail));
    }

    // The accessible version may hold nothing but these tags, whatever the document said.
    static void OnlySafeTags(string html) =>
        Assert.All(Regex.Matches(html, @"</?([a-zA-Z0-9]+)").Select(m => m.Groups[1].Value),
            tag => Assert.Contains(tag, new[] { "h2", "h3", "p", "table", "tr", "td" }));

    [Fact]
    public void A_pdf_written_with_Cyrillic_reads_back_with_its_words_apart()
    {
        var pdf = DocumentPdf.Write("Розпорядження № 123", [Sentence]);

        var file = Accepted(pdf);
        Assert.Equal((DocumentKind.Pdf, "application/pdf", ".pdf", true, 1), (file.Kind, file.ContentType, file.Extension, file.Inline, file.PageCount));
        Assert.Equal("Розпорядження № 123", file.Metadata.Title);
        var text = DocumentText.Extract(pdf)!;
        Assert.Contains(Sentence, text.Plain);
        Assert.Contains($"<p>{Sentence}</p>", text.Html);
        Assert.False(text.Partial);
    }

    [Fact]
    public void A_long_pdf_wraps_onto_A4_pages_and_embeds_only_a_subset_of_the_font()
    {
        var paragraphs = Enumerable.Range(1, 40).Select(i => $"Пункт {i}. {Sentence}, а також щодо порядку їх нарахування та виплати.").ToList();

        var pdf = DocumentPdf.Write("Розпорядження № 123", paragraphs);

        using (var read = PdfDocument.Open(pdf))
        {
            Assert.True(read.NumberOfPages >= 2);
            var page = read.GetPage(1);
            Assert.Equal((595, 842), ((int)Math.Round(page.Width), (int)Math.Round(page.Height)));
            // Wrapped, not run off the page: every letter lies inside the 2 cm margins.
            Assert.All(read.GetPages().SelectMany(p => p.Letters), l => Assert.InRange(l.EndBaseLine.X, 56, 595 - 56));
        }
        // DejaVu Sans is 760 KB; a whole copy in every demo document would show here.
        Assert.InRange(pdf.Length, 1, 100_000);
        var text = DocumentText.Extract(pdf)!;
        Assert.Contains("Пункт 40. " + Sentence, text.Plain);
    }

    [Fact]
    public void Text_extraction_stops_at_the_page_limit_and_says_it_is_partial()
    {
        var paragraphs = Enumerable.Range(1, 80).Select(i => $"Абзац номер{i} {Sentence}.").ToList();
        var pdf = DocumentPdf.Write("Довгий документ", paragraphs);

        var text = DocumentText.Extract(pdf, maxPdfPages: 1, CancellationToken.None)!;

        Assert.True(text.Partial);
        Assert.Contains("номер1 ", text.Plain);
        Assert.DoesNotContain("номер80 ", text.Plain);
    }

    [Fact]
    public void A_docx_is_recognised_and_its_text_metadata_and_stripped_copy_come_out()
    {
        var docx = Docx();

        var file = Accepted(docx);
        Assert.Equal((DocumentKind.Docx, ".docx", false, (int?)null), (file.Kind, file.Extension, file.Inline, file.PageCount));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.ContentType);
        Assert.Equal(new DocumentMetadata(Author, "Microsoft Office Word", null, "Розпорядження № 123", Editor, Company, Manager), file.Metadata);

        var text = DocumentText.Extract(docx)!;
        Assert.Equal(
            "<h2>Про субсидії</h2>\n<p>Перший абзац розпорядження &lt;script&gt;alert(1)&lt;/script&gt;.</p>\n<h3>Порядок виплати</h3>\n"
            + "<table><tr><td>Громада</td><td>Сума, грн</td></tr><tr><td>Хмельницька</td><td>1 200</td></tr></table>\n",
            text.Html);
        Assert.Contains("Громада\tСума, грн\nХмельницька\t1 200", text.Plain);
        OnlySafeTags(text.Html);

        var stripped = DocumentFile.WithoutPersonalMetadata(docx)!;
        var people = new[] { Author, Editor, Company, Manager };
        Assert.All(people, name => Assert.Contains(Entries(docx), entry => entry.Contains(name)));
        Assert.All(Entries(stripped), entry => Assert.All(people, name => Assert.DoesNotContain(name, entry)));
        var after = Accepted(stripped);
        Assert.Equal((null, null, null, null), (after.Metadata.Author, after.Metadata.LastModifiedBy, after.Metadata.Company, after.Metadata.Manager));
        Assert.Equal(text, DocumentText.Extract(stripped));
    }

    [Fact]
    public void An_odt_is_recognised_and_its_text_metadata_and_stripped_copy_come_out()
    {
        var odt = Odt();

        var file = Accepted(odt);
        Assert.Equal((DocumentKind.Odt, "application/vnd.oasis.opendocument.text", ".odt", false), (file.Kind, file.ContentType, file.Extension, file.Inline));
        Assert.Equal(new DocumentMetadata(Author, "LibreOffice/24.2", null, "Розпорядження № 123", Editor, null, null), file.Metadata);

        var text = DocumentText.Extract(odt)!;
        Assert.Equal(
            "<h2>Про субсидії</h2>\n<p>Перший абзац розпорядження &lt;b&gt;.</p>\n<p>Зі зноскою</p>\n"
            + "<table><tr><td>Громада</td><td>Сума, грн</td></tr><tr><td>Хмельницька</td><td>1 200</td></tr></table>\n<h3>Порядок виплати</h3>\n",
            text.Html);
        Assert.Contains("Громада\tСума, грн", text.Plain);

        var stripped = DocumentFile.WithoutPersonalMetadata(odt)!;
        Assert.Contains(Entries(odt), e => e.Contains(Author) && e.Contains(Editor) && e.Contains(Manager));
        Assert.All(Entries(stripped), entry => Assert.All(new[] { Author, Editor, Manager }, name => Assert.DoesNotContain(name, entry)));
        var after = Accepted(stripped);
        Assert.Equal(DocumentKind.Odt, after.Kind);
        Assert.Equal(new DocumentMetadata(null, "LibreOffice/24.2", null, "Розпорядження № 123", null, null, null), after.Metadata);
        Assert.Equal(text, DocumentText.Extract(stripped));
    }

    [Fact]
    public void A_pdf_is_plain_without_actions_and_when_it_only_opens_at_a_page()
    {
        Assert.True(Accepted(Pdf()).Inline);
        Assert.True(Accepted(Pdf("/OpenAction [3 0 R /Fit]")).Inline);
        Assert.Equal("Hello world", DocumentText.Extract(Pdf())!.Plain);
    }

    [Theory]
    [InlineData("/OpenAction 5 0 R", "<< /S /JavaScript /JS (app.alert\\(1\\);) >>", "JavaScript,JS,OpenAction")]
    [InlineData("/OpenAction << /S /Java#53cript /JS 5 0 R >>", "<< /Length 0 >>\nstream\n\nendstream", "JavaScript")]
    [InlineData("/OpenAction << /S /Launch /F (cmd.exe) >>", "<< >>", "Launch,OpenAction")]
    [InlineData("/AA << /WC 5 0 R >>", "<< /S /JavaScript /JS (x) >>", "AA,JavaScript")]
    [InlineData("/Names << /EmbeddedFiles 5 0 R >>", "<< /Names [] >>", "EmbeddedFiles")]
    [InlineData("/AcroForm << /Fields [] /XFA 5 0 R >>", "<< >>", "XFA")]
    public void A_pdf_with_active_content_is_accepted_but_not_plain(string catalog, string extra, string expected)
    {
        var file = Accepted(Pdf(catalog, extra));

        Assert.False(file.Inline);
        Assert.All(expected.Split(','), found => Assert.Contains(found, file.ActiveContent));
    }

    public static TheoryData<string, byte[], DocumentRefusal> Refusals => new()
    {
        { "empty", [], DocumentRefusal.Empty },
        { "png", [0x89, .. "PNG\r\n\x1a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0], DocumentRefusal.UnknownType },
        { "random bytes", RandomBytes(), DocumentRefusal.UnknownType },
        { ".doc (OLE)", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]], DocumentRefusal.OldOfficeFormat },
        { ".docm", Docx(WordprocessingDocumentType.MacroEnabledDocument), DocumentRefusal.Macros },
        { "zip of neither", Zip([("readme.txt", "Привіт")]), DocumentRefusal.NotAWordDocument },
        { "xlsx-like", Zip([("[Content_Types].xml", DocxContentTypes.Replace("wordprocessingml.document", "spreadsheetml.sheet"))]), DocumentRefusal.NotAWordDocument },
        { "odt, mimetype compressed", Odt(compressMimetype: true), DocumentRefusal.NotAWordDocument },
        { "odt with Basic macros", Odt(false, ("Basic/Standard/Module1.xml", "<module/>")), DocumentRefusal.Macros },
        { "truncated pdf", Truncated(DocumentPdf.Write("Розпорядження", [Sentence])), DocumentRefusal.Damaged },
        { "pdf header only", Encoding.ASCII.GetBytes("%PDF-1.7\nhello\n%%EOF\n"), DocumentRefusal.Damaged },
        { "zip bomb", ZipBomb(), DocumentRefusal.UnpacksTooLarge },
        { "too many entries", Zip(Enumerable.Range(0, 5_001).Select(i => ($"{i}.txt", ""))), DocumentRefusal.UnpacksTooLarge },
        { "truncated zip", Truncated(Docx()), DocumentRefusal.Damaged },
        { "DTD entities", WithPart(Docx(), "word/document.xml", """<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>"""), DocumentRefusal.Damaged },
        { "deep XML", WithPart(Docx(), "word/document.xml", $"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{string.Concat(Enumerable.Repeat("<w:sdt>", 100_000))}{string.Concat(Enumerable.Repeat("</w:sdt>", 100_000))}</w:document>"), DocumentRefusal.Damaged },
        { "deep XML in a part not named .xml (a main part may be called anything)", WithPart(Docx(), "word/document.bin", $"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{string.Concat(Enumerable.Repeat("<w:sdt>", 100_000))}{string.Concat(Enumerable.Repeat("</w:sdt>", 100_000))}</w:document>"), DocumentRefusal.Damaged },
        { "broken document XML", WithPart(Docx(), "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"), DocumentRefusal.Damaged },
        { "broken XML", Zip([("[Content_Types].xml", "<Types><Override ContentType=")]), DocumentRefusal.Damaged },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refused_uploads_give_a_reason_and_never_throw(string name, byte[] data, DocumentRefusal expected)
    {
        _ = name;
        Refused(data, expected);
        Assert.Null(DocumentText.Extract(data));
        Assert.Null(DocumentFile.WithoutPersonalMetadata(data));
    }

    [Fact]
    public async Task An_upload_is_read_one_byte_past_the_limit_and_refused_as_too_large()
    {
        var pdf = DocumentPdf.Write("Розпорядження", [Sentence]);

        var read = await DocumentFile.ReadAsync(new MemoryStream(pdf), maxBytes: 100);

        Assert.Equal(101, read.Length);
        Assert.Equal(DocumentRefusal.TooLarge, DocumentFile.Inspect(read, maxBytes: 100).Refusal);
        Assert.Equal(pdf, await DocumentFile.ReadAsync(new MemoryStream(pdf)));
    }

    static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(20250312).NextBytes(bytes);
        return bytes;
    }

    static byte[] Truncated(byte[] data) => data[..(data.Length * 2 / 3)];
}
