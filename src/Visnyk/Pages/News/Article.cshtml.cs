using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Media;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.News;

public class ArticleModel(VisnykDb db, TimeProvider clock, SiteChrome chrome, LatestNews latest, Previews previews, Search.NewsSearch search) : PageModel
{
    public const int LatestCount = 9;

    public Article Article { get; private set; } = null!;
    public IReadOnlyList<ArticleListItem> Related { get; private set; } = [];
    // "Документи за темою": the register's documents that share the article's telling words.
    public IReadOnlyList<DocumentListItem> RelatedDocuments { get; private set; } = [];
    const int RelatedDocumentCount = 3;
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];
    public IReadOnlyList<Newsroom.ChangeNote> Notes { get; private set; } = [];
    // The text with its pictures as <picture> (BodyPictures).
    public string Body { get; private set; } = "";
    public string CanonicalUrl { get; private set; } = "";
    public bool IsPreview { get; private set; }
    // The gallery stays closed until the reader opens it: the device asks to save data (SaveData).
    public bool GalleryOnRequest { get; private set; }
    // The article in each language it is public in, itself first (LanguageLinks).
    public IReadOnlyList<Alternate> Alternates { get; private set; } = [];

    // /news/{id}-{slug}; also /preview/{token}, the unguessable, expiring link to an unpublished article.
    public async Task<IActionResult> OnGetAsync(string? key, string? token, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is not null)
        {
            return await PreviewAsync(token, now, ct);
        }
        if (!ArticleKey.TryParse(key ?? "", out var id, out var slug))
        {
            return NotFound();
        }
        var data = await ArticlePage.LoadAsync(db, chrome, id, now, ct, search: search);
        if (data is null)
        {
            // Published in error and taken down for good: say so (410), unlike an unknown address.
            var removed = await db.Articles.IgnoreQueryFilters([VisnykDb.LanguageFilter]).AnyAsync(a => a.Id == id && a.Status == ArticleStatus.Removed, ct);
            return removed ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }
        var article = data.Article;
        // /news/123, stale slugs (a retitled article) and the address in another language lead to the one canonical address.
        if (slug != article.Slug || article.Written != HttpContext.Language())
        {
            return RedirectPermanent(article.Path);
        }

        Show(data);
        await FindDocumentsAsync(id, now, ct);
        Latest = await latest.GetAsync(LatestCount, ct);
        CanonicalUrl = PublicUrl.For(HttpContext, article.Path);

        HttpContext.Shows([(article.Id, article.UpdatedAt)]);
        HttpContext.Shows(Related);
        HttpContext.Shows(Latest);
        HttpContext.Tag(CacheTags.Latest);
        // Its language links: evicted with its original (and so with the original's other translations).
        if (article.OriginalId is { } original)
        {
            HttpContext.Tag(CacheTags.Article(original));
        }
        if (data.RelatedByTags)
        {
            HttpContext.Tag(CacheTags.RelatedByTags); // rendered again with the search index's related news
        }
        HttpContext.Tag(article.Tags.Select(t => CacheTags.Tag(t.Id)).ToArray());
        return Page();
    }

    // Read only when the index finds some (most articles have none); a page showing documents is
    // evicted whenever a document changes (withdrawn, renumbered, lapsed).
    async Task FindDocumentsAsync(int id, DateTime now, CancellationToken ct)
    {
        if (search.Related(db.SiteId, id, RelatedDocumentCount, now, ArticleKind.Document) is not { Length: > 0 } ids)
        {
            return;
        }
        var found = await db.Documents.Published(now).Where(d => ids.Contains(d.Id)).AsDocumentItems().ToDictionaryAsync(d => d.Id, ct);
        RelatedDocuments = ids.Where(found.ContainsKey).Select(i => found[i]).ToList();
        HttpContext.Tag(CacheTags.Documents);
    }

    void Show(ArticlePage.Data data)
    {
        Article = data.Article;
        Related = data.Related;
        Notes = data.Notes;
        Body = BodyPictures.Render(data.Article.Body, data.BodyImages);
        Alternates = [new Alternate(data.Article.Written, data.Article.Path), .. data.Translations];
        GalleryOnRequest = SaveData.Asked(Request);
        Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, SaveData.Header);
    }

    async Task<IActionResult> PreviewAsync(string token, DateTime now, CancellationToken ct)
    {
        if (await previews.ArticleOfAsync(token, db.Articles, ct) is not { } id
            || await ArticlePage.LoadAsync(db, chrome, id, now, ct, preview: true) is not { } data)
        {
            return NotFound();
        }
        Show(data);
        IsPreview = true;
        Latest = await latest.GetAsync(LatestCount, ct);
        CanonicalUrl = PublicUrl.For(HttpContext, data.Article.Path);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
