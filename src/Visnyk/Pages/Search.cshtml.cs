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

        // Evicted when the index changes (SearchIndexer), which is a moment after the database does.
        HttpContext.Tag(CacheTags.Search);
        var now = clock.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        var found = search.Search(new SearchRequest(Query, departments.Select(d => d.Id).ToList(), tags.Select(t => t.Id).ToList(),
            From, To,
            Order, PageNumber, PageSize), db.SiteId, now);
        Basic = found is null;
        if (found is null)
        {
            // Just started, the index still building (or its dictionary loading, and a word new to
            // it): never "unavailable", but an answer from the database with a note, kept out of
            // every cache.
            Response.Headers.CacheControl = "no-store";
            found = await BasicSearchAsync(departments, tags, now, ct);
        }
        Results = found;
        if (Results.Hits.Count == 0 && PageNumber != 1)
        {
            return NotFound();
        }
        if (HasText && !Basic && PageNumber == 1)
        {
            FindPages(snapshot, now);
            await FindDocumentsAsync(now, ct);
            People = Visnyk.People.PeopleSearch.Find(snapshot.People, Query!,
                p => p.DepartmentId is { } d && snapshot.DepartmentsById.TryGetValue(d, out var unit) ? unit.Name : "", PeopleShown);
        }
        var searched = Stopwatch.GetTimestamp();
        Items = await LoadAsync(Results.Hits, snapshot, now, ct);
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

    // Documents of the register with the words (in their text, title, kind and number), the
    // best first; the whole list is at /documents and by this search's words.
    async Task FindDocumentsAsync(DateTime now, CancellationToken ct)
    {
        if (search.Search(new SearchRequest(Query, [], [], null, null, SearchOrder.Relevance, 1, DocumentsShown, WithCounts: false, Kind: ArticleKind.Document), db.SiteId, now) is not { Hits.Count: > 0 } found)
        {
            return;
        }
        var ids = found.Hits.Select(h => h.Id).ToList();
        var items = await db.Documents.Published(now).Where(d => ids.Contains(d.Id))
            .AsDocumentItems().ToDictionaryAsync(d => d.Id, ct);
        FoundDocuments = found.Hits.Where(h => items.ContainsKey(h.Id)).Select(h => (h, items[h.Id])).ToList();
        FoundDocumentsTotal = found.Total;
        HttpContext.Tag(CacheTags.Documents);
    }

    // Pages public now (every page above them too: the tree says), at their addresses in the tree.
    void FindPages(SiteChrome.Snapshot snapshot, DateTime now)
    {
        if (snapshot.Pages.Count == 0
            || search.Search(new SearchRequest(Query, [], [], null, null, SearchOrder.Relevance, 1, SitePagesShown * 2, WithCounts: false, Kind: ArticleKind.Page), db.SiteId, now) is not { } pages)
        {
            return;
        }
        SitePages = pages.Hits.Select(h => (h, snapshot.Pages.Find(h.Id)?.Path)).Where(p => p.Path is not null)
            .Select(p => (p.h, p.Path!)).Take(SitePagesShown).ToList();
        // All were read when there were few: the count is of the public ones; otherwise the index's.
        SitePagesTotal = pages.Total <= SitePagesShown * 2 ? pages.Hits.Count(h => snapshot.Pages.Find(h.Id) is not null) : pages.Total;
        HttpContext.Tag(SitePages.Select(p => CacheTags.Article(p.Hit.Id)).ToArray());
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
    }

    // The same search narrowed to one Kyiv year.
    public string YearLink(int year)
    {
        var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Parameters().Where(p => p.Key is not ("from" or "to")))
        {
            { "from", $"{year}-01-01" },
            { "to", $"{year}-12-31" },
        };
        return "/search" + query.ToQueryString();
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
        return "/search" + query.ToQueryString();
    }
}
