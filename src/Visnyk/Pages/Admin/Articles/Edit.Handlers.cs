using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Visnyk.Audit;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Articles;

// The page's handlers that leave the article's state alone: autosave and revoking preview links.
public partial class EditModel
{
    // The form as typed so far, kept as this user's autosave of the article (every few seconds
    // from the page's script). The article itself does not change.
    public async Task<IActionResult> OnPostAutosaveAsync(int id, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        var article = await db.Publications.Include(a => a.Departments).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }
        if (!Desk.CanEdit(article.Departments.Select(d => d.Id)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var autosave = await db.Revisions.FirstOrDefaultAsync(r => r.ArticleId == id && r.IsAutosave && r.UserId == Desk.UserId, ct);
        if (autosave is null)
        {
            autosave = new ArticleRevision { ArticleId = id, IsAutosave = true, UserId = Desk.UserId, UserName = User.Identity?.Name ?? "", Action = "autosave" };
            db.Revisions.Add(autosave);
        }
        autosave.SavedAt = clock.GetUtcNow().UtcDateTime;
        autosave.Title = Clip(Form.Title, 300);
        autosave.Slug = Clip(Form.Slug, 100);
        autosave.Summary = Clip(Form.Summary, 1000);
        autosave.Body = BodySanitizer.Clean(Form.Body);
        await db.SaveChangesAsync(ct);
        return new JsonResult(new { savedAt = KyivTime.ToKyiv(autosave.SavedAt).ToString("HH:mm:ss") });
    }

    // Every preview link sent so far stops working; the page shows a new one.
    public async Task<IActionResult> OnPostRevokePreviewAsync(int id, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        var article = await db.Publications.Include(a => a.Departments).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }
        if (!Desk.CanEdit(article.Departments.Select(d => d.Id)))
        {
            return await DeniedAsync(id, AdminText.AuditNotYourDepartment, ct);
        }
        article.RevokePreviews();
        audit.Record(AuditActions.PreviewRevoked, AuditActions.Article(id), string.Format(AdminText.AuditPreviewsRevoked, article.PreviewVersion));
        await db.SaveChangesAsync(ct);
        Message = AdminText.PreviewsRevoked;
        return Redirect(PathOf(article));
    }

    static string Clip(string? text, int max) => (text ?? "").Length > max ? text![..max] : text ?? "";
}
