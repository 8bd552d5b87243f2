using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using System.Xml;
using System.Xml.Linq;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

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
// renamed over it, so a server reading the folder never sees half a page; an address the site no
// longer has (404, 410) loses its file. `written` collects the files written (MirrorSync prunes
// the others after a full pass). An export stops at the first failure (a mirror with holes is no
// mirror); with `keepGoing` a failed address keeps its old file and the rest goes on (Failed).
public sealed class MirrorCrawl(HttpClient http, Uri origin, Uri publicUrl, string root, string notice,
    bool follow = true, int workers = 4, ConcurrentDictionary<string, byte>? written = null, bool keepGoing = false)
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
        if (seen.TryAdd(address, 0))
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
    byte[] Page(byte[] body, string address, string file)
    {
        var document = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(body));
        var page = new Uri(origin, address);
        foreach (var element in document.All)
        {
            foreach (var name in (string[])["href", "src", "action", "poster"])
            {
                if (element.GetAttribute(name) is { } value)
                {
                    element.SetAttribute(name, Rewrite(value, page, file));
                }
            }
            if (element.GetAttribute("srcset") is { } srcset)
            {
                // "a.jpg 480w, b.jpg 960w": each candidate's address, its descriptor kept.
                element.SetAttribute("srcset", string.Join(", ", srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(candidate => candidate.Split(' ', 2) is [var url, var descriptor] ? Rewrite(url, page, file) + " " + descriptor : Rewrite(candidate, page, file))));
            }
        }
        // First in <main>, where the skip link lands: a reader (or a screen reader) meets it before the content.
        if (document.QuerySelector("main") is { } main)
        {
            var note = document.CreateElement("p");
            note.ClassName = "preview-notice mirror-notice";
            note.SetAttribute("role", "note");
            note.TextContent = notice;
            main.Prepend(note);
        }
        return Encoding.UTF8.GetBytes(document.ToHtml());
    }

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
        var beside = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(beside, body, ct);
            File.Move(beside, full, overwrite: true);
        }
        finally
        {
            File.Delete(beside);
        }
        written?.TryAdd(file, 0);
        Interlocked.Increment(ref files);
        Interlocked.Add(ref bytes, body.Length);
    }
}
