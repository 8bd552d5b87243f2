using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Visnyk.Import;

// What the import reads from a WordPress export (WXR: RSS 2.0 with WordPress's own elements): the
// site, its authors, categories and attachments are kept; the posts are read again from the file,
// one at a time, when the import goes through them (Posts), so memory does not grow with their number.
public class WordPressExport
{
    public string SiteUrl { get; set; } = "";
    public Dictionary<string, (string Email, string Name)> Authors { get; } = [];
    public Dictionary<string, string> CategoryDescriptions { get; } = [];
    // Attachments by post id (the first one, should an id come twice).
    public Dictionary<long, WordPressItem> Attachments { get; } = [];
    public int PostCount { get; set; }
    internal FileInfo? File { get; init; }

    // The posts (items of type "post"), in the file's order, read from the file checked by WordPressExportReader.Read.
    public IEnumerable<WordPressItem> Posts() => WordPressExportReader.Posts(this);
}

public record WordPressTerm(string Domain, string Slug, string Name);

// One <item>: a post, a page, an attachment or anything else a plugin stores as a post.
public class WordPressItem
{
    public long PostId { get; init; }
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public string Title { get; init; } = "";
    public string Link { get; init; } = "";
    public string Guid { get; init; } = "";
    public string Creator { get; init; } = "";
    public string Content { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string Name { get; init; } = "";
    public string Password { get; init; } = "";
    public string AttachmentUrl { get; init; } = "";
    // An attachment's post (wp:post_parent) and its place among that post's attachments (wp:menu_order).
    public long ParentId { get; init; }
    public int MenuOrder { get; init; }
    public DateTime? DateGmt { get; init; }
    public DateTime? ModifiedGmt { get; init; }
    // The site's local time; used only when WordPress left the GMT one empty (drafts).
    public DateTime? LocalDate { get; init; }
    public List<WordPressTerm> Terms { get; init; } = [];
    public Dictionary<string, string> Meta { get; init; } = [];

    public string MetaValue(string key) => Meta.GetValueOrDefault(key, "");
}

// Reads an export without trusting it: no DTD (so no entity expansion and no external
// entities), no resolver, a size limit, and the file must say it is WXR. Any problem is an
// ImportRefused with a message for the person running the import; nothing is half read.
public static class WordPressExportReader
{
    public const long MaxBytes = 512L * 1024 * 1024;
    const string ExportNamespace = "http://wordpress.org/export/";
    const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";

    public static WordPressExport Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new ImportRefused($"Файл «{path}» не знайдено.");
        }
        if (file.Length > MaxBytes)
        {
            throw new ImportRefused($"Файл «{file.Name}» завеликий: {file.Length / 1_048_576} МБ, можна до {MaxBytes / 1_048_576} МБ. Розділіть експорт WordPress (за датами чи рубриками).");
        }
        try
        {
            using var reader = Open(file);
            return Read(reader, file);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            // The refusal of a DTD carries no position (line 0), nor does the reader; a DTD can only
            // stand in the prolog, so its line is found near the top of the file.
            var line = e.LineNumber > 0 ? e.LineNumber : LineOf(file, "<!DOCTYPE");
            throw new ImportRefused($"Файл «{file.Name}» містить оголошення DTD (<!DOCTYPE …>, рядок {line}). Експорт WordPress його не має; такі файли не читаються з міркувань безпеки (розкриття сутностей, доступ до чужих файлів).");
        }
        catch (XmlException e) when (e.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportRefused($"Файл «{file.Name}» обірвано: XML закінчується посеред запису (рядок {e.LineNumber}). Експортуйте сайт ще раз.");
        }
        catch (XmlException e)
        {
            throw new ImportRefused($"Файл «{file.Name}» не є правильним XML (рядок {e.LineNumber}, позиція {e.LinePosition}).");
        }
    }

    static XmlReader Open(FileInfo file) => XmlReader.Create(file.OpenRead(), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBytes,
        MaxCharactersFromEntities = 1_000_000,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    // The second reading, post by post, of a file the first one checked whole.
    internal static IEnumerable<WordPressItem> Posts(WordPressExport export)
    {
        var file = export.File ?? throw new InvalidOperationException("The export was not read from a file.");
        using var reader = Open(file);
        foreach (var item in Items(reader, file.Name, new WordPressExport()))
        {
            if (item.Type == "post")
            {
                yield return item;
            }
        }
    }

    // The first of the first 1,000 lines that contains `text` (0 if none does).
    static int LineOf(FileInfo file, string text)
    {
        using var lines = new StreamReader(file.FullName);
        for (var number = 1; number <= 1000 && lines.ReadLine() is { } line; number++)
        {
            if (line.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return number;
            }
        }
        return 0;
    }

    // The first reading: the whole file is checked, the posts are counted and let go.
    static WordPressExport Read(XmlReader reader, FileInfo file)
    {
        var export = new WordPressExport { File = file };
        foreach (var item in Items(reader, file.Name, export))
        {
            if (item.Type == "post")
            {
                export.PostCount++;
            }
            else if (item.Type == "attachment")
            {
                export.Attachments.TryAdd(item.PostId, item);
            }
        }
        if (export.SiteUrl.Length == 0)
        {
            throw new ImportRefused($"У файлі «{file.Name}» немає адреси сайту (wp:base_site_url): за нею імпорт упізнає вже перенесені записи.");
        }
        return export;
    }

    static string NotWxr(string fileName) => $"Файл «{fileName}» не є експортом WordPress (WXR). Створіть його в WordPress: Інструменти → Експорт → Весь вміст.";

    // The items of the channel, one at a time; what comes before them (site, authors, categories) goes into `export`.
    static IEnumerable<WordPressItem> Items(XmlReader reader, string fileName, WordPressExport export)
    {
        var notWxr = NotWxr(fileName);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "rss")
        {
            throw new ImportRefused(notWxr);
        }
        string? version = null;
        var inChannel = false;
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            if (reader.Depth == 1 && reader.LocalName == "channel")
            {
                inChannel = true;
                reader.Read();
                continue;
            }
            if (!inChannel || reader.Depth != 2)
            {
                if (reader.Depth == 0)
                {
                    reader.Read();
                }
                else
                {
                    reader.Skip();
                }
                continue;
            }
            var isWp = reader.NamespaceURI.StartsWith(ExportNamespace, StringComparison.Ordinal);
            var line = reader is IXmlLineInfo info ? info.LineNumber : 0;
            switch (reader.LocalName)
            {
                case "wxr_version" when isWp:
                    version = reader.ReadElementContentAsString();
                    break;
                case "base_site_url" when isWp:
                    export.SiteUrl = reader.ReadElementContentAsString().Trim().TrimEnd('/');
                    break;
                case "author" when isWp:
                    var author = (XElement)XNode.ReadFrom(reader);
                    export.Authors[Child(author, "author_login")] = (Child(author, "author_email"), Child(author, "author_display_name"));
                    break;
                case "category" when isWp:
                    var category = (XElement)XNode.ReadFrom(reader);
                    export.CategoryDescriptions[Child(category, "category_nicename")] = Child(category, "category_description");
                    break;
                case "item" when version is null:
                    // WordPress writes its version before any item; a feed without it is some other RSS.
                    throw new ImportRefused(notWxr);
                case "item":
                    yield return Item((XElement)XNode.ReadFrom(reader), line, fileName);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (version is null || !inChannel)
        {
            throw new ImportRefused(notWxr);
        }
    }

    static WordPressItem Item(XElement item, int line, string fileName)
    {
        if (!long.TryParse(Child(item, "post_id"), NumberStyles.None, CultureInfo.InvariantCulture, out var postId))
        {
            throw new ImportRefused($"У файлі «{fileName}» запис без номера (wp:post_id), рядок {line}.");
        }
        var meta = new Dictionary<string, string>();
        foreach (var entry in item.Elements().Where(e => e.Name.LocalName == "postmeta" && IsWp(e)))
        {
            meta[Child(entry, "meta_key")] = Child(entry, "meta_value");
        }
        return new WordPressItem
        {
            PostId = postId,
            Type = Child(item, "post_type"),
            Status = Child(item, "status"),
            Title = (string?)item.Element("title") ?? "",
            Link = ((string?)item.Element("link") ?? "").Trim(),
            Guid = ((string?)item.Element("guid") ?? "").Trim(),
            Creator = item.Elements().FirstOrDefault(e => e.Name.LocalName == "creator")?.Value ?? "",
            Content = item.Elements().FirstOrDefault(e => e.Name.LocalName == "encoded" && e.Name.NamespaceName == ContentNamespace)?.Value ?? "",
            Excerpt = item.Elements().FirstOrDefault(e => e.Name.LocalName == "encoded" && e.Name.NamespaceName.Contains("/excerpt/", StringComparison.Ordinal))?.Value ?? "",
            Name = Child(item, "post_name"),
            Password = Child(item, "post_password"),
            AttachmentUrl = Child(item, "attachment_url"),
            ParentId = long.TryParse(Child(item, "post_parent"), NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : 0,
            MenuOrder = int.TryParse(Child(item, "menu_order"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order) ? order : 0,
            DateGmt = Date(Child(item, "post_date_gmt")),
            ModifiedGmt = Date(Child(item, "post_modified_gmt")),
            LocalDate = Date(Child(item, "post_date")),
            Terms = item.Elements("category").Select(c => new WordPressTerm((string?)c.Attribute("domain") ?? "", (string?)c.Attribute("nicename") ?? "", c.Value.Trim())).ToList(),
            Meta = meta,
        };
    }

    static bool IsWp(XElement e) => e.Name.NamespaceName.StartsWith(ExportNamespace, StringComparison.Ordinal);

    static string Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName && IsWp(e))?.Value.Trim() ?? "";

    // "2024-03-12 08:30:00"; WordPress writes 0000-00-00 00:00:00 for "not yet".
    static DateTime? Date(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date : null;
}

// The import cannot go ahead (a bad file, a missing option); the message says why, in Ukrainian.
public class ImportRefused(string message) : Exception(message);
