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
public static partial class PagePlace
{
    record Row(int Id, int? ParentId, string? PagePath);

    // What a segment of a page's address may be: the editor's own rule for slugs, checked here
    // again as a slug also arrives by a restored version, the schedule or a copy of a site.
    static readonly System.Text.RegularExpressions.Regex Slug = new("^[a-z0-9]+(-[a-z0-9]+)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static bool IsSlug(string? text) => text is { Length: > 0 and <= 100 } && Slug.IsMatch(text);

    // The page's address where it is asked to stand, or why it cannot stand there.
    public static async Task<(string? Path, string? Problem)> PathOfAsync(VisnykDb db, Article page, CancellationToken ct)
    {
        if (page.OriginalId is not null)
        {
            return await TranslationPathAsync(db, page, ct);
        }
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
        var rows = (await db.SitePages.AsNoTracking().Where(a => a.Language == page.Language).Select(a => new Row(a.Id, a.ParentId, a.PagePath)).ToListAsync(ct)).ToDictionary(r => r.Id);
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
    // The translations stand where their originals do: theirs follow too (PlaceTranslationsAsync).
    public static async Task<Placed> PlaceAsync(VisnykDb db, Article page, string path, CancellationToken ct)
    {
        var old = page.PagePath;
        page.PagePath = path;
        if (old is not null && old != path)
        {
            // A page with an address has been saved (a new one has none before this).
            var language = page.Written;
            await LeaveAsync(db, language.PathOf(old), page.Id, ct);
            var below = await db.SitePages.Below(old, page.Language).ToListAsync(ct);
            foreach (var sub in below)
            {
                await LeaveAsync(db, language.PathOf(sub.PagePath!), sub.Id, ct);
                sub.PagePath = path + sub.PagePath![old.Length..];
            }
        }
        return await PlaceTranslationsAsync(db, ct);
    }

    // The pages of a site written in bulk (a copy of a site, the demo content) get their addresses
    // here, from their parents and slugs as the editor would (an archive's addresses are not taken
    // on trust): one that cannot stand where it is (a bad slug, a reserved or taken address, too
    // deep, below a page without an address, in a loop) stays without one, off the site, until an
    // editor places it. parents: each page's parent, where the pages were written without them.
    public static async Task PlaceAllAsync(VisnykDb db, IReadOnlyDictionary<int, int?>? parents, CancellationToken ct)
    {
        var all = await db.SitePages.OrderBy(p => p.Id).ToListAsync(ct);
        var pages = all.Where(p => p.OriginalId is null && p.Written.IsDefault).ToList();
        foreach (var page in pages)
        {
            (page.ParentId, page.PagePath) = (parents is null ? page.ParentId : parents.GetValueOrDefault(page.Id), null);
        }
        var byId = pages.ToDictionary(p => p.Id);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (page, depth) in PageTree.InOrder(pages, p => p.Id, p => p.ParentId))
        {
            var prefix = page.ParentId is { } up ? byId[up].PagePath : "";
            var path = $"{prefix}/{page.Slug}";
            page.PagePath = prefix is not null && IsSlug(page.Slug) && depth < PageTree.MaxDepth && path.Length <= OldAddress.MaxPath
                && !(page.ParentId is null && PageTree.Reserved.Contains(page.Slug)) && taken.Add(path) ? path : null;
        }
        Translations(all);
        await db.SaveChangesAsync(ct);
    }

    // The pages in this language below one at this address.
    public static IQueryable<Article> Below(this IQueryable<Article> pages, string path, string language) =>
        pages.Where(a => a.Language == language && a.PagePath!.StartsWith(path + "/"));

    static (string?, string?) Checked(string path, int depth, (int Depth, int Length) subtree, bool taken) =>
        taken ? (null, string.Format(AdminText.PagePathTaken, path))
        : depth + subtree.Depth > PageTree.MaxDepth ? (null, string.Format(AdminText.PageTooDeep, PageTree.MaxDepth))
        : path.Length + subtree.Length > OldAddress.MaxPath ? (null, AdminText.PagePathTooLong)
        : (path, null);

    static Task<bool> TakenAsync(VisnykDb db, Article page, string path, CancellationToken ct) =>
        db.SitePages.AnyAsync(a => a.PagePath == path && a.Language == page.Language && a.Id != page.Id, ct);

    // How much deeper and longer the page's subpages reach below it (a move must leave room for them).
    static async Task<(int Depth, int Length)> SubtreeAsync(VisnykDb db, Article page, CancellationToken ct)
    {
        if (page.Id == 0 || page.PagePath is not { } path)
        {
            return (0, 0);
        }
        var below = await db.SitePages.AsNoTracking().Below(path, page.Language).Select(a => a.PagePath!).ToListAsync(ct);
        return below.Count == 0 ? (0, 0)
            : (below.Max(p => p.Count(c => c == '/')) - path.Count(c => c == '/'), below.Max(p => p.Length) - path.Length);
    }

    // The address a page leaves (the language's prefix included) answers 301 to it from now on (a
    // later page at it wins: the redirect is looked up only for addresses that found nothing).
    static async Task LeaveAsync(VisnykDb db, string path, int pageId, CancellationToken ct)
    {
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
