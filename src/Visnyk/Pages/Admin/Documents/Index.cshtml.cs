using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Documents;

// The register as the newsroom keeps it, whatever each document's state, newest signed first.
// Documents are written in the news editor (/admin/documents/edit).
public class IndexModel(VisnykDb db, SiteChrome chrome) : PageModel
{
    public record Row(int Id, string Title, DocumentType? DocType, string? DocNumber, DateOnly? SignedOn, ArticleStatus Status, DocumentStatus DocStatus, int Files, List<int> DepartmentIds)
    {
        public string Heading => string.Format(Text.DocumentHeading, DocType is { } t ? DocumentNames.Type(t) : Text.DocumentTypeOther, DocNumber, SignedOn?.ToString("dd.MM.yyyy"));
    }

    public Page<Row> Documents { get; private set; } = null!;
    public Desk Desk { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> DepartmentNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(int page = 1, CancellationToken ct = default)
    {
        var snapshot = await chrome.GetAsync(ct);
        Desk = await Desk.ForAsync(User, db, snapshot.Settings.EditorsMayPublish, ct);
        DepartmentNames = snapshot.Departments.ToDictionary(d => d.Id, d => d.Name);
        Documents = await db.Documents.AsNoTracking().OrderByDescending(d => d.SignedOn).ThenByDescending(d => d.Id)
            .Select(d => new Row(d.Id, d.Title, d.DocType, d.DocNumber, d.SignedOn, d.Status, d.DocStatus, d.Files.Count, d.Departments.Select(x => x.Id).ToList()))
            .ToPageAsync(Math.Max(1, page), ct, size: 50);
    }
}
