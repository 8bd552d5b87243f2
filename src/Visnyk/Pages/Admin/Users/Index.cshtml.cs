using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Users;

// This site's newsroom: the accounts with a role here, and invitations. An invitation is a
// one-time link (two days) that the administrator passes on; e-mail delivery comes with the mail
// feature. Accounts are global: inviting an address that already has an account (on another
// site) gives that account a role here, and its owner signs in with the password they have.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db, UserManager<User> users, AuditLog audit, SiteChrome chrome, SiteHosts hosts, AllSites allSites, IOptions<SiteOptions> options, TimeProvider clock) : PageModel
{
    public record Row(User User, IList<string> Roles, string Departments);

    public class InviteForm
    {
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.AddressRequired)), EmailAddress(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.EmailInvalid)), MaxLength(256)]
        public string Email { get; set; } = "";
        [MaxLength(200), Display(Name = nameof(AdminText.PersonName), ResourceType = typeof(AdminText))]
        public string? Name { get; set; }
        [Required, Display(Name = nameof(AdminText.Role), ResourceType = typeof(AdminText))]
        public string Role { get; set; } = Accounts.Roles.Editor;
        public List<int> Departments { get; set; } = [];
    }

    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Department> AllDepartments { get; private set; } = [];
    public string? InvitationLink { get; private set; }
    public string? Granted { get; private set; }
    [TempData]
    public string? Message { get; set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Accounts.Roles.All.Contains(Invite.Role))
        {
            ModelState.AddModelError("Invite.Role", AdminText.RoleUnknown);
        }
        if (Invite.Role == Accounts.Roles.SitesAdministrator && !User.IsInRole(Accounts.Roles.SitesAdministrator))
        {
            ModelState.AddModelError("Invite.Role", AdminText.SitesAdministratorOnly);
        }
        if (Invite.Role == Accounts.Roles.Editor && Invite.Departments.Count == 0)
        {
            ModelState.AddModelError("Invite.Departments", AdminText.EditorNeedsDepartment);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var departments = Invite.Role == Accounts.Roles.Editor
            ? await db.Departments.Where(d => Invite.Departments.Contains(d.Id)).ToListAsync(ct)
            : [];
        if (await users.FindByEmailAsync(Invite.Email.Trim()) is { } existing)
        {
            return await GrantAsync(existing, departments, ct);
        }
        var user = new User
        {
            UserName = Invite.Email.Trim(),
            Email = Invite.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(Invite.Name) ? Invite.Email.Trim() : Invite.Name.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Departments = departments,
        };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Invite.Email", error.Description);
            }
            await LoadAsync(ct);
            return Page();
        }
        await users.AddToRoleAsync(user, Invite.Role);
        await audit.WriteAsync(AuditActions.UserInvited, AuditActions.User(user.Id),
            string.Format(AdminText.AuditInvited, user.Email, Accounts.Roles.Name(Invite.Role), string.Join(", ", user.Departments.Select(d => d.Name))), ct: ct);
        InvitationLink = await Invitations.LinkAsync(users, user, await PublicUrl.KnownOriginAsync(options.Value, hosts, HttpContext.SiteId(), ct));
        Invite = new InviteForm();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    // An account of another site (or of none any more) joins this site's newsroom. It keeps its
    // password and sessions elsewhere; a set-up link is given only for an account that works for
    // no other site (an invitation of another site is that site's to hand over, never this one's).
    async Task<IActionResult> GrantAsync(User user, List<Department> departments, CancellationToken ct)
    {
        if ((await users.GetRolesAsync(user)).Count > 0)
        {
            ModelState.AddModelError("Invite.Email", string.Format(AdminText.UserExists, user.Email));
            await LoadAsync(ct);
            return Page();
        }
        List<int> sites;
        await using (var all = allSites.Open())
        {
            sites = await SiteRoles.SitesOfAsync(all, user.Id, ct);
        }
        await users.AddToRoleAsync(user, Invite.Role);
        var account = await db.Users.Include(u => u.Departments).SingleAsync(u => u.Id == user.Id, ct);
        account.Departments = departments;
        await db.SaveChangesAsync(ct);
        // Its sessions on this site end, as at any change of roles (it has none here yet, as a rule).
        await Sessions.EndOnSiteAsync(db, user.Id, HttpContext.SiteId());
        await audit.WriteAsync(AuditActions.UserInvited, AuditActions.User(user.Id),
            string.Format(AdminText.AuditInvited, user.Email, Accounts.Roles.Name(Invite.Role), string.Join(", ", departments.Select(d => d.Name))), ct: ct);
        if (user.PasswordHash is null && sites.Count > 0)
        {
            Granted = string.Format(AdminText.UserGrantedInvitedElsewhere, user.Email);
        }
        else if (user.PasswordHash is null)
        {
            InvitationLink = await Invitations.LinkAsync(users, user, await PublicUrl.KnownOriginAsync(options.Value, hosts, HttpContext.SiteId(), ct));
        }
        else
        {
            Granted = string.Format(AdminText.UserGranted, user.Email);
        }
        Invite = new InviteForm();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    // What the account can do now: blocked, invited (no password yet) or active.
    public static string State(User user, DateTimeOffset now) =>
        user.LockoutEnd > now ? AdminText.UserBlocked : user.PasswordHash is null ? AdminText.UserInvited : AdminText.UserActive;

    async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        AllDepartments = (await chrome.GetAsync(ct)).Departments;
        // Those with a role on this site (the roles' "Site" filter); departments are this site's too.
        var all = await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(r => r.UserId == u.Id))
            .Include(u => u.Departments).OrderBy(u => u.Email).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var user in all)
        {
            rows.Add(new Row(user, await users.GetRolesAsync(user), string.Join(", ", user.Departments.Select(d => d.Name))));
        }
        Rows = rows;
    }
}
