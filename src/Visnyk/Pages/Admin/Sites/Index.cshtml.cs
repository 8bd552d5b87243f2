using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Sites;

// The sites under this one (an oblast's hromadas), for its sites administrators: the list, and a
// new site with its domain and first administrator, created as `site create --parent` would
// (SiteCreation). It answers within seconds on every instance, without a restart.
[Authorize(Policy = AccountsSetup.SitesPolicy)]
public class IndexModel(VisnykDb db, SiteHosts hosts, AuditLog audit, IServiceProvider services) : PageModel
{
    public record Row(int Id, string Name, IReadOnlyList<string> Hosts, DateTime CreatedAt);

    public class CreateForm
    {
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.SiteNameInvalid)), MaxLength(200)]
        public string Name { get; set; } = "";
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.SiteHostRequired)), MaxLength(253)]
        public string Host { get; set; } = "";
        [MaxLength(253)]
        public string? Alias { get; set; }
        [MaxLength(256)]
        public string? Admin { get; set; }
    }

    [BindProperty]
    public CreateForm Create { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public SiteCreation.Created? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var here = HttpContext.SiteId();
            var (created, refusal) = await SiteCreation.CreateAsync(services,
                new SiteCreation.Request(Create.Host, Create.Name, string.IsNullOrWhiteSpace(Create.Alias) ? null : Create.Alias, string.IsNullOrWhiteSpace(Create.Admin) ? null : Create.Admin, here), ct);
            if (refusal is not null)
            {
                ModelState.AddModelError("", refusal.Message);
            }
            else
            {
                Created = created;
                await audit.WriteAsync(AuditActions.SiteCreated, $"site:{created!.Site.Id}",
                    string.Format(AdminText.AuditSiteCreated, created.Site.Name, created.Origin, Create.Admin?.Trim() ?? "—"), ct: ct);
                // This instance at once; the others within SiteHosts.Refresh.
                await hosts.ReloadAsync(ct);
                Create = new CreateForm();
                ModelState.Clear();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var here = HttpContext.SiteId();
        Rows = (await db.Sites.AsNoTracking().Where(s => s.ParentId == here).Include(s => s.Hosts).OrderBy(s => s.Name).ToListAsync(ct))
            .Select(s => new Row(s.Id, s.Name, s.Hosts.OrderByDescending(h => h.IsPrimary).ThenBy(h => h.Host).Select(h => h.Host).ToList(), s.CreatedAt)).ToList();
    }
}
