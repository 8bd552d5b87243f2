using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.SitePages;

namespace Visnyk.Pages.Admin.Articles;

// The same editor writes the site's pages (SitePages): their place in the tree besides the text.
// A chief editor places any page; a department's editor only under a page of their own
// department, so that no other department's section changes, and never in the menu or footer.
public partial class EditModel
{
    // A page of the tree rather than news: by the article, or for a new one by the address it was
    // opened at (/admin/pages/edit) and then by the form.
    public bool ForPage => Article?.IsPage ?? (Form.IsPage || Request.Path.StartsWithSegments("/admin/pages"));

    // The editor's own address: written out, as the page has three routes (news, pages, documents) and a
    // generated link could take either.
    public string Self => Article is null ? (ForPage ? "/admin/pages/edit" : ForDocument ? "/admin/documents/edit" : "/admin/articles/edit") : PathOf(Article);

    public static string PathOf(Article article) => $"{Section(article.Kind)}/edit/{article.Id}";

    public static string Section(ArticleKind kind) => kind switch
    {
        ArticleKind.Page => "/admin/pages",
        ArticleKind.Document => "/admin/documents",
        _ => "/admin/articles",
    };

    // Where a page may be put: every page in tree order, with its depth, and whether this user may put one under it.
    public IReadOnlyList<(int Id, string Title, int Depth, bool Mine)> Parents { get; private set; } = [];

    async Task LoadParentsAsync(int? id, CancellationToken ct)
    {
        var language = Visnyk.Site.SiteLanguage.Default.Code;
        var pages = await db.SitePages.AsNoTracking().Where(a => a.OriginalId == null && a.Language == language).OrderBy(a => a.Position).ThenBy(a => a.Title)
            .Select(a => new { a.Id, a.ParentId, a.Title, a.Status, Departments = a.Departments.Select(d => d.Id).ToList() }).ToListAsync(ct);
        // Not the page itself, nor anything below it.
        Parents = PageTree.InOrder(pages, p => p.Id, p => p.ParentId, p => p.Id != id).Where(p => p.Depth <= PageTree.MaxDepth).Select(p =>
        {
            // Another department's unpublished page is theirs to show: its place only.
            var mine = Desk.CanEdit(p.Row.Departments);
            return (p.Row.Id, mine || p.Row.Status == ArticleStatus.Published ? p.Row.Title : AdminText.PageNotYours, p.Depth, mine);
        }).ToList();
    }

    // Puts the form's place on the page (as far as this user may) and says what stands in the way.
    // slugBefore: the page's slug before the form was applied.
    async Task PlacePageAsync(Article page, string slugBefore, CancellationToken ct)
    {
        page.Kind = ArticleKind.Page;
        if (page.OriginalId is { } original)
        {
            await PlaceTranslationAsync(page, original, slugBefore, ct);
            return;
        }
        var moves = Form.ParentId != page.ParentId || page.PagePath is not null && page.Slug != slugBefore;
        if (Desk.IsChief)
        {
            (page.ParentId, page.Position, page.InMenu, page.InFooter) = (Form.ParentId, Form.Position, Form.InMenu, Form.InFooter);
        }
        else
        {
            // The main menu's and the top level's addresses are the whole site's: a chief editor's to change.
            if (page.Slug != slugBefore && page.Id != 0 && (page.ParentId is null || page.InMenu))
            {
                ModelState.AddModelError("Form.Slug", AdminText.PageAddressChiefOnly);
                return;
            }
            if (Form.ParentId != page.ParentId || page.Id == 0)
            {
                var parent = Form.ParentId is { } p ? await db.SitePages.Where(a => a.Id == p).Select(a => a.Departments.Select(d => d.Id).ToList()).FirstOrDefaultAsync(ct) : null;
                if (parent is null || !Desk.CanEdit(parent))
                {
                    ModelState.AddModelError("Form.ParentId", AdminText.PageParentNotYours);
                    return;
                }
                // Moved elsewhere, it leaves the menu it was put in.
                (page.ParentId, page.InMenu) = (Form.ParentId, false);
            }
        }
        // A move takes the subpages along: only one who may edit them all may move them.
        if (moves && page.Id != 0 && await OthersBelowAsync(page, ct))
        {
            ModelState.AddModelError("Form.ParentId", AdminText.PageHasOthersBelow);
            return;
        }
        if ((await PagePlace.PathOfAsync(db, page, ct)).Problem is { } problem)
        {
            ModelState.AddModelError("Form.Slug", problem);
        }
    }

    // A translation stands where its original does: only its slug is the translator's. As for the
    // original, an address at the English top level or in the English menu is a chief editor's to
    // give or change, and so is one that would move another department's English pages below it.
    async Task PlaceTranslationAsync(Article page, int originalId, string slugBefore, CancellationToken ct)
    {
        var (path, problem) = await PagePlace.PathOfAsync(db, page, ct);
        if (problem is not null)
        {
            ModelState.AddModelError("Form.Slug", problem);
            return;
        }
        if (Desk.IsChief || path is null || path == page.PagePath && page.Slug == slugBefore)
        {
            return;
        }
        var original = await db.SitePages.Where(a => a.Id == originalId).Select(a => new { a.InMenu, a.PagePath }).FirstOrDefaultAsync(ct);
        if (original is null || original.InMenu || path.LastIndexOf('/') == 0)
        {
            ModelState.AddModelError("Form.Slug", AdminText.PageAddressChiefOnly);
        }
        else if (original.PagePath is { } below && (await db.SitePages.Below(below, Visnyk.Site.SiteLanguage.Default.Code)
            .Select(a => a.Departments.Select(d => d.Id).ToList()).ToListAsync(ct)).Any(d => !Desk.CanEdit(d)))
        {
            ModelState.AddModelError("Form.Slug", AdminText.PageHasOthersBelow);
        }
    }

    // Taking a page off the site takes its subpages with it: only one who may edit them all may.
    async Task<bool> OthersBelowAsync(Article page, CancellationToken ct)
    {
        if (Desk.IsChief || page.PagePath is not { } path)
        {
            return false;
        }
        var below = await db.SitePages.Below(path, page.Language).Select(a => a.Departments.Select(d => d.Id).ToList()).ToListAsync(ct);
        return below.Any(d => !Desk.CanEdit(d));
    }
}
