using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Site;

namespace Visnyk.Pages.Documents;

// /documents: the register, newest signed first, filtered by kind, year, status and issuer, or
// looked up by number ("розпорядження № 123 від 12.03.2025").
public class IndexModel(VisnykDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "number")]
    public string? Number { get; set; }
    [BindProperty(SupportsGet = true, Name = "issuer")]
    public string? Issuer { get; set; }

    public Page<DocumentListItem> Documents { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<string> Issuers { get; private set; } = [];
    // The one document the number names, when it names one.
    public DocumentListItem? Exact { get; private set; }
    public bool Filtered => Type is not null || Year is not null || Status is not null || !string.IsNullOrWhiteSpace(Number) || !string.IsNullOrWhiteSpace(Issuer);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || pageNumber < 1)
        {
            return BadRequest();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var register = db.Documents.Published(now);
        var type = DocumentQueries.Named<DocumentType>(Type);
        var status = DocumentQueries.Named<DocumentStatus>(Status);
        (Type, Status) = (type?.ToString(), status?.ToString());
        var query = register.Filtered(type, Year, status, Issuer, Number);
        Documents = await query.NewestSigned()
            .AsDocumentItems()
            .ToPageAsync(pageNumber, ct);
        if (Documents.Items.Count == 0 && pageNumber != 1)
        {
            return NotFound();
        }
        Exact = !string.IsNullOrWhiteSpace(Number) && Documents.TotalItems == 1 ? Documents.Items[0] : null;
        // The choices: years and issuers of the whole register, so a filter never hides the others.
        Years = (await register.Where(d => d.SignedOn != null).Select(d => d.SignedOn!.Value.Year).Distinct().ToListAsync(ct)).OrderDescending().ToList();
        Issuers = (await register.Where(d => d.IssuedBy != null && d.IssuedBy != "").Select(d => d.IssuedBy!).Distinct().ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();
        HttpContext.Tag(CacheTags.Documents);
        return Page();
    }

    public IReadOnlyDictionary<string, string?> Query => new Dictionary<string, string?>
    {
        ["type"] = Type, ["year"] = Year?.ToString(), ["status"] = Status, ["number"] = Number, ["issuer"] = Issuer,
    };
}
