using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Visnyk.Documents;

// Reads a PDF with PdfPig: page count, metadata (reported only: PdfPig cannot rewrite a PDF without
// re-encoding its pages, so the site does not strip it), and whether anything in it can act.
static class PdfInspection
{
    internal static readonly ParsingOptions Options = new() { UseLenientParsing = true, SkipMissingFonts = true };

    // Walking every object of a huge PDF is bounded; what was not checked in time counts as active.
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    // Dictionary keys that make a file act: scripts, actions on events, launching programs,
    // attachments, Flash/media, XFA forms.
    static readonly HashSet<string> ActiveKeys =
        ["JavaScript", "JS", "AA", "Launch", "EmbeddedFiles", "EmbeddedFile", "RichMedia", "XFA"];

    // Name values that do the same: action types (/S) and annotation or file types.
    static readonly HashSet<string> ActiveNames =
        ["JavaScript", "Launch", "EmbeddedFile", "RichMedia", "SubmitForm", "ImportData", "GoToE", "GoToR",
         "Rendition", "Movie", "Sound", "FileAttachment", "3D", "Screen"];

    public static DocumentCheck Inspect(ReadOnlyMemory<byte> data)
    {
        // A cut-off upload lacks the end marker; PdfPig's lenient parser would otherwise make do.
        var tail = data.Span[Math.Max(0, data.Length - 1024)..];
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            return DocumentCheck.Refuse(DocumentRefusal.Damaged, "no %%EOF in the last 1024 bytes: truncated");
        }
        try
        {
            using var pdf = PdfDocument.Open(data, Options);
            var pages = pdf.NumberOfPages;
            if (pages < 1)
            {
                return DocumentCheck.Refuse(DocumentRefusal.Damaged, "no pages");
            }
            _ = pdf.GetPage(1);
            var active = ActiveContent(pdf, data.Span);
            var info = pdf.Information;
            // Acrobat's Office add-in copies the company into a custom /Company entry.
            var company = info.DocumentInformationDictionary?.Data.GetValueOrDefault("Company") is StringToken c ? c.Data : null;
            var metadata = new DocumentMetadata(
                DocumentFile.Clean(info.Author), DocumentFile.Clean(info.Creator), DocumentFile.Clean(info.Producer),
                DocumentFile.Clean(info.Title), null, DocumentFile.Clean(company), null);
            return DocumentCheck.Accept(new DocumentFile(
                DocumentKind.Pdf, "application/pdf", ".pdf", active.Count == 0, pages, metadata, active));
        }
        catch (PdfDocumentEncryptedException e)
        {
            return DocumentCheck.Refuse(DocumentRefusal.PasswordProtected, e.Message);
        }
        // PdfPig throws many kinds of exception on hostile input; each one means "cannot be read".
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DocumentCheck.Refuse(DocumentRefusal.Damaged, $"{e.GetType().Name}: {e.Message}");
        }
    }

    // Every object the cross-reference table lists (those in compressed object streams too, with
    // names already decoded from #xx escapes), then the raw bytes for objects it does not list,
    // which a repairing viewer might still find.
    static List<string> ActiveContent(PdfDocument pdf, ReadOnlySpan<byte> raw)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var reference in pdf.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (clock.Elapsed > Budget)
            {
                found.Add("not fully checked in time");
                break;
            }
            IToken token;
            try
            {
                token = pdf.Structure.GetObject(reference).Data;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // An object this parser cannot read may be one a browser's viewer repairs: unchecked, so not plain.
                found.Add("unreadable object");
                continue;
            }
            Walk(token, pdf, found);
        }
        foreach (var name in ActiveKeys)
        {
            if (HasName(raw, name))
            {
                found.Add(name);
            }
        }
        return [.. found];
    }

    static void Walk(IToken root, PdfDocument pdf, SortedSet<string> found)
    {
        var stack = new Stack<(IToken Token, int Depth)>();
        stack.Push((root, 0));
        while (stack.TryPop(out var item))
        {
            if (item.Depth > 100)
            {
                found.Add("nested too deep to check");
                continue;
            }
            switch (item.Token)
            {
                case StreamToken stream:
                    stack.Push((stream.StreamDictionary, item.Depth + 1));
                    break;
                case DictionaryToken dictionary:
                    foreach (var (key, value) in dictionary.Data)
                    {
                        if (ActiveKeys.Contains(key) || (key == "OpenAction" && IsAction(value, pdf)))
                        {
                            found.Add(key);
                        }
                        stack.Push((value, item.Depth + 1));
                    }
                    break;
                case ArrayToken array:
                    foreach (var value in array.Data)
                    {
                        stack.Push((value, item.Depth + 1));
                    }
                    break;
                case NameToken name when ActiveNames.Contains(name.Data):
                    found.Add(name.Data);
                    break;
            }
        }
    }

    // /OpenAction is often only a destination ([page /Fit]: open at page 1), which Acrobat and
    // Word exports write; that and a plain GoTo are not active. Any other action is.
    static bool IsAction(IToken value, PdfDocument pdf)
    {
        if (value is IndirectReferenceToken reference)
        {
            try
            {
                value = pdf.Structure.GetObject(reference.Data).Data;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return true;
            }
        }
        return value switch
        {
            ArrayToken => false,
            DictionaryToken action => action.Data.GetValueOrDefault("S") is not NameToken { Data: "GoTo" },
            _ => true,
        };
    }

    // "/JS" followed by a delimiter, so that "/JSomething" does not count.
    static bool HasName(ReadOnlySpan<byte> raw, string name)
    {
        Span<byte> needle = stackalloc byte[name.Length + 1];
        needle[0] = (byte)'/';
        System.Text.Encoding.ASCII.GetBytes(name, needle[1..]);
        for (var at = raw.IndexOf(needle); at >= 0; )
        {
            var end = at + needle.Length;
            if (end == raw.Length || "\0\t\n\f\r ()<>[]{}/%"u8.Contains(raw[end]))
            {
                return true;
            }
            var next = raw[end..].IndexOf(needle);
            at = next < 0 ? -1 : end + next;
        }
        return false;
    }
}
