using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Subscribe;

// Sign-up: the address and, per topic, how often. Nothing is stored but the confirmation mail in
// the outbox; the choices travel in its link. The answer is the same whether the address is new,
// already subscribed, over its daily limit of confirmation mails, or the form was filled by a bot.
// No antiforgery token: the sign-up block sits on cached pages, and a forged post could do no
// more than its author can by posting himself (a confirmation mail to an address he chose).
[IgnoreAntiforgeryToken]
[EnableRateLimiting(NewsletterSetup.SignUpRateLimit)]
public class IndexModel(VisnykDb db, SiteChrome chrome, MailTokens tokens, IOptions<MailOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public Dictionary<string, string> Topics { get; set; } = [];

    // The bot trap: a field people never see or hear (hidden from screen readers too), which form-filling bots fill in.
    [BindProperty]
    public string? Website { get; set; }

    public TopicForm Form { get; private set; } = null!;

    // A search of /search to follow (its link carries q, even empty, and the search's filters), as
    // hidden fields of the form until posted.
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? SearchText { get; set; }

    [BindProperty(SupportsGet = true, Name = "department")]
    public string[] SearchDepartments { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string[] SearchTags { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    // Whether a search was asked for: q is there, even empty (model binding makes that null).
    public bool ForSearch { get; private set; }

    // Why the search asked for cannot be followed (null: it can, or none was asked).
    public string? SearchRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(); // malformed dates (QueryRules refuse most before this page runs)
        }
        var site = await chrome.GetAsync(ct);
        ForSearch = Request.Query.ContainsKey("q");
        // Arriving from /search: that search is chosen, as a daily digest.
        if (ForSearch)
        {
            if (Asked(site) is not null)
            {
                Topics[TopicForm.NewSearch] = "daily";
            }
            Form = await TopicForm.LoadAsync(db, chrome, Topics, ct, SearchRows(site));
            return Page();
        }
        var department = SearchDepartments.FirstOrDefault();
        var tag = SearchTags.FirstOrDefault();
        // Arriving from a department's or tag's page: that topic is chosen, as a daily digest.
        if (site.Departments.FirstOrDefault(d => d.Slug == department) is { } d)
        {
            Topics[TopicForm.Key(TopicKind.Department, d.Id)] = "daily";
        }
        else if (site.Tags.FirstOrDefault(t => t.Slug == tag) is { } t)
        {
            Topics[TopicForm.Key(TopicKind.Tag, t.Id)] = "daily";
        }
        else
        {
            Topics["all"] = "daily";
        }
        Form = await TopicForm.LoadAsync(db, chrome, Topics, ct);
        return Page();
    }

    // The search asked for, as it will be saved; null (and SearchRefused) if it cannot be followed.
    SavedSearch? Asked(SiteChrome.Snapshot site)
    {
        if (!ForSearch)
        {
            return null;
        }
        // The site's own ones (unknown slugs are ignored, as /search ignores them), at most MaxFilters.
        var departments = site.Departments.Where(d => SearchDepartments.Contains(d.Slug)).Select(d => d.Id).Take(SavedSearch.MaxFilters);
        var tags = site.Tags.Where(t => SearchTags.Contains(t.Slug)).Select(t => t.Id).Take(SavedSearch.MaxFilters);
        var today = KyivTime.Day(clock.GetUtcNow().UtcDateTime);
        // Only checked here (the stems are filed when confirmed): a word new to the index is not waited for.
        var (search, why) = Search.UkrainianStems.Shared.Asking(
            () => SavedSearch.For(SearchText, HttpContext.Language().Code, departments, tags, From, To, today), out _);
        SearchRefused = why switch
        {
            SavedSearch.Refusal.None => null,
            SavedSearch.Refusal.Ended => Text.SearchAlertEnded,
            SavedSearch.Refusal.Backwards => Text.SearchAlertBackwards,
            _ => Text.SearchAlertNothing,
        };
        return search;
    }

    List<TopicForm.Row> SearchRows(SiteChrome.Snapshot site) =>
        Asked(site) is { } search ? [new TopicForm.Row(TopicForm.NewSearch, search.Describe(site))] : [];

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Browsers say where a post comes from: another site making its visitors sign up
        // addresses (to spread sign-ups over many client addresses) is refused.
        if (Request.Headers["Sec-Fetch-Site"] == "cross-site")
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var (address, error) = EmailAddress.Check(Email);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Email), error);
        }
        var site = await chrome.GetAsync(ct);
        ForSearch = Request.HasFormContentType && Request.Form.ContainsKey("q");
        if (ForSearch && (ModelState[nameof(From)]?.Errors.Count > 0 || ModelState[nameof(To)]?.Errors.Count > 0))
        {
            return BadRequest(); // a malformed date would otherwise be dropped, and the search followed without it
        }
        var choices = TopicForm.Parse(Topics, site);
        if (TopicForm.FrequencyOf(Topics.GetValueOrDefault(TopicForm.NewSearch)) is { } often && Asked(site) is { } search)
        {
            choices.Add(new MailTokens.Choice(TopicKind.Search, 0, often, search.AsSpec()));
        }
        if (choices.Count == 0)
        {
            ModelState.AddModelError(nameof(Topics), Text.SubscribeNothingChosen);
        }
        if (!ModelState.IsValid)
        {
            Form = await TopicForm.LoadAsync(db, chrome, Topics, ct, SearchRows(site));
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-1);
        if (string.IsNullOrEmpty(Website)
            && await db.Deliveries.Where(Delivery.IsConfirmation).CountAsync(d => d.To == address && d.CreatedAt > since, ct) < options.Value.ConfirmationsPerDay)
        {
            db.Deliveries.Add(new Delivery
            {
                To = address!, CreatedAt = now, NextAttemptAt = now,
                Payload = tokens.ForConfirmation(new MailTokens.SignUp(address!, choices, HttpContext.SiteId(), HttpContext.Language().Code)),
            });
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage("Sent");
    }
}
