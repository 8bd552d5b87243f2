using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Accounts;

// One signed-in browser. The cookie alone is a bearer token that a copy keeps alive; this row is
// the server's word that the session still stands, so signing out (here or everywhere) ends it on
// every instance, and CreatedAt bounds it to a working day however busy it stays.
//
// A session belongs to the site (host) it was opened on: roles are per site, and the cookie's
// role claims were read for that site, so the same cookie sent to another site's host is no
// session there (the user signs in on each site's host).
public class Session
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public int SiteId { get; set; }
    public DateTime CreatedAt { get; set; }
}

// The cookie's events: a row at sign-in, checked (with the security stamp) on every request,
// removed at sign-out. A changed stamp (blocked, new password, two-factor reset, most role changes)
// ends every session of that user at their next request, on any instance; a role change on one
// site of an account that works for others ends that site's sessions only (EndOnSiteAsync).
public static class Sessions
{
    // In the cookie's properties, which survive sliding renewal and RefreshSignInAsync.
    const string Key = "visnyk.session";

    public static void Use(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = SigningInAsync;
        events.OnValidatePrincipal = ValidateAsync;
        events.OnSigningOut = SigningOutAsync;
    }

    static async Task SigningInAsync(CookieSigningInContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || context.Properties.Items.ContainsKey(Key))
        {
            return; // a refresh of a session that has its row already
        }
        var (db, now, max) = Services(context.HttpContext);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        // Sessions past their working day are dead anyway: forget them as new ones begin.
        await db.Sessions.Where(s => s.CreatedAt < now - max).ExecuteDeleteAsync();
        db.Sessions.Add(new Session { Id = id, UserId = userId, SiteId = context.HttpContext.SiteId(), CreatedAt = now });
        await db.SaveChangesAsync();
        context.Properties.Items[Key] = id;
        context.HttpContext.Items[Key] = id;
    }

    static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stampClaim = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        context.Properties.Items.TryGetValue(Key, out var id);
        var (db, now, max) = Services(context.HttpContext);
        var site = context.HttpContext.SiteId();
        // One query: the session's row, of this site, still within its working day, and its user's current stamp.
        var current = id is null || userId is null ? null : await (
            from s in db.Sessions
            join u in db.Users on s.UserId equals u.Id
            where s.Id == id && s.UserId == userId && s.SiteId == site && s.CreatedAt > now - max
            select u.SecurityStamp).FirstOrDefaultAsync();
        if (current is null || current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        context.HttpContext.Items[Key] = id;
    }

    static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        if (context.HttpContext.Items[Key] is string id)
        {
            var (db, _, _) = Services(context.HttpContext);
            await db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync();
        }
    }

    // After a change of the user's role on one site: that site's sessions end (their cookies hold
    // the old roles); the user's sessions on other sites are not this site's to end.
    public static Task<int> EndOnSiteAsync(VisnykDb db, string userId, int site) =>
        db.Sessions.Where(s => s.UserId == userId && s.SiteId == site).ExecuteDeleteAsync();

    // "Sign out everywhere": every browser of this user, this one included.
    public static Task<int> EndAllAsync(VisnykDb db, string userId) =>
        db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();

    public static Task<int> CountAsync(VisnykDb db, string userId, DateTime now, TimeSpan max) =>
        db.Sessions.CountAsync(s => s.UserId == userId && s.CreatedAt > now - max);

    static (VisnykDb Db, DateTime Now, TimeSpan Max) Services(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value;
        return (services.GetRequiredService<VisnykDb>(), services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            TimeSpan.FromHours(options.Admin.SessionMaxHours));
    }
}
