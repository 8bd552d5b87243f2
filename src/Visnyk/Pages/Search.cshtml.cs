using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Documents;
using Visnyk.Search;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages;

public class SearchModel(NewsSearch search, VisnykDb db, SiteChrome chrome, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    // Filters a link can carry; more are ignored.
    const int MaxFilters = 20;
    const int TagsShown = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "department")]
    public string[] DepartmentSlugs { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string[] TagSlugs { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    // One kind of result only ("documents"); none: the news, with the best of the rest above them.
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? KindSlug { get; set; }

    public enum ResultKind
    {
        News,
        Documents,
        Pages,
        People,
    }

    static readonly Dictionary<string, ResultKind> KindSlugs = new(StringComparer.Ordinal)
    {
        ["news"] = ResultKind.News,
        ["documents"] = ResultKind.Documents,
        ["pages"] = ResultKind.Pages,
        ["people"] = ResultKind.People,
    };

    public ResultKind? Only { get; private set; }
    // The facet: how many results of each kind this search has (with its filters), as a link to them.
    public record KindFacet(ResultKind Kind, string Slug, int Count);
    public IReadOnlyList<KindFacet> Kinds { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;
    // The query was longer than SearchQuery.MaxLength; only its start is used (and shown).
    public bool QueryTruncated { get; private set; }
    // The search index is still being built (the site has just started): the results come from
    // the database (every word in the title or summary, newest first), with a note.
    public bool Basic { get; private set; }
    public SearchResults Results { get; private set; } = SearchResults.None;
    public IReadOnlyList<Result> Items { get; private set; } = [];
    public IReadOnlyList<Facet<Department>> Departments { get; private set; } = [];
    public IReadOnlyList<Facet<Tag>> Tags { get; private set; } = [];
    public SearchOrder Order => Sort == "date" ? SearchOrder.Newest : SearchOrder.Relevance;
    public bool HasText => !string.IsNullOrWhiteSpace(Query);
    public bool Filtered => DepartmentSlugs.Length > 0 || TagSlugs.Length > 0 || From is not null || To is not null;
    public int TotalPages => Math.Min(NewsSearch.MaxPage, (Results.Total + PageSize - 1) / PageSize);
    // The chosen departments and tags, by id, for every search this page asks.
    int[] departmentIds = [], tagIds = [];

    public record Result(SearchHit Hit, ArticleListItem Article, IReadOnlyList<Department> Departments);
    // The site's pages the words are found on ("Контакти", a department's page), above the news.
    public IReadOnlyList<(SearchHit Hit, string Path)> SitePages { get; private set; } = [];
    public int SitePagesTotal { get; private set; }
    const int SitePagesShown = 5;
    public IReadOnlyList<(SearchHit Hit, DocumentListItem Document)> FoundDocuments { get; private set; } = [];
    public int FoundDocumentsTotal { get; private set; }
    const int DocumentsShown = 5;
    // People whose name, post or unit has every word of the query (People/PeopleSearch).
    public IReadOnlyList<Visnyk.People.Person> People { get; private set; } = [];
    const int PeopleShown = 5;
    // People are few (tens per site): with "people" asked, all who match, up to this.
    const int PeopleListed = 100;
    public record Facet<T>(T Item, int Count, bool Selected);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        PageNumber = pageNumber;
        if (!ModelState.IsValid)
        {
            return BadRequest(); // QueryRules refuse malformed dates and page numbers before this page runs
        }
        if (From > To)
        {
            ModelState.AddModelError(nameof(To), Text.DateRangeReversed);
            (From, To) = (To, From);
        }
        Query = Query?.Trim();
        if (Query?.Length > SearchQuery.MaxLength)
        {
            (Query, QueryTruncated) = (Query[..SearchQuery.MaxLength], true);
        }
        if (PageNumber < 1 || PageNumber > NewsSearch.MaxPage)
        {
            return NotFound();
        }
        var snapshot = await chrome.GetAsync(ct);
        var departments = snapshot.Departments.Where(d => DepartmentSlugs.Take(MaxFilters).Contains(d.Slug)).ToList();
        var tags = snapshot.Tags.Where(t => TagSlugs.Take(MaxFilters).Contains(t.Slug)).ToList();
        (DepartmentSlugs, TagSlugs) = (departments.Select(d => d.Slug).ToArray(), tags.Select(t => t.Slug).ToArray());
        (departmentIds, tagIds) = (departments.Select(d => d.Id).ToArray(), tags.Select(t => t.Id).ToArray());
        // An unknown kind is ignored, as unknown departments and tags are. In another language than
        // the default, news and pages only: its documents and people are in the default one.
        Only = KindSlug is not null && KindSlugs.TryGetValue(KindSlug, out var only) && InLanguage(only) ? only : null;
        KindSlug = Only is null ? null : KindSlug;

        // Evicted when the index changes (SearchIndexer), which is a moment after the database does.
        HttpContext.Tag(CacheTags.Search);
        var now = clock.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        var found = Only switch
        {
            ResultKind.Documents => search.Search(Asking(ArticleKind.Document, PageNumber, PageSize), db.SiteId, now),
            ResultKind.Pages => PagesOnly(snapshot, now),
            ResultKind.People => SearchResults.None,
            _ => search.Search(Asking(ArticleKind.News, PageNumber, PageSize), db.SiteId, now),
        };
        Basic = found is null;
        if (found is null)
        {
            // Just started, the index still building (or its dictionary loading, and a word new to
            // it): never "unavailable", but an answer from the database with a note, kept out of
            // every cache. The news only: pages and documents wait for the index.
            Response.Headers.CacheControl = "no-store";
            found = Only is null or ResultKind.News ? await BasicSearchAsync(departments, tags, now, ct) : SearchResults.None;
        }
        Results = found;
        if (Results.Hits.Count == 0 && PageNumber != 1)
        {
            return NotFound();
        }
        if (!Basic)
        {
            await FindOtherKindsAsync(snapshot, now, ct);
        }
        var searched = Stopwatch.GetTimestamp();
        Items = Only is null or ResultKind.News ? await LoadAsync(Results.Hits, snapshot, now, ct) : [];
        // For operators (and bench/search.sh, bench/cold.sh): the index's share of the time ("basic"
        // when the database answered instead), and the cards'.
        Response.Headers.Append("Server-Timing", FormattableString.Invariant(
            $"{(Basic ? "basic" : "search")};dur={Stopwatch.GetElapsedTime(started, searched).TotalMilliseconds:F1}, cards;dur={Stopwatch.GetElapsedTime(searched).TotalMilliseconds:F1}"));
        HttpContext.Shows(Items.Select(i => i.Article));
        Departments = snapshot.Departments
            .Select(d => new Facet<Department>(d, Results.DepartmentCounts.GetValueOrDefault(d.Id), departments.Contains(d)))
            .Where(f => f.Count > 0 || f.Selected).ToList();
        Tags = snapshot.Tags
            .Select(t => new Facet<Tag>(t, Results.TagCounts.GetValueOrDefault(t.Id), tags.Contains(t)))
            .Where(f => f.Count > 0 || f.Selected)
            .OrderByDescending(f => f.Selected).ThenByDescending(f => f.Count).ThenBy(f => f.Item.Name, StringComparer.Ordinal)
            .Take(Math.Max(TagsShown, tags.Count)).ToList();
        return Page();
    }

    // The language of the address: its articles only, their words read as that language's.
    SiteLanguage Language => HttpContext.Language();

    // This search (words, filters, order) asked of one kind of result.
    SearchRequest Asking(ArticleKind kind, int page, int size, bool counts = true, bool highlights = true) =>
        new(Query, departmentIds, tagIds, From, To, Order, page, size, WithCounts: counts, WithHighlights: highlights, Kind: kind, Language: Language.Code);

    // How many of one kind the search has: the newest one only is read, without counts or highlights.
    // Unknown (the index cannot answer this moment): 0, and the page is not kept anywhere.
    int CountOf(ArticleKind kind, DateTime now)
    {
        if (search.Search(Asking(kind, 1, 1, counts: false, highlights: false) with { Order = SearchOrder.Newest }, db.SiteId, now) is { } found)
        {
            return found.Total;
        }
        Response.Headers.CacheControl = "no-store";
        return 0;
    }

    // Pages read from the index at most: a site has tens of pages, hundreds at the very most.
    const int MaxPagesRead = 1_000;

    // The site's public pages with the words, in the order asked: the index holds every published
    // page, some of them under a page that is not public (the tree decides), so all that match are
    // read by id and checked against the tree, and the count is of public pages only (it must not
    // tell that a word is on a hidden one). Only those shown are read again with marked words.
    (IReadOnlyList<(SearchHit Hit, string Path)> Shown, int Total, bool AllWords)? PublicPages(SiteChrome.Snapshot snapshot, DateTime now, SearchOrder order, int skip, int take)
    {
        if (snapshot.Pages.Count == 0)
        {
            return ([], 0, true);
        }
        if (search.Search(Asking(ArticleKind.Page, 1, MaxPagesRead, counts: false, highlights: false) with { Order = order }, db.SiteId, now) is not { } all)
        {
            return null;
        }
        var visible = all.Hits.Select((h, rank) => (Hit: h, Rank: rank, Path: snapshot.Pages.Find(h.Id)?.Path)).Where(p => p.Path is not null).ToList();
        var shown = visible.Skip(skip).Take(take).ToList();
        if (shown.Count == 0)
        {
            return ([], visible.Count, all.AllWords);
        }
        var marked = search.Search(Asking(ArticleKind.Page, 1, shown[^1].Rank + 1, counts: false) with { Order = order }, db.SiteId, now)?.Hits.ToDictionary(h => h.Id);
        return (shown.Select(p => (marked?.GetValueOrDefault(p.Hit.Id) ?? p.Hit, p.Path!)).ToList(), visible.Count, all.AllWords);
    }

    // With "pages" asked: this page of them, as the results.
    SearchResults? PagesOnly(SiteChrome.Snapshot snapshot, DateTime now)
    {
        if (PublicPages(snapshot, now, Order, (PageNumber - 1) * PageSize, PageSize) is not { } pages)
        {
            return null;
        }
        ShowPages(pages.Shown, pages.Total);
        var none = new Dictionary<int, int>();
        return new SearchResults(pages.Shown.Select(p => p.Hit).ToList(), pages.Total, none, none, none, pages.AllWords);
    }

    void ShowPages(IReadOnlyList<(SearchHit Hit, string Path)> shown, int total)
    {
        (SitePages, SitePagesTotal) = (shown, total);
        HttpContext.Tag(shown.Select(p => CacheTags.Article(p.Hit.Id)).ToArray());
    }

    // The lists of the other kinds: the best few of each above the news (first page of words, no
    // kind chosen), or all of the chosen kind; and, with words, the facet counting each kind.
    async Task FindOtherKindsAsync(SiteChrome.Snapshot snapshot, DateTime now, CancellationToken ct)
    {
        var above = HasText && Only is null && PageNumber == 1;
        var everyKind = Language.IsDefault;
        if (Only == ResultKind.Documents)
        {
            await DocumentsAsync(Results, now, ct);
        }
        else if (above && everyKind && search.Search(Asking(ArticleKind.Document, 1, DocumentsShown, counts: false) with { Order = SearchOrder.Relevance }, db.SiteId, now) is { } documents)
        {
            await DocumentsAsync(documents, now, ct);
        }
        if (above && PublicPages(snapshot, now, SearchOrder.Relevance, 0, SitePagesShown) is { } pages)
        {
            ShowPages(pages.Shown, pages.Total);
        }
        // People have no tags or dates: a search narrowed by them finds none; by a unit, its people.
        var people = !HasText || !everyKind || TagSlugs.Length > 0 || From is not null || To is not null ? []
            : Visnyk.People.PeopleSearch.Find(snapshot.People.Where(p => departmentIds.Length == 0 || p.DepartmentId is { } d && departmentIds.Contains(d)).ToList(), Query!,
                p => p.DepartmentId is { } d && snapshot.DepartmentsById.TryGetValue(d, out var unit) ? unit.Name : "", PeopleListed);
        if (Only == ResultKind.People || above)
        {
            People = Only == ResultKind.People ? people : people.Take(PeopleShown).ToList();
        }
        if (HasText)
        {
            Kinds = new KindFacet[]
            {
                new(ResultKind.News, "news", Only is null or ResultKind.News ? Results.Total : CountOf(ArticleKind.News, now)),
                new(ResultKind.Documents, "documents", Only == ResultKind.Documents || above || !everyKind ? FoundDocumentsTotal : CountOf(ArticleKind.Document, now)),
                new(ResultKind.Pages, "pages", Only == ResultKind.Pages || above ? SitePagesTotal : PublicPages(snapshot, now, Order, 0, 0)?.Total ?? 0),
                new(ResultKind.People, "people", people.Count),
            }.Where(k => InLanguage(k.Kind)).ToArray();
        }
    }

    // What a search in the page's language may find: in the default one, everything; in another,
    // its news and its pages (the documents and people are in the default language only).
    bool InLanguage(ResultKind kind) => Language.IsDefault || kind is ResultKind.News or ResultKind.Pages;

    // Documents of the register with the words (in their text, title, kind and number).
    async Task DocumentsAsync(SearchResults found, DateTime now, CancellationToken ct)
    {
        FoundDocumentsTotal = found.Total;
        HttpContext.Tag(CacheTags.Documents);
        if (found.Hits.Count == 0)
        {
            return;
        }
        var ids = found.Hits.Select(h => h.Id).ToList();
        var items = await db.Documents.Published(now).Where(d => ids.Contains(d.Id))
            .AsDocumentItems().ToDictionaryAsync(d => d.Id, ct);
        FoundDocuments = found.Hits.Where(h => items.ContainsKey(h.Id)).Select(h => (h, items[h.Id])).ToList();
    }


    async Task<SearchResults> BasicSearchAsync(List<Department> departments, List<Tag> tags, DateTime now, CancellationToken ct)
    {
        var articles = db.Articles.AsNoTracking().Published(now).PublishedBetween(From, To).Matching(Query);
        if (departments.Count > 0)
        {
            var ids = departments.Select(d => d.Id).ToList();
            articles = articles.Where(a => a.Departments.Any(d => ids.Contains(d.Id)));
        }
        if (tags.Count > 0)
        {
            var ids = tags.Select(t => t.Id).ToList();
            articles = articles.Where(a => a.Tags.Any(t => ids.Contains(t.Id)));
        }
        var found = await articles.Newest().Select(a => new { a.Id, a.Title, a.Summary }).ToPageAsync(PageNumber, ct, PageSize);
        // Escaped as the index's own hits are (Cyrillic as it is).
        var hits = found.Items.Select(a => new SearchHit(a.Id, HtmlTextEncoder.Encode(a.Title), HtmlTextEncoder.Encode(a.Summary))).ToList();
        var none = new Dictionary<int, int>();
        return new SearchResults(hits, found.TotalItems, none, none, none, AllWords: true);
    }

    // The hits' cards from the database, in the index's order; an article withdrawn a moment ago drops out.
    async Task<IReadOnlyList<Result>> LoadAsync(IReadOnlyList<SearchHit> hits, SiteChrome.Snapshot snapshot, DateTime now, CancellationToken ct)
    {
        var ids = hits.Select(h => h.Id).ToList();
        var articles = await db.Articles.AsNoTracking().Published(now).Where(a => ids.Contains(a.Id)).AsListItems().ToDictionaryAsync(a => a.Id, ct);
        var links = await db.LinksAsync(VisnykDb.ArticleDepartments, "DepartmentsId", ids, ct);
        return hits.Where(h => articles.ContainsKey(h.Id))
            .Select(h => new Result(h, articles[h.Id], links[h.Id].Select(snapshot.DepartmentsById.GetValueOrDefault).OfType<Department>()
                .OrderBy(d => d.Position).ThenBy(d => d.Name).ToList()))
            .ToList();
    }

    // The current search as query parameters, for page, order and feed links.
    public IEnumerable<KeyValuePair<string, string>> Parameters(bool withOrder = true)
    {
        if (HasText)
        {
            yield return new("q", Query!.Trim());
        }
        foreach (var slug in DepartmentSlugs)
        {
            yield return new("department", slug);
        }
        foreach (var slug in TagSlugs)
        {
            yield return new("tag", slug);
        }
        if (From is { } from)
        {
            yield return new("from", from.ToString("yyyy-MM-dd"));
        }
        if (To is { } to)
        {
            yield return new("to", to.ToString("yyyy-MM-dd"));
        }
        if (withOrder && Order == SearchOrder.Newest)
        {
            yield return new("sort", "date");
        }
        if (KindSlug is not null)
        {
            yield return new("kind", KindSlug);
        }
    }

    // The sign-up for e-mail about this search's new news (Newsletter/SavedSearch): with words,
    // a department or a tag, news (not another kind only), and an end not yet past. Its link always
    // carries q (even empty), which tells the sign-up it is a search.
    public string? AlertLink
    {
        get
        {
            if (Only is not (null or ResultKind.News) || !HasText && DepartmentSlugs.Length == 0 && TagSlugs.Length == 0
                || To is { } to && to < KyivTime.Day(clock.GetUtcNow().UtcDateTime))
            {
                return null;
            }
            var parameters = Parameters(withOrder: false).Where(p => p.Key != "kind").ToList();
            if (!HasText)
            {
                parameters.Insert(0, new("q", ""));
            }
            return Request.PathBase + "/subscribe" + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(parameters).ToQueryString();
        }
    }

    // The same search, of one kind (null: all of them).
    public string KindLink(string? kind) =>
        Request.PathBase + "/search" + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Parameters().Where(p => p.Key != "kind")
            .Concat(kind is null ? [] : [new KeyValuePair<string, string>("kind", kind)])).ToQueryString();

    // The same search narrowed to one Kyiv year.
    public string YearLink(int year)
    {
        var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Parameters().Where(p => p.Key is not ("from" or "to")))
        {
            { "from", $"{year}-01-01" },
            { "to", $"{year}-12-31" },
        };
        return Request.PathBase + "/search" + query.ToQueryString();
    }

    public string Link(int page = 1, SearchOrder? order = null)
    {
        var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Parameters(withOrder: order is null));
        if ((order ?? Order) == SearchOrder.Newest && order is not null)
        {
            query.Add("sort", "date");
        }
        if (page > 1)
        {
            query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return Request.PathBase + "/search" + query.ToQueryString();
    }
}
