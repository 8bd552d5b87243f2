using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Visnyk.Documents;

// Writes a plain A4 PDF, a title and wrapped paragraphs over as many pages as they take, for demo
// documents and tests. The standard-14 fonts have no Cyrillic and a server may have no fonts at
// all, so DejaVu Sans travels inside Visnyk.dll; PdfPig embeds only the glyphs used (a subset).
public static class DocumentPdf
{
    const double Margin = 56.7;   // 2 cm
    const double TitleSize = 16;
    const double BodySize = 11;
    const double Leading = 1.4;   // line height, in font sizes

    static readonly Lazy<byte[]> Font = new(() =>
    {
        using var resource = typeof(DocumentPdf).Assembly.GetManifestResourceStream("Visnyk.Documents.DejaVuSans.ttf")!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    });

    public static byte[] Write(string title, IEnumerable<string> paragraphs)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.Creator = "Visnyk";
        var writer = new Writer(builder, builder.AddTrueTypeFont(Font.Value));
        writer.Block(title, TitleSize);
        foreach (var paragraph in paragraphs)
        {
            writer.Block(paragraph, BodySize);
        }
        return builder.Build();
    }

    sealed class Writer
    {
        readonly PdfDocumentBuilder builder;
        readonly PdfDocumentBuilder.AddedFont font;
        PdfPageBuilder page;
        double y;

        public Writer(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont font)
        {
            (this.builder, this.font) = (builder, font);
            page = builder.AddPage(PageSize.A4);
            y = PageTop;
        }

        double PageTop => page.PageSize.Top - Margin;
        double LineWidth => page.PageSize.Width - 2 * Margin;

        public void Block(string text, double size)
        {
            foreach (var line in Lines(text, size))
            {
                if (y - size * Leading < Margin)
                {
                    page = builder.AddPage(PageSize.A4);
                    y = PageTop;
                }
                y -= size * Leading;
                page.AddText(line, size, new PdfPoint(Margin, y), font);
            }
            y -= size * 0.6;
        }

        // Greedy: as many words as fit; a word longer than a whole line is cut where it must be.
        IEnumerable<string> Lines(string text, double size)
        {
            var line = "";
            foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Width(candidate, size) <= LineWidth)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0)
                {
                    yield return line;
                }
                line = word;
                while (line.Length > 1 && Width(line, size) > LineWidth)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Width(line[..cut], size) > LineWidth)
                    {
                        cut--;
                    }
                    yield return line[..cut];
                    line = line[cut..];
                }
            }
            if (line.Length > 0)
            {
                yield return line;
            }
        }

        double Width(string text, double size) =>
            page.MeasureText(text, size, new PdfPoint(0, 0), font) is { Count: > 0 } letters ? letters[^1].EndBaseLine.X : 0;
    }
}
