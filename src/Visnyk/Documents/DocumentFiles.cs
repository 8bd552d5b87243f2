using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Documents;

// The signed files: /documents/files/{key}.{ext} while their document is public, and the same under
// /admin for the newsroom (its cookie is sent to /admin only) whatever the document's state. A
// plain PDF opens in the browser; anything else is an attachment, sandboxed should a browser
// render it anyway. Named by their content, they are never stale under their address.
public static class DocumentFiles
{
    const string Route = "/documents/files/{key:regex(^[0-9a-f]{{64}}$)}.{ext:regex(^(pdf|docx|odt)$)}";

    public static void MapDocumentFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (string key, string ext, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
            SendAsync(key, ext, http, db, clock.GetUtcNow().UtcDateTime, onlyPublic: true, ct)).AlsoHead();
        app.MapGet("/admin" + Route, (string key, string ext, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
            SendAsync(key, ext, http, db, clock.GetUtcNow().UtcDateTime, onlyPublic: false, ct)).RequireAuthorization(AccountsSetup.NewsroomPolicy).AlsoHead();
    }

    static async Task<IResult> SendAsync(string key, string ext, HttpContext http, VisnykDb db, DateTime now, bool onlyPublic, CancellationToken ct)
    {
        var documents = db.Documents;
        var file = await db.SignedFiles.AsNoTracking()
            .Where(f => f.Key == key && (!onlyPublic || documents.Any(d => d.Id == f.ArticleId && d.Status == ArticleStatus.Published && d.PublishedAt <= now)))
            .OrderBy(f => f.Id).FirstOrDefaultAsync(ct);
        if (file is null || file.Extension != ext)
        {
            return Results.NotFound();
        }
        var data = await db.FileContents.Where(c => c.Key == key).Select(c => c.Data).FirstOrDefaultAsync(ct);
        if (data is null)
        {
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        var disposition = new ContentDispositionHeaderValue(file.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        if (!file.Inline)
        {
            SecurityHeaders.UsePolicy(http, "sandbox; default-src 'none'");
        }
        // The newsroom's copy is private; a public one may be kept a while (withdrawn, it goes within minutes).
        headers.CacheControl = onlyPublic ? "public, max-age=300" : "private, no-store";
        return Results.Bytes(data, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{key}\""), enableRangeProcessing: true);
    }
}
