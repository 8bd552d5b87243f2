using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Pages;

// The site's pages as a tree, whatever their state: where each stands, its address, whether the
// main menu lists it. Pages are written in the news editor (/admin/pages/edit).
public class IndexModel(VisnykDb db, SiteChrome chrome) : PageModel
{
    public record Row(int Id, int? ParentId, string Title, string? Path, ArticleStatus Status, bool InMenu, bool InFooter, int Position, List<int> DepartmentIds);

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
            .Select(a => new Row(a.Id, a.ParentId, a.Title, a.PagePath, a.Status, a.InMenu, a.InFooter, a.Position, a.Departments.Select(d => d.Id).ToList()))
            .ToListAsync(ct);
        var tree = SitePages.PageTree.InOrder(rows, r => r.Id, r => r.ParentId).ToList();
        var seen = tree.Select(t => t.Row.Id).ToHashSet();
        Tree = [.. tree, .. rows.Where(r => !seen.Contains(r.Id)).Select(r => (r, 0))];
    }
}
