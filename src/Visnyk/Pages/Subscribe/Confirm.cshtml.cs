using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Subscribe;

// The link in the confirmation mail opens a page with one button; only pressing it subscribes.
// Mail scanners (Outlook's Safe Links and the like) open every link in a message, so a link
// that subscribed by itself would subscribe anyone whose address someone else typed in.
// Each link subscribes once: pressed again (say, after unsubscribing) it changes nothing.
[EnableRateLimiting(NewsletterSetup.SignUpRateLimit)]
public class ConfirmModel(VisnykDb db, MailTokens tokens, TimeProvider clock) : PageModel
{
    public MailTokens.SignUp? SignUp { get; private set; }

    public bool Used { get; private set; }

    // Every choice of the link was a search that can no longer be followed (its end has passed).
    public bool Ended { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var confirmation = Here(tokens.ReadConfirmation(token));
        Used = confirmation is not null && await db.UsedConfirmations.AnyAsync(u => u.Id == confirmation.UseKey, ct);
        SignUp = Used ? null : confirmation?.SignUp;
        return Page();
    }

    // A link of another site's sign-up is no link here (as if damaged).
    MailTokens.Confirmation? Here(MailTokens.Confirmation? confirmation) =>
        confirmation?.SignUp.Site == HttpContext.SiteId() ? confirmation : null;

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var confirmation = Here(tokens.ReadConfirmation(token));
        if (confirmation is null)
        {
            return Page();
        }
        if (await db.UsedConfirmations.AnyAsync(u => u.Id == confirmation.UseKey, ct))
        {
            Used = true;
            return Page();
        }
        var signUp = confirmation.SignUp;
        var now = clock.GetUtcNow().UtcDateTime;
        // A saved search's row is made (or found) only now; one that can no longer match is left out.
        var choices = new List<MailTokens.Choice>();
        foreach (var choice in signUp.Choices)
        {
            if (choice.Kind != TopicKind.Search)
            {
                choices.Add(choice);
            }
            else if (choice.Search is { } spec && SiteLanguage.Find(spec.Language) is not null
                && await SavedSearches.FollowAsync(db, spec, now, ct) is { Id: { } id })
            {
                choices.Add(choice with { TopicId = id, Search = null });
            }
        }
        if (choices.Count == 0)
        {
            Ended = true;
            return Page();
        }
        var subscriber = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Email == signUp.Email, ct);
        if (subscriber is not null)
        {
            // Its saved searches follow the mail's language (before anything of it changes: this saves).
            await SavedSearches.MoveToAsync(db, subscriber, SiteLanguage.Of(signUp.Language).Code, now, ct);
        }
        else
        {
            subscriber = new Subscriber { Email = signUp.Email, Stamp = Subscriber.NewStamp(), ConfirmedAt = now };
            db.Subscribers.Add(subscriber);
        }
        // Following a link sent to the address proves it receives mail again.
        subscriber.UndeliverableAt = null;
        subscriber.HardFailures = 0;
        subscriber.Choose(choices.Select(c => (c.Kind, c.TopicId, c.Frequency)));
        // The language signed up in is the mail's, for every topic (the latest sign-up's).
        subscriber.Language = SiteLanguage.Of(signUp.Language).Code;
        // Saved with the subscription: the link's key is unique, so of two presses only one subscribes.
        db.UsedConfirmations.Add(new UsedConfirmation { Id = confirmation.UseKey, ExpiresAt = confirmation.ExpiresAt });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Used before (or pressed twice at once): nothing changes.
            db.ChangeTracker.Clear();
            Used = true;
            return Page();
        }
        return Redirect(SiteLanguage.Of(subscriber.Language).PathOf($"/subscribe/manage/{tokens.ForManaging(subscriber)}?confirmed=true"));
    }
}
