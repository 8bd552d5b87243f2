using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;

namespace Visnyk.Pages.Subscribe;

// The link in the confirmation mail opens a page with one button; only pressing it subscribes.
// Mail scanners (Outlook's Safe Links and the like) open every link in a message, so a link
// that subscribed by itself would subscribe anyone whose address someone else typed in.
[EnableRateLimiting(NewsletterSetup.SignUpRateLimit)]
public class ConfirmModel(VisnykDb db, MailTokens tokens, TimeProvider clock) : PageModel
{
    public MailTokens.SignUp? SignUp { get; private set; }

    public IActionResult OnGet(string token)
    {
        SignUp = tokens.ReadConfirmation(token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        SignUp = tokens.ReadConfirmation(token);
        if (SignUp is null)
        {
            return Page();
        }
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Email == SignUp.Email, ct);
        if (subscriber is null)
        {
            subscriber = new Subscriber { Email = SignUp.Email, Stamp = Subscriber.NewStamp(), ConfirmedAt = clock.GetUtcNow().UtcDateTime };
            db.Subscribers.Add(subscriber);
        }
        // Following a link sent to the address proves it receives mail again.
        subscriber.UndeliverableAt = null;
        subscriber.HardFailures = 0;
        subscriber.Choose(SignUp.Choices.Select(c => (c.Kind, c.TopicId, c.Frequency)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same link pressed twice at once: the other press subscribed.
            db.ChangeTracker.Clear();
            subscriber = await db.Subscribers.FirstAsync(s => s.Email == SignUp.Email, ct);
        }
        return Redirect($"/subscribe/manage/{tokens.ForManaging(subscriber)}?confirmed=true");
    }
}
