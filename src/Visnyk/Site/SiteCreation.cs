using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Caching;
using Visnyk.Data;

namespace Visnyk.Site;

// Creating a site, the one way both the command line (`site create`) and the newsroom
// (/admin/sites, for an oblast's sites administrators) do it: its row and hosts, its settings (the
// name given), and optionally its first administrator, all checked first and refused with a reason.
// Running instances serve it within seconds of the hosts' re-reading (SiteHosts), no restart.
public static partial class SiteCreation
{
    // Aliases: more hosts that lead to Host (an imported site's), besides Alias.
    public record Request(string? Host, string? Name, string? Alias = null, string? Admin = null, int? ParentId = null, IReadOnlyList<string>? Aliases = null);

    // Invalid: the request itself is wrong (a bad host, name or address); else a conflict (taken).
    public record Refusal(string Message, bool Invalid);

    // AdminLink: the first administrator's one-time set-up link; null when there is none, or when
    // the account existed already (it signs in with its own password).
    public record Created(Site Site, string Origin, string? AdminLink);

    public static async Task<(Created? Created, Refusal? Refusal)> CreateAsync(IServiceProvider services, Request request, CancellationToken ct)
    {
        var hosts = new[] { request.Host, request.Alias }.Concat(request.Aliases ?? []).Where(h => h is not null).Select(h => (Given: h!, Host: Normalize(h))).ToList();
        if (hosts.Count == 0 || hosts.Any(h => h.Host is null))
        {
            return (null, new Refusal(string.Format(AdminText.SiteHostInvalid, hosts.FirstOrDefault(h => h.Host is null).Given ?? ""), true));
        }
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            return (null, new Refusal(AdminText.SiteNameInvalid, true));
        }
        var admin = request.Admin?.Trim();
        if (admin is not null && (admin.Length > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(admin)))
        {
            return (null, new Refusal(string.Format(AdminText.SiteAdminInvalid, admin), true));
        }
        var names = hosts.Select(h => h.Host!).Distinct().ToList();
        var options = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        await using var registry = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = registry.ServiceProvider.GetRequiredService<VisnykDb>();
        // Another site's hosts, and the default site's public address (which it answers on
        // without a row of its own), with and without "www.".
        var reserved = Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUrl)
            ? new[] { SiteHosts.Normalize(publicUrl.Host) }.SelectMany(h => new[] { h, "www." + h, h.StartsWith("www.", StringComparison.Ordinal) ? h[4..] : h })
            : [];
        var taken = (await db.SiteHosts.Where(h => names.Contains(h.Host)).Select(h => h.Host).ToListAsync(ct)).Concat(names.Intersect(reserved)).Distinct().ToList();
        if (taken.Count > 0)
        {
            return (null, new Refusal(string.Format(AdminText.SiteHostTaken, string.Join(", ", taken)), false));
        }
        if (request.ParentId is { } parent && !await db.Sites.AnyAsync(s => s.Id == parent, ct))
        {
            return (null, new Refusal(string.Format(AdminText.SiteParentMissing, parent), false));
        }
        // The first administrator's account is checked before anything is written: a site is
        // never left without the administrator it was created with.
        if (admin is not null && await registry.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(admin) is null)
        {
            var users = registry.ServiceProvider.GetRequiredService<UserManager<User>>();
            var candidate = NewUser(admin, DateTime.MinValue);
            foreach (var validator in users.UserValidators)
            {
                if (await validator.ValidateAsync(users, candidate) is { Succeeded: false } invalid)
                {
                    return (null, new Refusal(string.Join(" ", invalid.Errors.Select(e => e.Description)), true));
                }
            }
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var site = new Site { Name = name, ParentId = request.ParentId, CreatedAt = now, Hosts = names.Select((h, i) => new SiteHost { Host = h, IsPrimary = i == 0 }).ToList() };
        db.Sites.Add(site);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Taken by another request between the check and the insert (hosts are unique).
            return (null, new Refusal(string.Format(AdminText.SiteHostTaken, string.Join(", ", names)), false));
        }
        var origin = PublicUrl.Origin(options, names[0]);
        string? link = null;
        await using (var own = services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(site.Id))
        {
            var siteDb = own.ServiceProvider.GetRequiredService<VisnykDb>();
            siteDb.SiteSettings.Add(new SiteSettings { BodyName = name, UpdatedAt = now });
            await siteDb.SaveChangesAsync(ct);
            if (admin is not null)
            {
                link = await FirstAdministratorAsync(own.ServiceProvider, admin, origin, now, ct);
            }
        }
        if (request.ParentId is { } above && services.GetService<SiteCache>() is { } cache)
        {
            // The site above has a site below now: its header links its "Новини громад".
            SiteChrome.Forget(cache, above);
            if (services.GetService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>() is { } pages)
            {
                await pages.EvictAsync(above, CacheTags.Site, ct);
            }
        }
        return (new Created(site, origin, link), null);
    }

    // The site's first administrator, in the site's scope (the role and the audit entry are the
    // site's). The set-up link for a new account, or one that has no password and no role anywhere;
    // never for another site's open invitation (that site's to hand over); else null.
    static async Task<string?> FirstAdministratorAsync(IServiceProvider site, string email, string origin, DateTime now, CancellationToken ct)
    {
        var users = site.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email);
        var elsewhere = false;
        if (user is not null)
        {
            await using var all = site.GetRequiredService<AllSites>().Open();
            elsewhere = (await SiteRoles.SitesOfAsync(all, user.Id, ct)).Count > 0;
        }
        if (user is null)
        {
            user = NewUser(email, now);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        await users.AddToRoleAsync(user, Roles.Administrator);
        // By whoever is signed in (the newsroom); from the command line, in the new administrator's name.
        var signedIn = site.GetService<IHttpContextAccessor>()?.HttpContext?.User.Identity?.IsAuthenticated == true;
        await site.GetRequiredService<AuditLog>().WriteAsync(AuditActions.UserCreated, AuditActions.User(user.Id),
            string.Format(AdminText.AuditSiteFirstAdministrator, Roles.Name(Roles.Administrator)), actor: signedIn ? null : user, ct: ct);
        return user.PasswordHash is null && !elsewhere ? await Invitations.LinkAsync(users, user, origin) : null;
    }

    internal static User NewUser(string email, DateTime now) => new() { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = now };

    // Takes back a site just created whose filling failed (`site import`): its settings, hosts and
    // row. Its content, written in one transaction that did not commit, is not there.
    public static async Task RemoveEmptyAsync(IServiceProvider services, int siteId, CancellationToken ct)
    {
        await using (var own = services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(siteId))
        {
            var siteDb = own.ServiceProvider.GetRequiredService<VisnykDb>();
            await siteDb.SiteSettings.ExecuteDeleteAsync(ct);
            await siteDb.AuditEntries.ExecuteDeleteAsync(ct);
        }
        await using var registry = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = registry.ServiceProvider.GetRequiredService<VisnykDb>();
        await db.SiteHosts.Where(h => h.SiteId == siteId).ExecuteDeleteAsync(ct);
        await db.Sites.Where(s => s.Id == siteId).ExecuteDeleteAsync(ct);
    }

    // A host as SiteHosts stores it (lower case, punycode); null when it is not a domain name (an
    // IP address is not one).
    public static string? Normalize(string? host) =>
        string.IsNullOrWhiteSpace(host) || SiteHosts.Normalize(host) is not { Length: <= 253 } ascii || !HostName().IsMatch(ascii)
            || System.Net.IPAddress.TryParse(ascii, out _) ? null : ascii;

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostName();
}
