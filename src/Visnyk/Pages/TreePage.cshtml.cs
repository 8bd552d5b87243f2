using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Newsroom;
using Visnyk.Site;
using Visnyk.SitePages;

namespace Visnyk.Pages;

// A page of the site's tree ("Про область", "Контакти") at its address, with the pages above it as
// breadcrumbs and those below it as the section's contents; also /preview/page/{token}, the
// unguessable, expiring link to an unpublished page (Previews). Every address that no other page
// or endpoint has comes here (the route's catch-all has the lowest precedence) and is looked up in
// the tree (PageRoute); one that is not there is not found, as before there were pages.
public class TreePageModel(VisnykDb db, TimeProvider clock, SiteChrome chrome, Previews previews) : PageModel
{
    public Article Article { get; private set; } = null!;
    public IReadOnlyList<PageTree.Node> Above { get; private set; } = [];
    public IReadOnlyList<PageTree.Node> Below { get; private set; } = [];
    // The text with its pictures as <picture> (BodyPictures).
    public string Body { get; private set; } = "";
    public string CanonicalUrl { get; private set; } = "";
    public bool IsPreview { get; private set; }
    // The people this page lists (People/Person.PageId), e.g. on "Керівництво".
    public IReadOnlyList<Visnyk.People.Person> People { get; private set; } = [];
    // The page in each language it is public in (hreflang and the language switch); a preview, itself only.
    public IReadOnlyList<Alternate> Alternates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var snapshot = await chrome.GetAsync(ct);
        var tree = snapshot.Pages;
        // From the address only: never from the query (a page's cached copy must not become a preview).
        if (RouteData.Values["token"] is string token)
        {
            return await PreviewAsync(token, snapshot, now, ct);
        }
        if (await PageRoute.FindAsync(chrome, Request.Path.Value ?? "", ct) is not { } node)
        {
            return NotFound();
        }
        var id = node.Id;
        if (node.Path != (Request.PathBase + Request.Path).Value)
        {
            return RedirectPermanent(node.Path);
        }
        if (await ArticlePage.LoadAsync(db, chrome, id, now, ct, kind: ArticleKind.Page) is not { } data)
        {
            return NotFound();
        }
        Show(data, snapshot, node);
        Alternates = snapshot.VersionsOf(node);
        CanonicalUrl = PublicUrl.For(HttpContext, node.Path);
        HttpContext.Shows([(id, data.Article.UpdatedAt)]);
        return Page();
    }

    void Show(ArticlePage.Data data, SiteChrome.Snapshot snapshot, PageTree.Node? node)
    {
        var tree = snapshot.Pages;
        Article = data.Article;
        // A translation lists its original's.
        People = snapshot.People.Where(p => p.PageId == (node?.OriginalId ?? data.Article.OriginalId ?? data.Article.Id)).ToList();
        Body = BodyPictures.Render(data.Article.Body, data.BodyImages);
        Above = node is not null ? tree.Above(node) : data.Article.ParentId is { } parent && tree.Find(parent) is { } up ? [.. tree.Above(up), up] : [];
        Below = node?.Children ?? [];
    }

    async Task<IActionResult> PreviewAsync(string token, SiteChrome.Snapshot snapshot, DateTime now, CancellationToken ct)
    {
        if (await previews.ArticleOfAsync(token, db.SitePages, ct) is not { } id
            || await ArticlePage.LoadAsync(db, chrome, id, now, ct, preview: true, kind: ArticleKind.Page) is not { } data)
        {
            return NotFound();
        }
        Show(data, snapshot, snapshot.Pages.Find(id));
        IsPreview = true;
        Alternates = [new Alternate(data.Article.Written, data.Article.Path)];
        CanonicalUrl = PublicUrl.For(HttpContext, data.Article.Path);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
