using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Documents;

// One document of the register: its particulars, the signed files, the text version, and the
// documents it amends or cancels and those that amend or cancel it (public ones only). Also
// /preview/document/{token}, the editor's link to one not yet published (Previews).
public class DocumentModel(VisnykDb db, TimeProvider clock, Previews previews, SiteChrome chrome) : PageModel
{
    public Article Document { get; private set; } = null!;
    public IReadOnlyList<(RelationKind Kind, bool Outgoing, DocumentListItem Other)> Related { get; private set; } = [];
    public string CanonicalUrl { get; private set; } = "";
    public bool IsPreview { get; private set; }
    // The preview link's token: its files are linked through it (DocumentFiles.PreviewPath).
    public string? PreviewToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int documentId;
        string? slug = null;
        if (RouteData.Values["token"] is string token)
        {
            if (await previews.ArticleOfAsync(token, db.Documents, ct) is not { } previewed)
            {
                return NotFound();
            }
            (documentId, IsPreview, PreviewToken) = (previewed, true, token);
        }
        else if (ArticleKey.TryParse(key, out var given, out slug))
        {
            documentId = given;
        }
        else
        {
            return NotFound();
        }
        if (await DocumentPage.LoadAsync(db, chrome, documentId, now, IsPreview, ct) is not { } data)
        {
            return NotFound();
        }
        var document = data.Document;
        if (!IsPreview && slug != document.Slug)
        {
            return RedirectPermanent(document.Path);
        }
        (Document, Related) = (document, data.Related);
        CanonicalUrl = PublicUrl.For(HttpContext, document.Path);
        if (IsPreview)
        {
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            HttpContext.Tag(CacheTags.Documents, CacheTags.Article(documentId));
            HttpContext.Shows([(documentId, document.UpdatedAt)]);
        }
        return Page();
    }
}
