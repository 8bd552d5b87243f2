using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Media;

// A picture's description (alt text), caption and credit; the public pages showing it are refreshed.
public class EditModel(VisnykDb db, AuditLog audit, IOutputCacheStore cache, LatestNews latest) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Опишіть, що на фото: це прочитає програма зчитування екрана."), MaxLength(500)]
    public string Alt { get; set; } = "";

    [BindProperty, MaxLength(500)]
    public string? Caption { get; set; }

    [BindProperty, MaxLength(200)]
    public string? Credit { get; set; }

    public Visnyk.Media.Image Image { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var image = await db.Images.FindAsync([id], ct);
        if (image is null)
        {
            return NotFound();
        }
        Image = image;
        Alt = image.Alt;
        Caption = image.Caption;
        Credit = image.Credit;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var image = await db.Images.FindAsync([id], ct);
        if (image is null)
        {
            return NotFound();
        }
        Image = image;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var changes = new List<string>();
        void Set(string name, string before, string after, Action<string> apply)
        {
            if (before != after)
            {
                changes.Add($"{name}: «{before}» → «{after}»");
                apply(after);
            }
        }
        Set("Опис", image.Alt, Alt.Trim(), v => image.Alt = v);
        Set("Підпис", image.Caption, (Caption ?? "").Trim(), v => image.Caption = v);
        Set("Автор", image.Credit, (Credit ?? "").Trim(), v => image.Credit = v);
        if (changes.Count > 0)
        {
            audit.Record(AuditActions.ImageChanged, $"image:{id}", string.Join("\n", changes));
            await db.SaveChangesAsync(ct);
            // Pages of the articles that show it.
            var articles = await db.Articles.Where(a => a.LeadImageId == id || a.Gallery.Any(g => g.ImageId == id)).Select(a => a.Id).ToListAsync(ct);
            foreach (var article in articles)
            {
                await cache.EvictByTagAsync(CacheTags.Article(article), ct);
            }
            latest.Invalidate();
        }
        TempData["Message"] = "Збережено.";
        return RedirectToPage(new { id });
    }
}
