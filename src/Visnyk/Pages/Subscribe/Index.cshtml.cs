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

    public async Task OnGetAsync(string? department, string? tag, CancellationToken ct)
    {
        var site = await chrome.GetAsync(ct);
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
    }

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
        var choices = TopicForm.Parse(Topics, await chrome.GetAsync(ct));
        if (choices.Count == 0)
        {
            ModelState.AddModelError(nameof(Topics), Text.SubscribeNothingChosen);
        }
        if (!ModelState.IsValid)
        {
            Form = await TopicForm.LoadAsync(db, chrome, Topics, ct);
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
