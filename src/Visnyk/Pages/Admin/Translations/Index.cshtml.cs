using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Translations;

// Translation work of each of the site's other languages: the published news (or the tree's pages) in
// the default language that have no version in it yet ("потребує перекладу"), newest first, by
// department if asked; and the published translations whose original was changed after them ("можливо, застарів").
public class IndexModel(VisnykDb db, SiteChrome chrome, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;
    // The newest published translations checked against their originals.
    const int Checked = 500;

    public record Row(int Id, string Title, DateTime PublishedAt, string Departments);

    [FromQuery(Name = "language")]
    public string? LanguageCode { get; set; }

    // "pages": the page tree's pages instead of the news.
    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    public bool OfPages => Kind == "pages";

    [FromQuery(Name = "department")]
    public int? Department { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public SiteLanguage Language { get; private set; } = SiteLanguage.English;
    public IReadOnlyList<SiteLanguage> Languages { get; } = SiteLanguage.Others;
    public IReadOnlyList<Department> AllDepartments { get; private set; } = [];
    public IReadOnlyList<Row> Untranslated { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<Row> OutOfDate { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (LanguageCode is not null && SiteLanguage.Find(LanguageCode) is not { IsDefault: false } || Kind is not (null or "news" or "pages"))
        {
            return BadRequest();
        }
        Language = SiteLanguage.Find(LanguageCode) ?? Languages[0];
        AllDepartments = (await chrome.GetAsync(ct)).Departments;
        var now = clock.GetUtcNow().UtcDateTime;
        var target = Language.Code;

        // The kind said outright: the subqueries below read Publications, and ignoring the news filter
        // there ignores it for the whole query (EF Core), so db.Articles listed the pages among the news.
        var of = OfPages ? db.SitePages.Where(p => p.PagePath != null) : db.Publications.Where(a => a.Kind == ArticleKind.News);
        var untranslated = of.AsNoTracking().Published(now).WrittenIn(SiteLanguage.Default)
            .Where(a => !db.Publications.Any(t => t.OriginalId == a.Id && t.Language == target));
        if (Department is { } department)
        {
            untranslated = untranslated.InDepartment(department);
        }
        Total = await untranslated.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Untranslated = await untranslated.Newest().Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.PublishedAt, string.Join(", ", a.Departments.Select(d => d.Name))))
            .ToListAsync(ct);

        var translations = of.AsNoTracking().Published(now).WrittenIn(Language).Where(a => a.OriginalText != null);
        if (Department is { } inDepartment)
        {
            translations = translations.InDepartment(inDepartment);
        }
        var pairs = await translations.Newest().Take(Checked)
            .Join(db.Publications, t => t.OriginalId, o => (int?)o.Id, (t, o) => new
            {
                Row = new Row(t.Id, t.Title, t.PublishedAt, string.Join(", ", t.Departments.Select(d => d.Name))),
                t.OriginalText, o.Title, o.Summary, o.Body,
            })
            .ToListAsync(ct);
        OutOfDate = pairs.Where(p => Article.OutOfDate(p.OriginalText, p.Title, p.Summary, p.Body)).Select(p => p.Row).ToList();
        return Page();
    }
}
