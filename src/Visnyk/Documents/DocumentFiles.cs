using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Documents;

// The signed files: /documents/files/{id}-{key}.{ext} while their own document is public, and the
// same under /admin for the newsroom (its cookie is sent to /admin only) whatever the document's
// state, to those who may edit it, and under a preview link (/preview/document/{token}/files/…)
// for the one document that link shows. A
// plain PDF opens in the browser; anything else is an attachment, sandboxed should a browser
// render it anyway. Named by their content, they are never stale under their address.
public static class DocumentFiles
{
    const string Route = "/documents/files/{id:int}-{key:regex(^[0-9a-f]{{64}}$)}.{ext:regex(^(pdf|docx|odt)$)}";

    public static void MapDocumentFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (int id, string key, string ext, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
            SendAsync(id, key, ext, http, db, clock.GetUtcNow().UtcDateTime, Reader.Public, ct)).AlsoHead();
        app.MapGet("/admin" + Route, (int id, string key, string ext, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
            SendAsync(id, key, ext, http, db, clock.GetUtcNow().UtcDateTime, Reader.Newsroom, ct)).RequireAuthorization(AccountsSetup.NewsroomPolicy).AddEndpointFilter<TwoFactorGate>().AlsoHead();
        app.MapGet(PreviewPrefix + "{token}" + Route, (string token, int id, string key, string ext, HttpContext http, VisnykDb db, TimeProvider clock, CancellationToken ct) =>
            SendAsync(id, key, ext, http, db, clock.GetUtcNow().UtcDateTime, Reader.Preview, ct, token)).AlsoHead();
    }

    const string PreviewPrefix = "/preview/document/";

    // A file's address as the preview of its document links it.
    public static string PreviewPath(string token, SignedFile file) => PreviewPrefix + Uri.EscapeDataString(token) + file.Path;

    enum Reader
    {
        Public,
        Newsroom,
        Preview,
    }

    static async Task<IResult> SendAsync(int id, string key, string ext, HttpContext http, VisnykDb db, DateTime now, Reader reader, CancellationToken ct, string? token = null)
    {
        var onlyPublic = reader == Reader.Public;
        var documents = db.Documents;
        var file = await db.SignedFiles.AsNoTracking()
            .Where(f => f.Id == id && f.Key == key && (!onlyPublic || documents.Any(d => d.Id == f.ArticleId && d.Status == ArticleStatus.Published && d.PublishedAt <= now)))
            .FirstOrDefaultAsync(ct);
        if (file is null || file.Extension != ext)
        {
            return Results.NotFound();
        }
        if (reader == Reader.Preview)
        {
            // The link's own document, while the link is valid; nothing else through it.
            if (await http.RequestServices.GetRequiredService<Newsroom.Previews>().ArticleOfAsync(token!, documents, ct) != file.ArticleId)
            {
                return Results.NotFound();
            }
        }
        else if (reader == Reader.Newsroom)
        {
            // Another department's draft is theirs: as its editor is.
            var settings = await http.RequestServices.GetRequiredService<SiteChrome>().GetAsync(ct);
            var desk = await Newsroom.Desk.ForAsync(http.User, db, settings.Settings.EditorsMayPublish, ct);
            var departments = await documents.Where(d => d.Id == file.ArticleId).Select(d => d.Departments.Select(x => x.Id).ToList()).FirstAsync(ct);
            if (!desk.CanEdit(departments))
            {
                return Results.NotFound();
            }
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
        // The newsroom's and a preview's copies are private; a public one may be kept a while (withdrawn, it goes within minutes).
        headers.CacheControl = onlyPublic ? "public, max-age=300" : "private, no-store";
        return Results.Bytes(data, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{key}\""), enableRangeProcessing: true);
    }
}
