using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
// Visnyk.Text is the UI text resource class.
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Visnyk.Documents;

// The text of a DOCX through OpenXml; true when it stopped early. Runs only on packages
// OfficePackage has vetted.
static partial class DocxText
{
    public static bool Write(ReadOnlyMemory<byte> data, TextOutput output, Func<bool> late, CancellationToken ct)
    {
        using var doc = WordprocessingDocument.Open(DocumentFile.AsStream(data), false, OfficePackage.OpenXml);
        var main = doc.MainDocumentPart!;
        var headings = HeadingStyles(main.StyleDefinitionsPart?.Styles);
        return main.Document?.Body is { } body && Blocks(body, headings, output, late, ct);
    }

    static bool Blocks(OpenXmlElement parent, Dictionary<string, int> headings, TextOutput output, Func<bool> late, CancellationToken ct)
    {
        foreach (var element in parent.ChildElements)
        {
            ct.ThrowIfCancellationRequested();
            if (output.Full || late())
            {
                return true;
            }
            switch (element)
            {
                case Paragraph paragraph when HeadingLevel(paragraph, headings) is int level:
                    output.Heading(level, TextOf(paragraph));
                    break;
                case Paragraph paragraph:
                    output.Paragraph(TextOf(paragraph));
                    break;
                // Nested tables are flattened into their cell's text.
                case Table table:
                    output.Table([.. table.Elements<TableRow>().Select(row => row.Elements<TableCell>()
                        .Select(cell => string.Join(' ', cell.Descendants<Paragraph>().Select(TextOf))).ToList())]);
                    break;
                // Content controls and custom XML wrap ordinary paragraphs and tables.
                case SdtBlock or CustomXmlBlock or SdtContentBlock:
                    if (Blocks(element, headings, output, late, ct))
                    {
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    // w:t only: deleted text (w:delText) and field codes (w:instrText) are other elements.
    static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case WordText t: text.Append(t.Text); break;
                case TabChar or Break or CarriageReturn: text.Append(' '); break;
                case NoBreakHyphen: text.Append('-'); break;
            }
        }
        return text.ToString();
    }

    // Heading 1 is <h2> (the page's <h1> is the document's title), 2 and 3 are <h3>. Word localises
    // style ids (a Ukrainian Word may write "1" or "Заголовок1"), so the style's name and outline
    // level are read from styles.xml too.
    static int? HeadingLevel(Paragraph paragraph, Dictionary<string, int> headings)
    {
        var properties = paragraph.ParagraphProperties;
        var level = properties?.OutlineLevel?.Val?.Value + 1
            ?? (properties?.ParagraphStyleId?.Val?.Value is { } id
                ? headings.TryGetValue(id, out var byStyle) ? byStyle : LevelFromName(id)
                : null);
        return level is >= 1 and <= 3 ? level : null;
    }

    static Dictionary<string, int> HeadingStyles(Styles? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            var level = style.StyleParagraphProperties?.OutlineLevel?.Val?.Value + 1
                ?? LevelFromName(style.StyleName?.Val?.Value) ?? LevelFromName(style.StyleId?.Value);
            if (style.StyleId?.Value is { } id && level is int found)
            {
                levels[id] = found;
            }
        }
        return levels;
    }

    static int? LevelFromName(string? name) =>
        name is not null && HeadingName().Match(name) is { Success: true } match ? int.Parse(match.Groups[1].Value) : null;

    [GeneratedRegex(@"^\s*(?:heading|заголовок)\s*([1-9])\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingName();
}
