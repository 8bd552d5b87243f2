using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.SitePages;

// The site's pages as readers see them: the public ones, each under its parent, in the editors'
// order. Kept with the site's chrome (SiteChrome) as it shapes every page (the main menu) and
// routes the addresses that are not the application's own (PageRoute). A page is public when it
// is published and so is every page above it: a withdrawn section takes its subsections with it.
// One tree per language: the default language's, written by the editors, and each other
// language's, its translations where their originals stand (PagePlace.PlaceTranslationsAsync).
public sealed class PageTree
{
    // Path: the readers' address, the language's prefix included ("/en/about-the-region").
    // DepartmentIds: the departments whose page it is (their pages list it); OriginalId: a translation's.
    public record Node(int Id, int? ParentId, string Title, string Path, bool InMenu, bool InFooter = false, IReadOnlyList<int>? DepartmentIds = null, int? OriginalId = null)
    {
        public List<Node> Children { get; } = [];
    }

    // Readers' addresses of the application's own that a top-level page may not take: its pages,
    // endpoints and static folders (PageTreeTests compares this with the routes).
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
    [
        "accessibility", "admin", "api", "css", "departments", "documents", "error", "favicon.svg", "feedback", "feeds", "healthz",
        "hromady", "index", "js", "manifest.webmanifest", "media", "metrics", "news", "offline", "people", "preview", "readyz", "robots.txt", "search", "sitemap",
        "sitemap.xml", "sitemaps", "subscribe", "sw.js", "tags", "tls", "unsubscribe",
        // The other languages' prefixes (/en).
        .. Site.SiteLanguage.Others.Select(l => l.Code),
    ]);

    // How deep the tree goes: enough for "Структура › Департаменти › Відділ", short enough for an address.
    public const int MaxDepth = 5;

    public static readonly PageTree Empty = new([]);

    readonly Dictionary<string, Node> byPath;
    readonly Dictionary<int, Node> byId;

    public IReadOnlyList<Node> Roots { get; }

    // The main menu: top-level pages marked for it, each with its own children so marked.
    public IReadOnlyList<(Node Item, IReadOnlyList<Node> Below)> Menu { get; }

    // The footer's links: pages marked for it, wherever they stand, in the tree's order.
    public IReadOnlyList<Node> Footer { get; }

    public int Count => byId.Count;

    // Every page in reading order: a parent, then its children (the site map).
    public IReadOnlyList<Node> All { get; }

    // nodes: in tree order (InOrder); prefix: their language's (SiteLanguage.Prefix), which the
    // addresses they are found by (Find) do not carry.
    PageTree(IReadOnlyList<Node> nodes, string prefix = "")
    {
        All = nodes;
        byId = nodes.ToDictionary(n => n.Id);
        foreach (var node in nodes.Where(n => n.ParentId is { } p && byId.ContainsKey(p)))
        {
            byId[node.ParentId!.Value].Children.Add(node);
        }
        Roots = nodes.Where(n => n.ParentId is null).ToList();
        byPath = nodes.ToDictionary(n => n.Path[prefix.Length..], StringComparer.Ordinal);
        Menu = Roots.Where(r => r.InMenu).Select(r => (r, (IReadOnlyList<Node>)r.Children.Where(c => c.InMenu).ToList())).ToList();
        Footer = All.Where(n => n.InFooter).ToList();
    }

    // The page at an address within its language ("/about-the-region" of "/en/about-the-region").
    public Node? Find(string path) => byPath.GetValueOrDefault(path);

    // A department's pages, in the tree's order.
    public IReadOnlyList<Node> OfDepartment(int department) =>
        All.Where(n => n.DepartmentIds?.Contains(department) == true).ToList();

    public Node? Find(int id) => byId.GetValueOrDefault(id);

    // The pages of this language's tree that translate pages of the default language's, by their originals' ids.
    public IReadOnlyDictionary<int, Node> ByOriginal => byOriginal ??= All.Where(n => n.OriginalId is not null).ToDictionary(n => n.OriginalId!.Value);
    Dictionary<int, Node>? byOriginal;

    // The pages above this one, top first (breadcrumbs).
    public IReadOnlyList<Node> Above(Node node)
    {
        var trail = new List<Node>();
        for (var at = node.ParentId is { } p ? Find(p) : null; at is not null && trail.Count < MaxDepth; at = at.ParentId is { } q ? Find(q) : null)
        {
            trail.Insert(0, at);
        }
        return trail;
    }

    // Rows of pages in tree order (a parent, then its children, each level in the rows' own order)
    // with their depth, the top level's 0. A row whose parent is not among them, or that is in a
    // loop, is never reached; nor is one `enter` refuses, nor anything below it.
    public static IEnumerable<(T Row, int Depth)> InOrder<T>(IReadOnlyList<T> rows, Func<T, int> id, Func<T, int?> parent, Func<T, bool>? enter = null)
    {
        var children = rows.ToLookup(parent);
        var stack = new Stack<(T, int)>(children[null].Reverse().Select(r => (r, 0)));
        while (stack.TryPop(out var item))
        {
            var (row, depth) = item;
            if (enter?.Invoke(row) == false)
            {
                continue;
            }
            yield return item;
            foreach (var child in children[id(row)].Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }
    }

    // Every language's tree, by SiteLanguage.Code.
    public static async Task<IReadOnlyDictionary<string, PageTree>> LoadAsync(VisnykDb db, DateTime utcNow, CancellationToken ct)
    {
        var rows = await db.SitePages.AsNoTracking().Published(utcNow).Where(a => a.PagePath != null).OrderBy(a => a.Position).ThenBy(a => a.Title)
            .Select(a => new { a.Id, a.ParentId, a.Title, a.PagePath, a.InMenu, a.InFooter, a.Language, a.OriginalId, Departments = a.Departments.Select(d => d.Id).ToList() }).ToListAsync(ct);
        var own = rows.Where(r => r.Language == SiteLanguage.Default.Code).ToList();
        var tree = new PageTree(InOrder(own, r => r.Id, r => r.ParentId).Where(r => r.Depth < MaxDepth)
            .Select(r => new Node(r.Row.Id, r.Row.ParentId, r.Row.Title, r.Row.PagePath!, r.Row.InMenu, r.Row.InFooter, r.Row.Departments)).ToList());
        var trees = new Dictionary<string, PageTree> { [SiteLanguage.Default.Code] = tree };
        foreach (var language in SiteLanguage.Others)
        {
            // A translation is public while its original is, and so is the translation its address
            // stands under (the nearest one above its original); the menu and footer are the original's.
            var translations = rows.Where(r => r.Language == language.Code && r.OriginalId is not null).ToDictionary(r => r.OriginalId!.Value);
            var nodes = new List<Node>();
            var byAddress = new Dictionary<string, Node>(StringComparer.Ordinal);
            foreach (var original in tree.All)
            {
                if (!translations.TryGetValue(original.Id, out var row))
                {
                    continue;
                }
                var path = row.PagePath!;
                var above = path[..path.LastIndexOf('/')];
                Node? parent = null;
                if ((above.Length == 0 || byAddress.TryGetValue(above, out parent)) && !byAddress.ContainsKey(path))
                {
                    var node = new Node(row.Id, parent?.Id, row.Title, language.PathOf(path), original.InMenu, original.InFooter, row.Departments, original.Id);
                    nodes.Add(node);
                    byAddress[path] = node;
                }
            }
            trees[language.Code] = new PageTree(nodes, language.Prefix);
        }
        return trees;
    }
}
