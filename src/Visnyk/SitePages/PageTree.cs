using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;

namespace Visnyk.SitePages;

// The site's pages as readers see them: the public ones, each under its parent, in the editors'
// order. Kept with the site's chrome (SiteChrome) as it shapes every page (the main menu) and
// routes the addresses that are not the application's own (PageRoute). A page is public when it
// is published and so is every page above it: a withdrawn section takes its subsections with it.
public sealed class PageTree
{
    // DepartmentIds: the departments whose page it is (their pages list it).
    public record Node(int Id, int? ParentId, string Title, string Path, bool InMenu, bool InFooter = false, IReadOnlyList<int>? DepartmentIds = null)
    {
        public List<Node> Children { get; } = [];
    }

    // Readers' addresses of the application's own that a top-level page may not take: its pages,
    // endpoints and static folders (PageTreeTests compares this with the routes).
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
    [
        "accessibility", "admin", "api", "css", "departments", "documents", "error", "favicon.svg", "feedback", "feeds", "healthz",
        "hromady", "index", "js", "media", "metrics", "news", "people", "preview", "readyz", "robots.txt", "search", "sitemap",
        "sitemap.xml", "sitemaps", "subscribe", "tags", "tls", "unsubscribe",
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

    // nodes: in tree order (InOrder).
    PageTree(IReadOnlyList<Node> nodes)
    {
        All = nodes;
        byId = nodes.ToDictionary(n => n.Id);
        foreach (var node in nodes.Where(n => n.ParentId is { } p && byId.ContainsKey(p)))
        {
            byId[node.ParentId!.Value].Children.Add(node);
        }
        Roots = nodes.Where(n => n.ParentId is null).ToList();
        byPath = nodes.ToDictionary(n => n.Path, StringComparer.Ordinal);
        Menu = Roots.Where(r => r.InMenu).Select(r => (r, (IReadOnlyList<Node>)r.Children.Where(c => c.InMenu).ToList())).ToList();
        Footer = All.Where(n => n.InFooter).ToList();
    }

    public Node? Find(string path) => byPath.GetValueOrDefault(path);

    // A department's pages, in the tree's order.
    public IReadOnlyList<Node> OfDepartment(int department) =>
        All.Where(n => n.DepartmentIds?.Contains(department) == true).ToList();

    public Node? Find(int id) => byId.GetValueOrDefault(id);

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

    public static async Task<PageTree> LoadAsync(VisnykDb db, DateTime utcNow, CancellationToken ct)
    {
        var rows = await db.SitePages.AsNoTracking().Published(utcNow).OrderBy(a => a.Position).ThenBy(a => a.Title)
            .Select(a => new { a.Id, a.ParentId, a.Title, a.PagePath, a.InMenu, a.InFooter, Departments = a.Departments.Select(d => d.Id).ToList() }).ToListAsync(ct);
        return new PageTree(InOrder(rows, r => r.Id, r => r.ParentId, r => r.PagePath is not null).Where(r => r.Depth < MaxDepth)
            .Select(r => new Node(r.Row.Id, r.Row.ParentId, r.Row.Title, r.Row.PagePath!, r.Row.InMenu, r.Row.InFooter, r.Row.Departments)).ToList());
    }
}
