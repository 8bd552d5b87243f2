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

    public Page<Item> Documents { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<string> Issuers { get; private set; } = [];
    // The one document the number names, when it names one.
    public Item? Exact { get; private set; }
    public bool Filtered => Type is not null || Year is not null || Status is not null || !string.IsNullOrWhiteSpace(Number) || !string.IsNullOrWhiteSpace(Issuer);

    public record Item(int Id, string Slug, string Title, DocumentType? DocType, string? DocNumber, DateOnly? SignedOn, string? IssuedBy, DocumentStatus DocStatus)
    {
        public string Path => $"/documents/{Id}-{Slug}";
        public string Heading => string.Format(Text.DocumentHeading, DocType is { } t ? DocumentNames.Type(t) : Text.DocumentTypeOther, DocNumber, SignedOn?.ToString("dd.MM.yyyy"));
    }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        if (!ModelState.IsValid || pageNumber < 1)
        {
            return BadRequest();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var register = db.Documents.Where(d => d.Status == ArticleStatus.Published && d.PublishedAt <= now);
        var query = register;
        if (Enum.TryParse<DocumentType>(Type, out var type) && Enum.IsDefined(type))
        {
            query = query.Where(d => d.DocType == type);
        }
        else
        {
            Type = null;
        }
        if (Year is { } year)
        {
            query = query.Where(d => d.SignedOn >= new DateOnly(Math.Clamp(year, 1, 9998), 1, 1) && d.SignedOn < new DateOnly(Math.Clamp(year, 1, 9998) + 1, 1, 1));
        }
        if (Enum.TryParse<DocumentStatus>(Status, out var status) && Enum.IsDefined(status))
        {
            query = query.Where(d => d.DocStatus == status);
        }
        else
        {
            Status = null;
        }
        if (!string.IsNullOrWhiteSpace(Issuer))
        {
            var issuer = Issuer.Trim();
            query = query.Where(d => d.IssuedBy == issuer);
        }
        if (DocumentLookup.Parse(Number) is { } lookup)
        {
            query = query.Where(d => d.NumberKey == lookup.NumberKey);
            if (lookup.Type is { } kind)
            {
                query = query.Where(d => d.DocType == kind);
            }
            if (lookup.SignedOn is { } signed)
            {
                query = query.Where(d => d.SignedOn == signed);
            }
        }
        else if (!string.IsNullOrWhiteSpace(Number))
        {
            // Not a number: nothing has it (the words of a document are found by /search).
            query = query.Where(d => false);
        }
        Documents = await query.OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id)
            .Select(d => new Item(d.Id, d.Slug, d.Title, d.DocType, d.DocNumber, d.SignedOn, d.IssuedBy, d.DocStatus))
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
