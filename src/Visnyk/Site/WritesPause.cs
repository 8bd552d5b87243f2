using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Site;

// While a site is restored from a copy (Site.WritesPausedUntil), its newsroom says so on every
// page and refuses every change with 503 and Retry-After, before the page's handler runs: what an
// editor saved meanwhile would be overwritten by the copy or mixed into it. Signing out still
// works. The restore itself also holds the site's row locked on PostgreSQL (SiteRows), so a change
// already past this check waits for it rather than landing in the middle.
public sealed class WritesPause(VisnykDb db, CurrentSite site, TimeProvider clock) : IAsyncPageFilter
{
    public const string PausedItem = "Visnyk.WritesPaused";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var until = await db.Sites.Where(s => s.Id == site.Id).Select(s => s.WritesPausedUntil).FirstOrDefaultAsync(http.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (until > now)
        {
            http.Items[PausedItem] = true;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !http.Request.Path.StartsWithSegments("/admin/signout", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers.RetryAfter = "120";
                context.Result = new ViewResult { ViewName = "/Pages/Shared/_WritesPaused.cshtml", StatusCode = StatusCodes.Status503ServiceUnavailable };
                return;
            }
        }
        await next();
    }

    // The lease, taken before a restore and given back after it (or left to expire if it died).
    public static async Task PauseAsync(VisnykDb db, int siteId, DateTime until, CancellationToken ct) =>
        await db.Sites.Where(s => s.Id == siteId).ExecuteUpdateAsync(s => s.SetProperty(x => x.WritesPausedUntil, until), ct);

    public static async Task ResumeAsync(VisnykDb db, int siteId, CancellationToken ct) =>
        await db.Sites.Where(s => s.Id == siteId).ExecuteUpdateAsync(s => s.SetProperty(x => x.WritesPausedUntil, (DateTime?)null), ct);
}
