using System.Globalization;

namespace Visnyk.Mirror;

// Where each address of the site goes in the mirror, and the relative links between its files.
public static class MirrorPaths
{
    // Only the live site can answer these: forms (search, news filter, sign-up, problem reports), personal links,
    // the back office, health and metrics. Links and form actions that lead here point to the
    // live site's absolute address rather than being removed: the page keeps its layout, and they
    // work again as soon as the site does (the mirror is served while the origin is unreachable
    // or overloaded). The quick sign-up form carries no antiforgery token, so it posts there as is.
    static readonly string[] LiveOnly = ["/search", "/subscribe", "/unsubscribe", "/feedback", "/admin", "/preview", "/feeds/search", "/metrics", "/healthz", "/readyz", "/api", "/error"];

    // Addresses kept under a name of our choosing; the 404 page is what static hosts serve for a miss.
    public static readonly IReadOnlyDictionary<string, string> Named = new Dictionary<string, string>
    {
        ["/error/404"] = "404.html",
        ["/api/v1/departments"] = "api/v1/departments.json",
        ["/api/v1/tags"] = "api/v1/tags.json",
        ["/api/v1/news?pageSize=100"] = "api/v1/news.json",
        ["/api/v1/notice"] = "api/v1/notice.json",
    };

    // Where a crawl of the whole site starts: what tells of an emergency first (a refresh after a
    // notice writes these before the rest), then the home page, the lists, the maps and feeds.
    public static readonly IReadOnlyList<string> Seeds =
        ["/api/v1/notice", "/feeds/notices.atom", "/", "/news", "/sitemap", "/sitemap.xml", "/robots.txt", "/feeds/news.rss", "/feeds/news.atom", .. Named.Keys];

    // Addresses with these endings are files (assets, media, feeds); any other is a page.
    static readonly HashSet<string> FileEndings = [".css", ".js", ".svg", ".ico", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif",
        ".xml", ".rss", ".atom", ".txt", ".json", ".webmanifest", ".pdf", ".docx", ".odt", ".woff2", ".map"];

    // The file an address of the site is kept in, or null when only the live site can answer it.
    // A page becomes a folder with index.html (/news/12-slug → news/12-slug/index.html) and a
    // list's page N (/news?page=2) becomes page/N/index.html under the list.
    public static string? FileFor(string address)
    {
        if (Named.TryGetValue(address, out var named))
        {
            return named;
        }
        var mark = address.IndexOf('?');
        var path = mark < 0 ? address : address[..mark];
        var query = mark < 0 ? "" : address[(mark + 1)..];
        // The same in every language: /en/search is as live as /search.
        var bare = Site.SiteLanguage.All.FirstOrDefault(l => !l.IsDefault && (path == l.Prefix || path.StartsWith(l.Prefix + "/", StringComparison.Ordinal))) is { } other
            ? path[other.Prefix.Length..] : path;
        if (LiveOnly.Any(p => bare == p || bare.StartsWith(p + "/", StringComparison.Ordinal) || bare.StartsWith(p + ".", StringComparison.Ordinal)))
        {
            return null;
        }
        var page = 1;
        if (query.Length > 0 && (!query.StartsWith("page=", StringComparison.Ordinal)
            || !int.TryParse(query[5..], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return null; // filters, searches: any combination is possible, so they stay live
        }
        var relative = Uri.UnescapeDataString(path).Trim('/');
        if (relative.Split('/').Any(s => s is "." or ".." || s.Contains('\\') || s.Contains('\0')))
        {
            return null;
        }
        if (FileEndings.Contains(Path.GetExtension(relative).ToLowerInvariant()))
        {
            return query.Length == 0 ? relative : null;
        }
        return (relative.Length == 0 ? "" : relative + "/") + (page > 1 ? $"page/{page}/" : "") + "index.html";
    }

    // The address a file of the mirror was written for: FileFor's inverse ("news/page/2/index.html" → "/news?page=2").
    public static string AddressOf(string file)
    {
        file = file.Replace('\\', '/');
        if (Named.FirstOrDefault(n => n.Value == file) is { Key: { } named })
        {
            return named;
        }
        if (!file.EndsWith("index.html", StringComparison.Ordinal))
        {
            return "/" + file;
        }
        var folder = file[..^"index.html".Length].TrimEnd('/');
        var page = 1;
        var mark = folder.LastIndexOf("page/", StringComparison.Ordinal);
        if (mark >= 0 && (mark == 0 || folder[mark - 1] == '/') && int.TryParse(folder[(mark + 5)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            page = n;
            folder = folder[..mark].TrimEnd('/');
        }
        var path = "/" + string.Join('/', folder.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString));
        return page > 1 ? $"{path}?page={page}" : path;
    }

    // The link from one mirror file to another: "../../index.html".
    public static string Link(string fromFile, string toFile)
    {
        var fromFolder = Path.GetDirectoryName("/m/" + fromFile)!;
        var relative = Path.GetRelativePath(fromFolder, "/m/" + toFile).Replace('\\', '/');
        return string.Join('/', relative.Split('/').Select(s => s == ".." ? s : Uri.EscapeDataString(s)));
    }
}
