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

// One account of this site's newsroom: its role and departments here, taking it off this site,
// blocking it, a new two-factor set-up, a new set-up link. Every change is audited and ends the
// account's sessions: everywhere (a new security stamp), or on this site only for an account that
// works for other sites too (SignOutAsync). The last active administrator cannot be
// blocked, demoted or taken off, so the newsroom is never ownerless. Accounts are global: what
// acts on the account itself (blocking, second factor, password link) is for an account that has
// roles on this site only; one that works for other sites too is theirs as well, and this site's
// administrators can change only its role here.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class EditModel(VisnykDb db, UserManager<User> users, AuditLog audit, SiteChrome chrome, AllSites allSites, SiteHosts hosts, IOptions<SiteOptions> options, TimeProvider clock) : PageModel
{
    // The account holds roles on other sites too.
    public bool Shared { get; private set; }
    public User Account { get; private set; } = null!;
    public string Role { get; private set; } = "";
    public IReadOnlyList<Department> AllDepartments { get; private set; } = [];
    public string? Link { get; private set; }
    [TempData] public string? Message { get; set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, List<int> departments, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (!Roles.All.Contains(role))
        {
            return BadRequest();
        }
        // Power over the sites below is given and taken only by those who have it.
        if ((role == Roles.SitesAdministrator || Role == Roles.SitesAdministrator) && role != Role && !User.IsInRole(Roles.SitesAdministrator))
        {
            return Refuse(AdminText.SitesAdministratorOnly);
        }
        if (Role is Roles.Administrator or Roles.SitesAdministrator && role is not (Roles.Administrator or Roles.SitesAdministrator) && await IsLastAdministratorAsync())
        {
            return Refuse(AdminText.LastAdministratorDemote);
        }
        var before = $"{Roles.Name(Role)}; {string.Join(", ", Account.Departments.Select(d => d.Name))}";
        if (Role != role)
        {
            if (Role.Length > 0)
            {
                await users.RemoveFromRoleAsync(Account, Role);
            }
            await users.AddToRoleAsync(Account, role);
        }
        Account.Departments = role == Roles.Editor ? await db.Departments.Where(d => departments.Contains(d.Id)).ToListAsync(ct) : [];
        await SignOutAsync(everywhere: Role == Roles.SitesAdministrator || role == Roles.SitesAdministrator);
        var after = $"{Roles.Name(role)}; {string.Join(", ", Account.Departments.Select(d => d.Name))}";
        await audit.WriteAsync(AuditActions.RolesChanged, AuditActions.User(id), $"{before} → {after}", ct: ct);
        return Done(AdminText.UserRoleSaved);
    }

    // Off this site's newsroom; the account stays for its other sites (or for being invited again).
    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Role == Roles.SitesAdministrator && !User.IsInRole(Roles.SitesAdministrator))
        {
            return Refuse(AdminText.SitesAdministratorOnly);
        }
        if (Role is Roles.Administrator or Roles.SitesAdministrator && await IsLastAdministratorAsync())
        {
            return Refuse(AdminText.LastAdministratorDemote);
        }
        await users.RemoveFromRoleAsync(Account, Role);
        Account.Departments = [];
        await SignOutAsync(everywhere: Role == Roles.SitesAdministrator);
        await audit.WriteAsync(AuditActions.RolesChanged, AuditActions.User(id), $"{Roles.Name(Role)} → {AdminText.UserRemovedRole}", ct: ct);
        Message = string.Format(AdminText.UserRemovedDone, Account.Email);
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostBlockAsync(string id, bool blocked, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Shared)
        {
            return Refuse(AdminText.UserOnOtherSites);
        }
        if (blocked && Role is Roles.Administrator or Roles.SitesAdministrator && await IsLastAdministratorAsync())
        {
            return Refuse(AdminText.LastAdministratorBlock);
        }
        await users.SetLockoutEnabledAsync(Account, true);
        await users.SetLockoutEndDateAsync(Account, blocked ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(Account);
        await audit.WriteAsync(blocked ? AuditActions.UserDisabled : AuditActions.UserEnabled, AuditActions.User(id), Account.Email ?? "", ct: ct);
        return Done(blocked ? AdminText.UserBlockedDone : AdminText.UserUnblockedDone);
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Shared)
        {
            return Refuse(AdminText.UserOnOtherSites);
        }
        // Every second factor goes (the passkeys may be on the lost phone too), and the user must
        // enrol again before any page works, whatever the site settings allow editors.
        await users.SetTwoFactorEnabledAsync(Account, false);
        await users.ResetAuthenticatorKeyAsync(Account);
        foreach (var passkey in await users.GetPasskeysAsync(Account))
        {
            await users.RemovePasskeyAsync(Account, passkey.CredentialId);
        }
        Account.MustEnrolTwoFactor = true;
        await users.UpdateAsync(Account);
        await audit.WriteAsync(AuditActions.TwoFactorReset, AuditActions.User(id), AdminText.AuditTwoFactorResetByAdmin, ct: ct);
        return Done(AdminText.UserTwoFactorResetDone);
    }

    public async Task<IActionResult> OnPostLinkAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        if (Shared)
        {
            return Refuse(AdminText.UserOnOtherSites);
        }
        Link = await Invitations.LinkAsync(users, Account, await PublicUrl.KnownOriginAsync(options.Value, hosts, HttpContext.SiteId(), ct));
        await audit.WriteAsync(AuditActions.UserInvited, AuditActions.User(id), AdminText.AuditNewSetupLink, ct: ct);
        return Page();
    }

    async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var account = await db.Users.Include(u => u.Departments).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (account is null)
        {
            return false;
        }
        // Only this site's newsroom: an account without a role here is not this page's to show.
        Role = (await SiteRoles.HereAsync(db, id, ct)).FirstOrDefault() ?? "";
        if (Role.Length == 0)
        {
            return false;
        }
        Account = account;
        Now = clock.GetUtcNow();
        await using (var all = allSites.Open())
        {
            // Shared too when the read across sites does not even see this site's own role (a
            // maintenance role without BYPASSRLS): unknown counts as shared. A sites administrator
            // is an administrator of the sites below: theirs as much as this site's, so only another
            // sites administrator may act on their account.
            var sites = await SiteRoles.SitesOfAsync(all, id, ct);
            Shared = !sites.Contains(HttpContext.SiteId()) || sites.Any(site => site != HttpContext.SiteId())
                || Role == Roles.SitesAdministrator && !User.IsInRole(Roles.SitesAdministrator);
        }
        AllDepartments = (await chrome.GetAsync(ct)).Departments;
        return true;
    }

    // No other administrator could sign in: blocked ones cannot, nor those whose invitation is
    // still open (no password yet; the link expires).
    async Task<bool> IsLastAdministratorAsync()
    {
        var admins = (await users.GetUsersInRoleAsync(Roles.Administrator)).Concat(await users.GetUsersInRoleAsync(Roles.SitesAdministrator));
        return !admins.Any(a => a.Id != Account.Id && a.PasswordHash is not null && (a.LockoutEnd is null || a.LockoutEnd < Now));
    }

    // A role changed here: the account's sessions end, on this site only if it works for others too
    // (one site's administrators must not sign it out of every site, again and again), except when
    // the change is to a sites administrator's role, whose sessions on the sites below hold it too.
    async Task SignOutAsync(bool everywhere)
    {
        if (Shared && !everywhere)
        {
            await db.SaveChangesAsync();
            await Sessions.EndOnSiteAsync(db, Account.Id, HttpContext.SiteId());
        }
        else
        {
            await users.UpdateSecurityStampAsync(Account);
        }
    }

    IActionResult Done(string message)
    {
        Message = message;
        return RedirectToPage(new { id = Account.Id });
    }

    IActionResult Refuse(string message)
    {
        ModelState.AddModelError("", message);
        return Page();
    }
}
