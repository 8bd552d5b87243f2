using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Articles;

// Every saved version of an article, the difference between any two, and a way back to one.
public class HistoryModel(VisnykDb db, SiteChrome chrome, AuditLog audit, Publishing publishing) : PageModel
{
    public Article Article { get; private set; } = null!;
    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];
    public ArticleRevision? Older { get; private set; }
    public ArticleRevision? Newer { get; private set; }
    public IReadOnlyList<RevisionDiff.Field> Diff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, long? a, long? b, CancellationToken ct)
    {
        var article = await db.Publications.AsNoTracking().Include(x => x.Departments).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }
        var desk = await Desk.ForAsync(User, db, (await chrome.GetAsync(ct)).Settings.EditorsMayPublish, ct);
        if (!desk.CanEdit(article.Departments.Select(d => d.Id)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Article = article;
        Revisions = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Id).ToListAsync(ct);
        if (a is not null && b is not null)
        {
            Older = Revisions.FirstOrDefault(r => r.Id == Math.Min(a.Value, b.Value));
            Newer = Revisions.FirstOrDefault(r => r.Id == Math.Max(a.Value, b.Value));
            if (Older is not null && Newer is not null)
            {
                Diff = RevisionDiff.Compare(Older, Newer);
            }
        }
        return Page();
    }

    [TempData]
    public string? Message { get; set; }

    // Puts an earlier revision's text back as a new save (the current text stays in the history).
    public async Task<IActionResult> OnPostRestoreAsync(int id, long revision, CancellationToken ct)
    {
        var article = await db.Publications.Include(a => a.Departments).Include(a => a.Tags).Include(a => a.Gallery).Include(a => a.PinnedRelated)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);
        var copy = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revision && r.ArticleId == id, ct);
        if (article is null || copy is null)
        {
            return NotFound();
        }
        var desk = await Desk.ForAsync(User, db, (await chrome.GetAsync(ct)).Settings.EditorsMayPublish, ct);
        if (await publishing.RestoreAsync(article, copy, new Actor(desk, User.Identity?.Name), ct) is not Outcome.Done)
        {
            await audit.WriteAsync(AuditActions.Denied, AuditActions.Article(id), AdminText.AuditRestoreVersion, ct: ct);
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Message = string.Format(AdminText.HistoryRestored, copy.Id);
        return Redirect(EditModel.PathOf(article));
    }
}
