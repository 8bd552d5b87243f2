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
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>
    {
        "accessibility", "admin", "api", "css", "departments", "error", "favicon.svg", "feedback", "feeds", "healthz",
        "hromady", "index", "js", "media", "metrics", "news", "preview", "readyz", "robots.txt", "search", "sitemap",
        "sitemap.xml", "sitemaps", "subscribe", "tags", "tls", "unsubscribe",
    };

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

    PageTree(IReadOnlyList<Node> nodes)
    {
        byId = nodes.ToDictionary(n => n.Id);
        foreach (var node in nodes.Where(n => n.ParentId is { } p && byId.ContainsKey(p)))
        {
            byId[node.ParentId!.Value].Children.Add(node);
        }
        Roots = nodes.Where(n => n.ParentId is null).ToList();
        byPath = nodes.ToDictionary(n => n.Path, StringComparer.Ordinal);
        Menu = Roots.Where(r => r.InMenu).Select(r => (r, (IReadOnlyList<Node>)r.Children.Where(c => c.InMenu).ToList())).ToList();
        Footer = Walk().Select(w => w.Node).Where(n => n.InFooter).ToList();
    }

    public Node? Find(string path) => byPath.GetValueOrDefault(path);

    // A department's pages, in the tree's order.
    public IReadOnlyList<Node> OfDepartment(int department) =>
        Walk().Select(w => w.Node).Where(n => n.DepartmentIds?.Contains(department) == true).ToList();

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

    // Every page in reading order: a parent, then its children (the site map).
    public IEnumerable<(Node Node, int Depth)> Walk()
    {
        var stack = new Stack<(Node, int)>(Roots.Reverse().Select(r => (r, 0)));
        while (stack.TryPop(out var item))
        {
            yield return item;
            foreach (var child in item.Item1.Children.AsEnumerable().Reverse())
            {
                stack.Push((child, item.Item2 + 1));
            }
        }
    }

    public static async Task<PageTree> LoadAsync(VisnykDb db, DateTime utcNow, CancellationToken ct)
    {
        var rows = await db.SitePages.AsNoTracking().Published(utcNow).OrderBy(a => a.Position).ThenBy(a => a.Title)
            .Select(a => new { a.Id, a.ParentId, a.Title, a.PagePath, a.InMenu, a.InFooter, Departments = a.Departments.Select(d => d.Id).ToList() }).ToListAsync(ct);
        var published = rows.ToDictionary(r => r.Id);
        bool Reachable(int? parent, int depth) => parent is not { } p || depth < MaxDepth && published.TryGetValue(p, out var up) && Reachable(up.ParentId, depth + 1);
        return new PageTree(rows.Where(r => r.PagePath is not null && Reachable(r.ParentId, 1))
            .Select(r => new Node(r.Id, r.ParentId, r.Title, r.PagePath!, r.InMenu, r.InFooter, r.Departments)).ToList());
    }
}
