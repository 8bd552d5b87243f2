using System.Globalization;
using System.IO.Hashing;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace Visnyk.Caching;

// Gives rendered HTML pages (and feeds and sitemaps) an ETag (hash of the body) and a Last-Modified time (the newest
// change among what the page shows), and answers 304 when the client already has that version.
// Runs inside the output cache, which stores both headers and answers later 304s by itself.
public class ConditionalGet(RequestDelegate next)
{
    // The page is held whole until its hash is known, in pooled blocks: a growing MemoryStream
    // reallocated each page several times, a third of the bytes a cold article page allocated.
    // Small blocks (a page is tens of KB); at most 8 MB of free blocks kept between requests.
    static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 16 * 1024 * 1024,
    });

    public async Task InvokeAsync(HttpContext http)
    {
        if (!PublicPagePolicy.IsPage(http) || !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        var original = http.Response.Body;
        using var buffer = Buffers.GetStream(nameof(ConditionalGet));
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var response = http.Response;
        if (response.StatusCode == StatusCodes.Status200OK && IsPublicDocument(response.ContentType))
        {
            var etag = $"\"{Convert.ToHexStringLower(Hash(buffer))}\"";
            response.Headers.ETag = etag;
            if (http.LastModified() is { } modified)
            {
                response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
            }
            if (IsNotModified(http.Request, etag, http.LastModified()))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        if (buffer.Length == 0)
        {
            return; // nothing written: leave the response to the status-code pages
        }
        response.ContentLength ??= buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    static byte[] Hash(RecyclableMemoryStream buffer)
    {
        var hash = new XxHash128();
        foreach (var block in buffer.GetReadOnlySequence())
        {
            hash.Append(block.Span);
        }
        return hash.GetCurrentHash();
    }

    // Pages, and the feeds, sitemaps and open data machines poll.
    static bool IsPublicDocument(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));

    static bool IsNotModified(HttpRequest request, string etag, DateTime? lastModified)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
            return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag == etag);
        }
        var since = request.GetTypedHeaders().IfModifiedSince;
        // Last-Modified is sent in whole seconds, so compare in whole seconds.
        return since is not null && lastModified is not null
            && lastModified.Value.AddTicks(-(lastModified.Value.Ticks % TimeSpan.TicksPerSecond)) <= since.Value.UtcDateTime;
    }
}
