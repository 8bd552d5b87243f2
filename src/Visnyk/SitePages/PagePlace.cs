using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Import;

namespace Visnyk.SitePages;

// Where a page stands in the tree and what address that gives it: its parent's address and its
// own slug. Publishing places every page it saves, whoever saves it; the editor asks first, to say
// what is wrong. A page that moves or is renamed takes its subpages with it, and every address
// they had answers 301 to the new one (OldAddresses), as a resident's bookmark or a search
// engine's link must keep working.
public static class PagePlace
{
    record Row(int Id, int? ParentId, string? PagePath);

    // What a segment of a page's address may be: the editor's own rule for slugs, checked here
    // again as a slug also arrives by a restored version, the schedule or a copy of a site.
    static readonly System.Text.RegularExpressions.Regex Slug = new("^[a-z0-9]+(-[a-z0-9]+)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static bool IsSlug(string? text) => text is { Length: > 0 and <= 100 } && Slug.IsMatch(text);

    // The page's address where it is asked to stand, or why it cannot stand there.
    public static async Task<(string? Path, string? Problem)> PathOfAsync(VisnykDb db, Article page, CancellationToken ct)
    {
        if (!IsSlug(page.Slug))
        {
            return (null, AdminText.SlugInvalid);
        }
        if (page.ParentId is null)
        {
            return PageTree.Reserved.Contains(page.Slug)
                ? (null, string.Format(AdminText.PageSlugReserved, page.Slug))
                : Checked($"/{page.Slug}", 1, await SubtreeAsync(db, page, ct), await TakenAsync(db, page, $"/{page.Slug}", ct));
        }
        var rows = (await db.SitePages.AsNoTracking().Select(a => new Row(a.Id, a.ParentId, a.PagePath)).ToListAsync(ct)).ToDictionary(r => r.Id);
        if (!rows.TryGetValue(page.ParentId.Value, out var parent) || parent.PagePath is null)
        {
            return (null, AdminText.PageParentUnknown);
        }
        var depth = 1;
        for (Row? at = parent; at is not null; at = at.ParentId is { } up ? rows.GetValueOrDefault(up) : null)
        {
            if (at.Id == page.Id || depth > PageTree.MaxDepth)
            {
                return (null, at.Id == page.Id ? AdminText.PageParentInside : string.Format(AdminText.PageTooDeep, PageTree.MaxDepth));
            }
            depth++;
        }
        var path = $"{parent.PagePath}/{page.Slug}";
        return Checked(path, depth, await SubtreeAsync(db, page, ct), await TakenAsync(db, page, path, ct));
    }

    // Gives the page its address; its subpages follow, and the addresses left behind redirect.
    public static async Task PlaceAsync(VisnykDb db, Article page, string path, CancellationToken ct)
    {
        var old = page.PagePath;
        page.PagePath = path;
        if (old is null || old == path)
        {
            return;
        }
        await LeaveAsync(db, old, page.Id, ct);
        if (page.Id == 0)
        {
            return;
        }
        var below = await db.SitePages.Where(a => a.PagePath!.StartsWith(old + "/")).ToListAsync(ct);
        foreach (var sub in below)
        {
            await LeaveAsync(db, sub.PagePath!, sub.Id, ct);
            sub.PagePath = path + sub.PagePath![old.Length..];
        }
    }

    // The pages read from a copy of a site get their addresses here, from their parents and slugs
    // as the editor would (an archive's addresses are not taken on trust): one that cannot stand
    // where it is (a bad slug, a reserved or taken address, too deep, a loop) stays without an
    // address, off the site, until an editor places it.
    public static async Task PlaceImportedAsync(VisnykDb db, CancellationToken ct)
    {
        var pages = await db.SitePages.ToListAsync(ct);
        var children = pages.ToLookup(p => p.ParentId);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        void Place(int? parent, string prefix, int depth)
        {
            foreach (var page in children[parent].OrderBy(p => p.Id))
            {
                var path = $"{prefix}/{page.Slug}";
                var fits = IsSlug(page.Slug) && depth <= PageTree.MaxDepth && path.Length <= OldAddress.MaxPath
                    && !(parent is null && PageTree.Reserved.Contains(page.Slug)) && taken.Add(path);
                page.PagePath = fits ? path : null;
                if (fits)
                {
                    Place(page.Id, path, depth + 1);
                }
            }
        }
        Place(null, "", 1);
        // Below a page that has no address, or in a loop, a page has none either.
        foreach (var page in pages.Where(p => p.PagePath is not null && !taken.Contains(p.PagePath)))
        {
            page.PagePath = null;
        }
        await db.SaveChangesAsync(ct);
    }

    static (string?, string?) Checked(string path, int depth, (int Depth, int Length) subtree, bool taken) =>
        taken ? (null, string.Format(AdminText.PagePathTaken, path))
        : depth + subtree.Depth > PageTree.MaxDepth ? (null, string.Format(AdminText.PageTooDeep, PageTree.MaxDepth))
        : path.Length + subtree.Length > OldAddress.MaxPath ? (null, AdminText.PagePathTooLong)
        : (path, null);

    static Task<bool> TakenAsync(VisnykDb db, Article page, string path, CancellationToken ct) =>
        db.SitePages.AnyAsync(a => a.PagePath == path && a.Id != page.Id, ct);

    // How much deeper and longer the page's subpages reach below it (a move must leave room for them).
    static async Task<(int Depth, int Length)> SubtreeAsync(VisnykDb db, Article page, CancellationToken ct)
    {
        if (page.Id == 0 || page.PagePath is not { } path)
        {
            return (0, 0);
        }
        var below = await db.SitePages.AsNoTracking().Where(a => a.PagePath!.StartsWith(path + "/")).Select(a => a.PagePath!).ToListAsync(ct);
        return below.Count == 0 ? (0, 0)
            : (below.Max(p => p.Count(c => c == '/')) - path.Count(c => c == '/'), below.Max(p => p.Length) - path.Length);
    }

    // The address a page leaves answers 301 to it from now on (a later page at it wins: the
    // redirect is looked up only for addresses that found nothing).
    static async Task LeaveAsync(VisnykDb db, string path, int pageId, CancellationToken ct)
    {
        if (pageId == 0)
        {
            return;
        }
        var key = OldAddresses.Key(path);
        var known = db.OldAddresses.Local.FirstOrDefault(o => o.Path == key) ?? await db.OldAddresses.FirstOrDefaultAsync(o => o.Path == key, ct);
        if (known is null)
        {
            db.OldAddresses.Add(new OldAddress { Path = key, ArticleId = pageId });
        }
        else
        {
            (known.ArticleId, known.Target) = (pageId, null);
        }
    }
}
