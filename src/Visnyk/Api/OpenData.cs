using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Search;
using Visnyk.Site;

namespace Visnyk.Api;

// The read-only open-data API: /api/v1/news (paged, filtered), /api/v1/news/{id},
// /api/v1/departments, /api/v1/tags (and the register and people: DocumentsApi). Every answer states the licence and attribution; bad
// ?lang=en: the news written in English, names in English (default: Ukrainian); each article names
// its public translations (or original) in "translations"; bad
// parameters get RFC 7807 problem details; GETs are open to any origin (CORS); ETags come from
// the output cache's conditional-GET middleware like the pages'.
public static class OpenData
{
    public const string CorsPolicy = "open-data";
    public const int MaxPageSize = 100;

    public record Licence(string Name, string Url, string Attribution);
    public record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, Licence Licence);
    // The same article in another language: a translation of it, or its original.
    public record Translation(string Language, int Id, string Url);
    public record NewsItem(int Id, string Title, string Summary, string Url, DateTimeOffset Published, DateTimeOffset Updated,
        IReadOnlyList<string> Departments, IReadOnlyList<string> Tags, string? Image, string Language, IReadOnlyList<Translation> Translations);
    public record NewsArticle(int Id, string Title, string Summary, string BodyHtml, string Url, DateTimeOffset Published, DateTimeOffset Updated,
        IReadOnlyList<string> Departments, IReadOnlyList<string> Tags, string? Image, string? ImageAlt, string Language, IReadOnlyList<Translation> Translations, Licence Licence);
    public record Named(int Id, string Name, string Slug, string Url);
    // A department with what its page says of it, in the language asked for where administrators gave it.
    public record DepartmentItem(int Id, string Name, string Slug, string Url, string Description, string Address, string Phone, string Email, IReadOnlyList<string> Reception);
    public record Listing<T>(IReadOnlyList<T> Items, Licence Licence);

    public static void MapOpenData(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireCors(CorsPolicy).WithMetadata(new PublicResource(), ReadsLanguage.DefaultOnly).WithTags("Open data").AlsoHead();

        api.MapGet("/news", async Task<Results<Ok<Paged<NewsItem>>, ProblemHttpResult>> (HttpContext http, VisnykDb db, CurrentSite site, SiteChrome chrome, NewsSearch search, TimeProvider clock,
            int? page, int? pageSize, string? department, string? tag, DateOnly? from, DateOnly? to, string? q, string? lang, CancellationToken ct) =>
        {
            // The form of each value (dates, page numbers and sizes, text) is checked before this runs: Site/QueryRules.
            var errors = new Dictionary<string, string[]>();
            if (from > to) errors["from"] = ["Початок пізніше за кінець."];
            if (q?.Length > SearchQuery.MaxLength) errors["q"] = [$"До {SearchQuery.MaxLength} символів."];
            var text = string.IsNullOrWhiteSpace(q) ? null : q;
            if (text is not null && page > NewsSearch.MaxPage) errors["page"] = [$"З текстовим запитом — до {NewsSearch.MaxPage} сторінки."];
            var snapshot = await chrome.GetAsync(ct);
            var departmentId = department is null ? null : snapshot.Departments.FirstOrDefault(d => d.Slug == department)?.Id;
            var tagId = tag is null ? null : snapshot.Tags.FirstOrDefault(t => t.Slug == tag)?.Id;
            if (department is not null && departmentId is null) errors["department"] = [$"Немає підрозділу «{department}»."];
            if (tag is not null && tagId is null) errors["tag"] = [$"Немає тегу «{tag}»."];
            var language = Language(lang, errors);
            if (errors.Count > 0)
            {
                return Problem(errors);
            }
            site.Language = language; // the articles written in it (VisnykDb's "Language" filter)
            snapshot = snapshot.In(language);
            var now = clock.GetUtcNow().UtcDateTime;
            var size = pageSize ?? 20;
            var number = page ?? 1;
            IQueryable<Article> articles;
            int total;
            if (text is not null)
            {
                // Text goes through the search index (every word form); the newest first, like the plain list.
                var found = search.Search(new SearchRequest(text, departmentId is { } sd ? [sd] : [], tagId is { } st ? [st] : [],
                    from, to,
                    SearchOrder.Newest, number, size, WithCounts: false, WithHighlights: false, Language: language.Code), db.SiteId, now);
                if (found is null)
                {
                    http.Response.Headers.RetryAfter = "30";
                    return TypedResults.Problem(title: "Пошук саме оновлюється; повторіть за хвилину", statusCode: 503);
                }
                var ids = found.Hits.Select(h => h.Id).ToList();
                (articles, total) = (db.Articles.AsNoTracking().Published(now).Where(a => ids.Contains(a.Id)), found.Total);
                number = 1; // the page is already cut
            }
            else
            {
                articles = db.Articles.AsNoTracking().Published(now).PublishedBetween(from, to);
                if (departmentId is { } d) articles = articles.InDepartment(d);
                if (tagId is { } tg) articles = articles.WithTag(tg);
                total = await articles.CountAsync(ct);
            }
            var items = await articles.Newest().Skip((number - 1) * size).Take(size)
                .Select(a => new { a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt, a.LeadImage, a.OriginalId,
                    Departments = a.Departments.Select(x => x.Id).ToList(), Tags = a.Tags.Select(x => x.Id).ToList() })
                .AsSplitQuery().ToListAsync(ct);
            var translations = await TranslationsAsync(http, db, items.Select(a => (a.Id, a.OriginalId)).ToList(), now, ct);
            http.Tag(text is null ? CacheTags.Latest : CacheTags.Search);
            return TypedResults.Ok(new Paged<NewsItem>(items.Select(a => new NewsItem(a.Id, a.Title, a.Summary, PublicUrl.For(http, Article.PathOf(ArticleKind.News, a.Id, a.Slug, null, language)),
                Kyiv(a.PublishedAt), Kyiv(a.UpdatedAt), Names(a.Departments, snapshot.DepartmentsById, d => d.Name), Names(a.Tags, snapshot.TagsById, t => t.Name),
                a.LeadImage is { } i ? PublicUrl.For(http, i.Url(i.BestWidth(960), "jpg")) : null, language.Code, [.. translations[a.Id]])).ToList(),
                page ?? 1, size, total, LicenceOf(snapshot.Settings.In(language))));
        });

        api.MapGet("/news/{id:int}", async Task<Results<Ok<NewsArticle>, NotFound>> (int id, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            var data = await ArticlePage.LoadAsync(db, chrome, id, clock.GetUtcNow().UtcDateTime, ct);
            if (data is null)
            {
                return TypedResults.NotFound();
            }
            var a = data.Article;
            http.Shows([(a.Id, a.UpdatedAt)]);
            // Named in the article's own language, whatever ?lang says.
            var language = a.Written;
            return TypedResults.Ok(new NewsArticle(a.Id, a.Title, a.Summary, a.Body, PublicUrl.For(http, a.Path), Kyiv(a.PublishedAt), Kyiv(a.UpdatedAt),
                a.Departments.Select(x => x.NameIn(language)).ToList(), a.Tags.Select(x => x.NameIn(language)).ToList(),
                a.LeadImage is { } i ? PublicUrl.For(http, i.Url(i.BestWidth(1440), "jpg")) : null, a.LeadImage?.Alt,
                language.Code, data.Translations.Where(t => t.Id is not null).Select(t => new Translation(t.Language.Code, t.Id!.Value, PublicUrl.For(http, t.Path))).ToList(),
                LicenceOf((await chrome.GetAsync(ct)).Settings.In(language))));
        });

        api.MapGet("/departments", async Task<Results<Ok<Listing<DepartmentItem>>, ProblemHttpResult>> (HttpContext http, SiteChrome chrome, string? lang, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var language = Language(lang, errors);
            if (errors.Count > 0)
            {
                return Problem(errors);
            }
            var snapshot = (await chrome.GetAsync(ct)).In(language);
            return TypedResults.Ok(new Listing<DepartmentItem>(snapshot.Departments.Select(d => new DepartmentItem(d.Id, d.Name, d.Slug, PublicUrl.For(http, language.PathOf($"/departments/{d.Slug}")),
                d.Description, d.Address, d.Phone, d.Email, d.ReceptionHourList.ToList())).ToList(), LicenceOf(snapshot.Settings.In(language))));
        });

        api.MapGet("/tags", async Task<Results<Ok<Listing<Named>>, ProblemHttpResult>> (HttpContext http, SiteChrome chrome, string? lang, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var language = Language(lang, errors);
            if (errors.Count > 0)
            {
                return Problem(errors);
            }
            var snapshot = (await chrome.GetAsync(ct)).In(language);
            return TypedResults.Ok(new Listing<Named>(snapshot.Tags.Select(t => new Named(t.Id, t.Name, t.Slug, PublicUrl.For(http, language.PathOf($"/tags/{t.Slug}")))).ToList(),
                LicenceOf(snapshot.Settings.In(language))));
        });

        api.MapDocumentsApi();
    }

    // Bad parameters, each named with what is wrong (RFC 7807), for every endpoint of the API.
    internal static ProblemHttpResult Problem(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = "Неправильні параметри запиту", Status = 400 });

    // ?lang: one of the site's languages (none: the default one); another is an error.
    internal static SiteLanguage Language(string? lang, Dictionary<string, string[]> errors)
    {
        if (lang is null)
        {
            return SiteLanguage.Default;
        }
        if (SiteLanguage.Find(lang) is { } language)
        {
            return language;
        }
        errors["lang"] = [$"Немає мови «{lang}»; є: {string.Join(", ", SiteLanguage.All.Select(l => l.Code))}."];
        return SiteLanguage.Default;
    }

    static List<string> Names<T>(IEnumerable<int> ids, IReadOnlyDictionary<int, T> known, Func<T, string> name) =>
        ids.Where(known.ContainsKey).Select(id => name(known[id])).ToList();

    // The public versions in other languages of each listed article: the translations of its
    // original and the original itself, in one query.
    static async Task<ILookup<int, Translation>> TranslationsAsync(HttpContext http, VisnykDb db, List<(int Id, int? OriginalId)> items, DateTime now, CancellationToken ct)
    {
        var originals = items.Select(i => i.OriginalId ?? i.Id).Distinct().ToList();
        var versions = (await db.Articles.IgnoreQueryFilters([VisnykDb.LanguageFilter]).AsNoTracking().Published(now)
            .Where(a => originals.Contains(a.Id) || a.OriginalId != null && originals.Contains(a.OriginalId.Value))
            .Select(a => new { a.Id, a.OriginalId, a.Language, a.Slug }).ToListAsync(ct))
            .ToLookup(v => v.OriginalId ?? v.Id);
        return items.SelectMany(i => versions[i.OriginalId ?? i.Id].Where(v => v.Id != i.Id).Select(v =>
            (i.Id, Version: new Translation(v.Language, v.Id, PublicUrl.For(http, Article.PathOf(ArticleKind.News, v.Id, v.Slug, null, SiteLanguage.Of(v.Language)))))))
            .ToLookup(x => x.Id, x => x.Version);
    }

    public static DateTimeOffset Kyiv(DateTime utc) => new(KyivTime.ToKyiv(utc), KyivTime.Zone.GetUtcOffset(utc));

    public static Licence LicenceOf(SiteSettings settings) =>
        new(string.IsNullOrEmpty(settings.LicenceName) ? "CC BY 4.0" : settings.LicenceName,
            string.IsNullOrEmpty(settings.LicenceUrl) ? "https://creativecommons.org/licenses/by/4.0/" : settings.LicenceUrl,
            settings.BodyName);
}
