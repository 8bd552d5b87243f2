using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Pages;

// The site's pages as a tree, whatever their state: where each stands, its address, whether the
// main menu lists it, and below each its translations (which stand where it does).
// Pages are written in the news editor (/admin/pages/edit).
public class IndexModel(VisnykDb db, SiteChrome chrome) : PageModel
{
    public record Row(int Id, int? ParentId, string Title, string? Path, ArticleStatus Status, bool InMenu, bool InFooter, int Position, List<int> DepartmentIds, string Language, int? OriginalId)
    {
        public SiteLanguage Written => SiteLanguage.Of(Language);
        // The readers' address, the language's prefix included.
        public string? Address => Path is null ? null : Written.PathOf(Path);
    }

    // Every page in tree order with its depth; pages whose parent is gone (a broken copy) last, at the top level.
    public IReadOnlyList<(Row Page, int Depth)> Tree { get; private set; } = [];
    public Desk Desk { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var snapshot = await chrome.GetAsync(ct);
        Desk = await Desk.ForAsync(User, db, snapshot.Settings.EditorsMayPublish, ct);
        DepartmentNames = snapshot.Departments.ToDictionary(d => d.Id, d => d.Name);
        var rows = await db.SitePages.AsNoTracking().OrderBy(a => a.Position).ThenBy(a => a.Title)
            .Select(a => new Row(a.Id, a.ParentId, a.Title, a.PagePath, a.Status, a.InMenu, a.InFooter, a.Position, a.Departments.Select(d => d.Id).ToList(), a.Language, a.OriginalId))
            .ToListAsync(ct);
        var translations = rows.Where(r => r.OriginalId is not null).ToLookup(r => r.OriginalId);
        var originals = rows.Where(r => r.OriginalId is null).ToList();
        var tree = SitePages.PageTree.InOrder(originals, r => r.Id, r => r.ParentId)
            .SelectMany(t => translations[t.Row.Id].Select(r => (Row: r, Depth: t.Depth + 1)).Prepend(t)).ToList();
        var seen = tree.Select(t => t.Row.Id).ToHashSet();
        Tree = [.. tree, .. rows.Where(r => !seen.Contains(r.Id)).Select(r => (r, 0))];
    }
}
