using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using System.Xml;
using System.Xml.Linq;
using System.Text.RegularExpressions;

namespace Visnyk.Mirror;

// A failure that stops the export, said in Ukrainian for the operator.
public sealed class MirrorFailure(string message) : Exception(message);

// Crawls the site running at `origin` (loopback) from its home page, sitemaps and feeds, a few
// requests at a time, and writes what it finds under `root` as static files whose links are
// relative, so the copy works from disk (file://) and under any prefix on a CDN.
// `publicUrl` is the live site: absolute links to it (canonical, share links, feeds, sitemaps)
// are followed to find pages but kept as they are, and links the mirror cannot answer go there.
// With `follow` off only the addresses given (and where they redirect) are fetched: the mirror's
// own refresh of what changed (MirrorSync). Each file is written whole beside its place and then
// renamed over it, so a server reading the folder never sees half a page (with `replacing` off, as
// an export into a folder of its own, straight in its place); an address the site no
// longer has (404, 410) loses its file. `written` collects the files written (MirrorSync prunes
// the others after a full pass). An export stops at the first failure (a mirror with holes is no
// mirror); with `keepGoing` a failed address keeps its old file and the rest goes on (Failed).
public sealed partial class MirrorCrawl(HttpClient http, Uri origin, Uri publicUrl, string root, string notice,
    bool follow = true, int workers = 4, ConcurrentDictionary<string, byte>? written = null, bool keepGoing = false, bool replacing = true)
{
    readonly ConcurrentQueue<string> failures = new();
    readonly ConcurrentDictionary<string, byte> seen = new();
    readonly Channel<string> queue = Channel.CreateUnbounded<string>();
    readonly ConcurrentQueue<string> missing = new();
    int pending;
    int done;
    int pages;
    int files;
    long bytes;

    public int Pages => pages;
    public int Files => files;
    public long Bytes => bytes;
    // Addresses the site links to but answers 404 or 410 for: kept out of the mirror, reported.
    public IReadOnlyCollection<string> Missing => missing;
    // With keepGoing: what could not be fetched ("/news/12-x: 503"), its file left as it was.
    public IReadOnlyCollection<string> Failed => failures;

    public async Task RunAsync(IEnumerable<string> seeds, Action<int, int> progress, CancellationToken ct)
    {
        foreach (var seed in seeds)
        {
            Enqueue(seed);
        }
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Exception? first = null;
        var running = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var address in queue.Reader.ReadAllAsync(failed.Token))
                {
                    try
                    {
                        await FetchAsync(address, failed.Token);
                    }
                    catch (MirrorFailure e) when (keepGoing)
                    {
                        failures.Enqueue($"{address}: {e.Message}");
                        written?.TryAdd(MirrorPaths.FileFor(address)!, 0); // kept: not a file to prune
                    }
                    progress(Interlocked.Increment(ref done), seen.Count);
                    if (Interlocked.Decrement(ref pending) == 0)
                    {
                        queue.Writer.TryComplete(); // nothing queued and nothing in hand: all found
                    }
                }
            }
            catch (Exception e)
            {
                // The first failure stops every worker; theirs (cancelled requests) are not the cause.
                if (!(e is OperationCanceledException && failed.IsCancellationRequested))
                {
                    Interlocked.CompareExchange(ref first, e, null);
                    failed.Cancel();
                }
            }
        })).ToList();
        await Task.WhenAll(running);
        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        ct.ThrowIfCancellationRequested();
    }

    void Enqueue(string address)
    {
        // Looked up first: a page links to the menu's and the latest news's addresses again and
        // again, and TryAdd takes a lock even for an address already there.
        if (!seen.ContainsKey(address) && seen.TryAdd(address, 0))
        {
            Interlocked.Increment(ref pending);
            queue.Writer.TryWrite(address);
        }
    }

    async Task FetchAsync(string address, CancellationToken ct)
    {
        var file = MirrorPaths.FileFor(address)!;
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new MirrorFailure($"сайт не відповів на {address} ({e.Message})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new MirrorFailure($"сайт не відповів на {address} за {http.Timeout.TotalSeconds:F0} с");
        }
        using var _ = response;
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            // An old address (a renamed article): keep a page that sends readers on, and fetch the target.
            if (SiteAddress(new Uri(new Uri(origin, address), location)) is { } target && MirrorPaths.FileFor(target) is { } targetFile)
            {
                Enqueue(target);
                if (file.EndsWith("index.html", StringComparison.Ordinal))
                {
                    var link = System.Net.WebUtility.HtmlEncode(MirrorPaths.Link(file, targetFile));
                    await WriteAsync(file, Encoding.UTF8.GetBytes(
                        $"<!DOCTYPE html><html lang=\"uk\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={link}\"><title>→</title></head><body><p><a href=\"{link}\">{link}</a></p></body></html>"), ct);
                }
            }
            return;
        }
        var expected = address == "/error/404" ? 404 : 200;
        if (status != expected && status is 404 or 410)
        {
            missing.Enqueue(address);
            // Gone from the site (withdrawn, deleted): gone from the mirror too.
            if (File.Exists(Path.Combine(root, file)))
            {
                File.Delete(Path.Combine(root, file));
            }
            return;
        }
        if (status != expected)
        {
            throw new MirrorFailure($"сайт відповів {status} на {address}");
        }
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type == "text/html")
        {
            body = Page(body, address, file);
            Interlocked.Increment(ref pages);
            // Department and tag feeds are linked from no page; they go with their pages.
            if (follow && address.StartsWith("/departments/", StringComparison.Ordinal) || address.StartsWith("/tags/", StringComparison.Ordinal))
            {
                if (!address.Contains('?'))
                {
                    Enqueue("/feeds" + address + ".rss");
                    Enqueue("/feeds" + address + ".atom");
                }
            }
        }
        else if (follow && type.Contains("xml", StringComparison.Ordinal))
        {
            DiscoverInXml(body);
        }
        await WriteAsync(file, body, ct);
    }

    // The page with its links made relative (and queued), a notice that it is a copy, as UTF-8.
    // The pages are the site's own HTML (Razor's, and article bodies the sanitizer wrote again):
    // every attribute value quoted, `<` in text written as an entity. So the start tags are found
    // in the text as written and only their links change: the rest of the page stays byte for
    // byte (parsing the whole page into a tree and writing it out again was ~11% of an export's
    // profile).
    byte[] Page(byte[] body, string address, string file)
    {
        var html = Encoding.UTF8.GetString(body);
        var page = new Uri(origin, address);
        html = StartTags().Replace(html, tag => Links().Replace(tag.Value, link =>
        {
            var name = link.Groups["name"].Value;
            var value = System.Net.WebUtility.HtmlDecode(link.Groups["value"].Value);
            // "a.jpg 480w, b.jpg 960w": each candidate's address, its descriptor kept.
            var rewritten = name == "srcset"
                ? string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(candidate => candidate.Split(' ', 2) is [var url, var descriptor] ? Rewrite(url, page, file) + " " + descriptor : Rewrite(candidate, page, file)))
                : Rewrite(value, page, file);
            return rewritten == value ? link.Value : $"{link.Groups["before"].Value}{name}=\"{System.Net.WebUtility.HtmlEncode(rewritten)}\"";
        }));
        // First in <main>, where the skip link lands: a reader (or a screen reader) meets it before the content.
        if (MainStart().Match(html) is { Success: true } main)
        {
            var at = main.Index + main.Length;
            html = string.Concat(html.AsSpan(0, at), $"<p class=\"preview-notice mirror-notice\" role=\"note\">{System.Net.WebUtility.HtmlEncode(notice)}</p>", html.AsSpan(at));
        }
        return Encoding.UTF8.GetBytes(html);
    }

    // A start tag, its attributes' values quoted or not (a `>` inside quotes does not end it). The
    // text between tags is left alone: a `<` in it is an entity.
    [GeneratedRegex(@"<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s""'>/=]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'>]+))?)*\s*/?>", RegexOptions.CultureInvariant)]
    private static partial Regex StartTags();

    // A link-bearing attribute of a start tag: name="value" after a space.
    [GeneratedRegex(@"(?<before>\s)(?<name>href|src|action|poster|srcset)=""(?<value>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex Links();

    [GeneratedRegex(@"<main\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex MainStart();

    string Rewrite(string value, Uri page, string file)
    {
        var text = value.Trim();
        if (text.Length == 0 || text.StartsWith('#') || !Uri.TryCreate(page, text, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return value; // in-page anchors, mailto:, tel:
        }
        if (SiteAddress(uri) is not { } address)
        {
            return value; // another site
        }
        if (uri.Authority != origin.Authority)
        {
            // An absolute link to the live site (canonical, share, copy link) stays so; it may still name a page.
            if (follow && MirrorPaths.FileFor(address) is not null)
            {
                Enqueue(address);
            }
            return value;
        }
        if (MirrorPaths.FileFor(address) is not { } target)
        {
            return publicUrl.GetLeftPart(UriPartial.Authority) + publicUrl.AbsolutePath.TrimEnd('/') + uri.PathAndQuery + uri.Fragment;
        }
        if (follow)
        {
            Enqueue(address);
        }
        return MirrorPaths.Link(file, target) + uri.Fragment;
    }

    // Sitemaps' <loc>, feeds' links and enclosures: absolute addresses of the live site.
    void DiscoverInXml(byte[] body)
    {
        XDocument xml;
        try
        {
            xml = XDocument.Load(new MemoryStream(body));
        }
        catch (XmlException)
        {
            return;
        }
        foreach (var element in xml.Descendants())
        {
            var name = element.Name.LocalName;
            var candidates = name switch
            {
                "loc" => [element.Value],
                "link" when !element.HasElements => [element.Value, element.Attribute("href")?.Value],
                "enclosure" => [element.Attribute("url")?.Value],
                _ => Array.Empty<string?>(),
            };
            foreach (var candidate in candidates)
            {
                if (Uri.TryCreate(candidate?.Trim(), UriKind.Absolute, out var uri) && SiteAddress(uri) is { } address && MirrorPaths.FileFor(address) is not null)
                {
                    Enqueue(address);
                }
            }
        }
    }

    // "/news?page=2" for an absolute address on the loopback site or the live one; null for others.
    string? SiteAddress(Uri uri)
    {
        string path;
        if (uri.Scheme == origin.Scheme && uri.Authority == origin.Authority)
        {
            path = uri.AbsolutePath;
        }
        else if (uri.Scheme == publicUrl.Scheme && uri.Authority == publicUrl.Authority
            && uri.AbsolutePath.StartsWith(publicUrl.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            path = uri.AbsolutePath[publicUrl.AbsolutePath.TrimEnd('/').Length..];
        }
        else
        {
            return null;
        }
        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }
        var query = uri.Query.TrimStart('?');
        // The first page of a list is the list itself.
        return query.Length == 0 || query == "page=1" ? path : path + "?" + query;
    }

    async Task WriteAsync(string file, byte[] body, CancellationToken ct)
    {
        var full = Path.Combine(root, file);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        if (!replacing)
        {
            await File.WriteAllBytesAsync(full, body, ct); // a folder nobody reads yet (an export's)
        }
        else
        {
            var beside = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}");
            try
            {
                await File.WriteAllBytesAsync(beside, body, ct);
                File.Move(beside, full, overwrite: true);
            }
            catch
            {
                File.Delete(beside);
                throw;
            }
        }
        written?.TryAdd(file, 0);
        Interlocked.Increment(ref files);
        Interlocked.Add(ref bytes, body.Length);
    }
}
