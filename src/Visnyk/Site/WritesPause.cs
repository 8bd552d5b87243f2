using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Site;

// While a site is restored from a copy (Site.WritesPausedUntil), its newsroom says so on every
// page and refuses every change with 503 and Retry-After, before the page's handler runs: what an
// editor saved meanwhile would be overwritten by the copy or mixed into it. The same holds for
// the site's public forms that write (sign-up, confirmation, preferences, unsubscribing): a
// resident is asked to try again in a few minutes rather than have a subscription, or a way out
// of one, replaced by the copy's. Their pages still open. The mail jobs leave the site meanwhile
// (PausedSites): no digest is decided, no mailing expanded, no letter sent. The scheduler leaves
// the site's due articles until the pause ends. The restore itself also holds the site's row
// locked on PostgreSQL (SiteRows), so a change already past this check waits for it rather than
// landing in the middle of it.
public sealed class WritesPause(VisnykDb db, CurrentSite site, TimeProvider clock) : IAsyncPageFilter
{
    public const string PausedItem = "Visnyk.WritesPaused";

    // What stays open: signing in and out, and one's own account (its passkeys, second factor,
    // "sign out everywhere"), which belong to no site; a restore after a break-in may need them.
    static readonly string[] Open = ["/admin/signin", "/admin/signout", "/admin/setup", "/admin/account"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var newsroom = http.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
        var writes = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        // A public page that only reads needs no look at the site's row (the newsroom's pages say
        // that the site is paused, so they look on every request).
        if (!newsroom && !writes)
        {
            await next();
            return;
        }
        var until = await db.Sites.Where(s => s.Id == site.Id).Select(s => s.WritesPausedUntil).FirstOrDefaultAsync(http.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (until > now)
        {
            http.Items[PausedItem] = true;
            if (writes && !Open.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.Headers.RetryAfter = "120";
                context.Result = new ViewResult
                {
                    ViewName = newsroom ? "/Pages/Shared/_WritesPaused.cshtml" : "/Pages/Shared/_SiteRestoring.cshtml",
                    StatusCode = StatusCodes.Status503ServiceUnavailable,
                };
                return;
            }
        }
        await next();
    }

    // The lease, taken before a restore and given back after it (or left to expire if it died).
    // Given back only if it is still this one: a second restore started meanwhile keeps its own.
    public static async Task PauseAsync(VisnykDb db, int siteId, DateTime until, CancellationToken ct) =>
        await db.Sites.Where(s => s.Id == siteId).ExecuteUpdateAsync(s => s.SetProperty(x => x.WritesPausedUntil, until), ct);

    public static async Task ResumeAsync(VisnykDb db, int siteId, DateTime until, CancellationToken ct) =>
        await db.Sites.Where(s => s.Id == siteId && s.WritesPausedUntil == until)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.WritesPausedUntil, (DateTime?)null), ct);

    // The sites whose writes are paused now, for the jobs that write to many: as a query to use
    // inside theirs (the outbox's claim, the mailings' expansion), or read (the scheduler).
    public static IQueryable<int> PausedSites(VisnykDb db, DateTime now) =>
        db.Sites.Where(s => s.WritesPausedUntil > now).Select(s => s.Id);

    public static async Task<HashSet<int>> PausedAsync(VisnykDb db, DateTime now, CancellationToken ct) =>
        (await PausedSites(db, now).ToListAsync(ct)).ToHashSet();
}
