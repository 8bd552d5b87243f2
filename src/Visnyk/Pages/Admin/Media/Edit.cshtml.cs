using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Media;

// A library picture's description (alt text), caption and credit: the text each new use of it starts
// from. Articles keep their own text for the photo (Article.SetLead, SetGallery), so saving here
// changes no article unless asked, and then only those this user may change (Desk.CanChange);
// the others are listed and the refusal is audited.
public class EditModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, LatestNews latest) : PageModel
{
    [BindProperty, Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoAltRequired)), MaxLength(PhotoText.MaxAlt)]
    public string Alt { get; set; } = "";

    [BindProperty, MaxLength(PhotoText.MaxCaption)]
    public string? Caption { get; set; }

    [BindProperty, MaxLength(PhotoText.MaxCredit)]
    public string? Credit { get; set; }

    // Also put the new text on the articles that show this photo (those this user may change).
    [BindProperty]
    public bool ApplyToArticles { get; set; }

    public Visnyk.Media.Image Image { get; private set; } = null!;
    public IReadOnlyList<(Article Article, bool MayChange)> Uses { get; private set; } = [];
    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        (Alt, Caption, Credit) = (Image.Alt, Image.Caption, Image.Credit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var text = PhotoText.Typed(Alt, Caption ?? "", Credit ?? "");
        var changes = new List<string>();
        void Set(string name, string before, string after, Action<string> apply)
        {
            if (before != after)
            {
                changes.Add($"{name}: «{before}» → «{after}»");
                apply(after);
            }
        }
        Set(AdminText.Description, Image.Alt, text.Alt!, v => Image.Alt = v);
        Set(AdminText.PhotoCaption, Image.Caption, text.Caption!, v => Image.Caption = v);
        Set(AdminText.PhotoCredit, Image.Credit, text.Credit!, v => Image.Credit = v);
        if (changes.Count > 0)
        {
            audit.Record(AuditActions.ImageChanged, $"image:{id}", string.Join("\n", changes));
        }

        var applied = new List<Article>();
        if (ApplyToArticles)
        {
            foreach (var (article, mayChange) in Uses)
            {
                if (!mayChange)
                {
                    continue;
                }
                var before = PhotoTexts(article);
                if (article.LeadImageId == id)
                {
                    article.SetLead(Image, text);
                }
                article.SetGallery(article.Gallery.OrderBy(g => g.Position).Select(g => (g.Image, g.ImageId == id ? text : PhotoText.Keep)).ToList());
                if (before != PhotoTexts(article))
                {
                    applied.Add(article);
                    audit.Record(AuditActions.ArticleSaved, AuditActions.Article(article.Id), string.Format(AdminText.AuditPhotoTextApplied, id, text.Alt, text.Caption, text.Credit));
                }
            }
            var refused = Uses.Where(u => !u.MayChange).Select(u => u.Article.Id).ToList();
            if (refused.Count > 0)
            {
                audit.Record(AuditActions.Denied, $"image:{id}", string.Format(AdminText.AuditPhotoTextRefused, string.Join(", ", refused.Select(a => $"№{a}"))));
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var article in applied)
        {
            await cache.EvictAsync(db.SiteId, CacheTags.Article(article.Id), ct);
        }
        if (applied.Count > 0)
        {
            latest.Invalidate();
        }
        var skipped = ApplyToArticles ? Uses.Count(u => !u.MayChange) : 0;
        Message = AdminText.Saved + (applied.Count > 0 ? " " + string.Format(AdminText.PhotoTextApplied, applied.Count) : "")
            + (skipped > 0 ? " " + string.Format(AdminText.PhotoTextSkipped, skipped) : "");
        return RedirectToPage(new { id });
    }

    // Everything readers see of an article's photo text, to tell whether applying changed it.
    static string PhotoTexts(Article a) =>
        string.Join("|", a.Gallery.OrderBy(g => g.Position).Select(g => $"{g.Alt}|{g.Caption}|{g.Credit}").Prepend($"{a.LeadAlt}|{a.LeadCaption}|{a.LeadCredit}"));

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Images.FindAsync([id], ct) is not { } image)
        {
            return false;
        }
        Image = image;
        var desk = await Desk.ForAsync(User, db, (await chrome.GetAsync(ct)).Settings.EditorsMayPublish, ct);
        var articles = await db.Publications.Where(a => a.LeadImageId == id || a.Gallery.Any(g => g.ImageId == id))
            .Include(a => a.Departments).Include(a => a.LeadImage).Include(a => a.Gallery).ThenInclude(g => g.Image)
            .OrderByDescending(a => a.Id).Take(200).AsSplitQuery().ToListAsync(ct);
        Uses = articles.Select(a => (a, desk.CanChange(a))).ToList();
        return true;
    }
}
