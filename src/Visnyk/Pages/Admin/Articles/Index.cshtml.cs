using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Articles;

// The newsroom's list: the articles this user may work on, newest change first.
public class IndexModel(VisnykDb db, SiteChrome chrome) : PageModel
{
    public const int PageSize = 50;

    public record Row(int Id, string Title, ArticleStatus Status, DateTime PublishedAt, DateTime UpdatedAt, string Departments);

    [FromQuery(Name = "status")]
    public ArticleStatus? Status { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Desk Desk { get; private set; } = null!;
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var snapshot = await chrome.GetAsync(ct);
        Desk = await Desk.ForAsync(User, db, snapshot.Settings.EditorsMayPublish, ct);
        var articles = Desk.Visible(db.Articles.AsNoTracking());
        if (Status is { } status)
        {
            articles = articles.Where(a => a.Status == status);
        }
        Total = await articles.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await articles.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Status, a.PublishedAt, a.UpdatedAt, string.Join(", ", a.Departments.Select(d => d.Name))))
            .ToListAsync(ct);
    }
}
