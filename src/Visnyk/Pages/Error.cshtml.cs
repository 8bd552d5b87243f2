using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Pages;

// Both the 404 page (with latest news to go on to) and the plain 500 page: no details of the failure.
// The status is the pipeline's: the status code that was re-executed, or 500 after an exception.
// Nothing a request carries sets it (a form field `code` once made any address answer 200), and
// the page's own address, visited directly, is not found.
// No handler methods: the status-code pages run this page with the failed request's method, whatever
// it was (PUT, TRACE...), so the work is done before any handler would be chosen.
[IgnoreAntiforgeryToken]
public class ErrorModel(LatestNews latest, ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];
    // What was wrong with the address (QueryRules), for a 400.
    public IReadOnlyDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();
    // The address that failed, for a 400: the same page without the query is where to go on.
    public string? FailedPath { get; private set; }

    [NonHandler] // named like a handler (On + "Page"), but it is the page's filter
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = reExecuted?.OriginalStatusCode
            ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure ? Data.UniqueViolation.StatusOf(failure.Error) : StatusCodes.Status404NotFound);
        Response.StatusCode = Status;
        Problems = QueryRules.Problems(HttpContext);
        FailedPath = reExecuted?.OriginalPath;
        if (Status == StatusCodes.Status404NotFound)
        {
            try
            {
                Latest = await latest.GetAsync(5, HttpContext.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The not-found page must not fail too: show it without the list.
                logger.LogWarning(e, "Latest news for the 404 page could not be loaded");
            }
        }
        await next();
    }
}
