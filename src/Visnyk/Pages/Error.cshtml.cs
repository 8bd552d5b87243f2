using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;

namespace Visnyk.Pages;

// Both the 404 page (with latest news to go on to) and the plain 500 page: no details of the failure.
[IgnoreAntiforgeryToken]
public class ErrorModel(LatestNews latest, ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }
    public IReadOnlyList<ArticleListItem> Latest { get; private set; } = [];

    public Task OnGetAsync(int? code, CancellationToken ct) => ShowAsync(code, ct);
    public Task OnPostAsync(int? code, CancellationToken ct) => ShowAsync(code, ct);

    async Task ShowAsync(int? code, CancellationToken ct)
    {
        Status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        if (Status == StatusCodes.Status404NotFound)
        {
            try
            {
                Latest = await latest.GetAsync(5, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The not-found page must not fail too: show it without the list.
                logger.LogWarning(e, "Latest news for the 404 page could not be loaded");
            }
        }
    }
}
