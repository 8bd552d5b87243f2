using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Accounts;

// Accounts are global, roles are per site: a user's roles (AspNetUserRoles) carry the site they
// hold on, with the "Site" filter and row-level security of every site table, so Identity's own
// role calls (IsInRole, AddToRole, GetRoles, GetUsersInRole) answer for the scope's site and no
// other. The sign-in cookie is bound to the site it was made on (Sessions), so roles read at
// sign-in on one host are never carried to another.
//
// Two additions to Identity's store: the key of a role row is (user, role, site), so its lookup
// by (user, role) becomes a filtered query; and a "sites administrator" (Roles.SitesAdministrator)
// of a site is an administrator there and, through Site.ParentId, of every site below it.
public class SiteUserStore(VisnykDb db, AllSites allSites, IdentityErrorDescriber? describer = null)
    : UserStore<User, IdentityRole, VisnykDb, string>(db, describer)
{
    // Held per user for the scope (a request asks several times).
    readonly Dictionary<string, bool> above = [];

    protected override Task<IdentityUserRole<string>?> FindUserRoleAsync(string userId, string roleId, CancellationToken ct) =>
        Context.Set<IdentityUserRole<string>>().SingleOrDefaultAsync(r => r.UserId == userId && r.RoleId == roleId, ct);

    public override async Task<IList<string>> GetRolesAsync(User user, CancellationToken ct = default)
    {
        var roles = (await base.GetRolesAsync(user, ct)).ToHashSet();
        if (await SitesAdministratorAboveAsync(user.Id, ct))
        {
            roles.Add(Roles.SitesAdministrator);
        }
        if (roles.Contains(Roles.SitesAdministrator))
        {
            roles.Add(Roles.Administrator);
        }
        return roles.ToList();
    }

    public override async Task<bool> IsInRoleAsync(User user, string normalizedRoleName, CancellationToken ct = default) =>
        await base.IsInRoleAsync(user, normalizedRoleName, ct)
        || normalizedRoleName is Normalized.Administrator or Normalized.SitesAdministrator
            && (await base.IsInRoleAsync(user, Normalized.SitesAdministrator, ct) || await SitesAdministratorAboveAsync(user.Id, ct));

    // A sites administrator of a site above this one (its parent, or further up).
    async Task<bool> SitesAdministratorAboveAsync(string userId, CancellationToken ct)
    {
        if (above.TryGetValue(userId, out var known))
        {
            return known;
        }
        var ancestors = new List<int>();
        for (var site = Context.SiteId; ancestors.Count < 8;)
        {
            var parent = await Context.Sites.Where(s => s.Id == site).Select(s => s.ParentId).SingleOrDefaultAsync(ct);
            if (parent is not { } next || ancestors.Contains(next) || next == Context.SiteId)
            {
                break;
            }
            ancestors.Add(site = next);
        }
        var found = false;
        if (ancestors.Count > 0)
        {
            // Rows of other sites: read across sites (row-level security shows a context its own site only).
            await using var all = allSites.Open();
            found = await all.Set<IdentityUserRole<string>>().IgnoreQueryFilters([VisnykDb.SiteFilter])
                .AnyAsync(r => r.UserId == userId && ancestors.Contains(EF.Property<int>(r, VisnykDb.SiteColumn))
                    && all.Roles.Any(role => role.Id == r.RoleId && role.NormalizedName == Normalized.SitesAdministrator), ct);
        }
        return above[userId] = found;
    }

    static class Normalized
    {
        public const string Administrator = "ADMINISTRATOR";
        public const string SitesAdministrator = "SITESADMINISTRATOR";
    }
}

public static class SiteRoles
{
    // The roles this user holds on the context's site itself (not those that come from a site above).
    public static Task<List<string>> HereAsync(VisnykDb db, string userId, CancellationToken ct) =>
        db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name!).ToListAsync(ct);

    // The sites where this user holds any role, across sites (the context comes from AllSites).
    public static Task<List<int>> SitesOfAsync(VisnykDb all, string userId, CancellationToken ct) =>
        all.Set<IdentityUserRole<string>>().IgnoreQueryFilters([VisnykDb.SiteFilter]).Where(r => r.UserId == userId)
            .Select(r => EF.Property<int>(r, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct);
}
