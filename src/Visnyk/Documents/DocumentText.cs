using System.Diagnostics;
using System.Net;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Visnyk.Documents;

// The text of a document: Plain for search, Html as the starting point of its accessible version
// (only <h2>, <h3>, <p> and <table>, every piece of text encoded). Partial: stopped at a limit.
public sealed record DocumentText(string Plain, string Html, bool Partial)
{
    public const int MaxChars = 2 * 1024 * 1024;
    public const int MaxPdfPages = 300;
    // A 2,000-page scan must not hold a request for minutes.
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    // Null when the bytes are not an accepted document. Inspects them again first: that is what
    // keeps a ZIP bomb away from OpenXml, whoever calls this.
    public static DocumentText? Extract(ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        Extract(data, MaxPdfPages, ct);

    internal static DocumentText? Extract(ReadOnlyMemory<byte> data, int maxPdfPages, CancellationToken ct)
    {
        var file = DocumentFile.Inspect(data).File;
        if (file is null)
        {
            return null;
        }
        var output = new TextOutput(MaxChars);
        var clock = Stopwatch.StartNew();
        bool stopped;
        try
        {
            stopped = file.Kind switch
            {
                DocumentKind.Pdf => Pdf(data, output, maxPdfPages, clock, ct),
                DocumentKind.Docx => DocxText.Write(data, output, () => clock.Elapsed > Budget, ct),
                _ => OdtText.Write(data, output, () => clock.Elapsed > Budget, ct),
            };
        }
        // A part that passed inspection can still break a parser further in: keep what was read.
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            stopped = true;
        }
        return output.Finish(stopped);
    }

    // ContentOrderTextExtractor follows the order of the page's content and puts spaces where the
    // gaps between letters are, so words are not glued together; a double newline marks where it
    // sees a new paragraph. A page it cannot read is skipped and the text marked partial.
    static bool Pdf(ReadOnlyMemory<byte> data, TextOutput output, int maxPages, Stopwatch clock, CancellationToken ct)
    {
        using var pdf = PdfDocument.Open(data, PdfInspection.Options);
        var options = new ContentOrderTextExtractor.Options { SeparateParagraphsWithDoubleNewline = true, ReplaceWhitespaceWithSpace = true };
        var partial = pdf.NumberOfPages > maxPages;
        for (var number = 1; number <= Math.Min(pdf.NumberOfPages, maxPages); number++)
        {
            ct.ThrowIfCancellationRequested();
            if (output.Full || clock.Elapsed > Budget)
            {
                return true;
            }
            string text;
            try
            {
                text = ContentOrderTextExtractor.GetText(pdf.GetPage(number), options);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                partial = true;
                continue;
            }
            foreach (var paragraph in text.Split("\n\n"))
            {
                output.Paragraph(paragraph);
            }
        }
        return partial;
    }
}

// Collects blocks into both outputs and stops taking them at the size limit.
sealed class TextOutput(int maxChars)
{
    readonly StringBuilder plain = new();
    readonly StringBuilder html = new();

    public bool Full { get; private set; }

    public void Heading(int level, string text) => Block(level <= 1 ? "h2" : "h3", Normalise(text));

    public void Paragraph(string text) => Block("p", Normalise(text));

    public void Table(List<List<string>> rows)
    {
        var cells = rows.Select(row => row.Select(Normalise).ToList()).Where(row => row.Any(c => c.Length > 0)).ToList();
        if (cells.Count == 0 || !Fits(cells.Sum(row => row.Sum(c => c.Length + 1))))
        {
            return;
        }
        html.Append("<table>");
        foreach (var row in cells)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }
            html.Append("</tr>");
            plain.AppendJoin('\t', row).Append('\n');
        }
        html.Append("</table>\n");
        plain.Append('\n');
    }

    public DocumentText Finish(bool partial) => new(plain.ToString().TrimEnd(), html.ToString(), partial || Full);

    void Block(string tag, string text)
    {
        if (text.Length == 0 || !Fits(text.Length))
        {
            return;
        }
        html.Append('<').Append(tag).Append('>').Append(WebUtility.HtmlEncode(text)).Append("</").Append(tag).Append(">\n");
        plain.Append(text).Append("\n\n");
    }

    bool Fits(int length)
    {
        // HTML is counted too: encoding and tags can make it several times the text.
        if (Full || plain.Length + length > maxChars || html.Length + length > 4L * maxChars)
        {
            Full = true;
        }
        return !Full;
    }

    // One line of text: runs of whitespace become one space, control characters go.
    static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (result.Length > 0 && result[^1] != ' ')
                {
                    result.Append(' ');
                }
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString().Trim();
    }
}
