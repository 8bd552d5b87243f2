using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;

namespace Visnyk.Pages;

// The unsubscribe link of every message. Opening it shows one button (mail scanners open links
// too); pressing it, or the mail program's own one-click POST (RFC 8058, body
// "List-Unsubscribe=One-Click", no cookies, no token but the link's), unsubscribes at once.
// Done is done: the link opened again says so and asks nothing.
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(VisnykDb db, MailTokens tokens, Site.SiteChrome chrome) : PageModel
{
    public bool Invalid { get; private set; }
    public bool Gone { get; private set; }
    public bool Done { get; private set; }
    public bool OthersLeft { get; private set; }
    public Frequency? Frequency { get; private set; }
    public string? ManageToken { get; private set; }
    // A link to stop one saved search: its id, and what it is in words.
    public int? Search { get; private set; }
    public string? SearchLead { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct) => await FindAsync(token, ct);

    public async Task OnPostAsync(string token, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is { } subscriber)
        {
            try
            {
                var gone = Search is { } search
                    ? await Unsubscribing.StopSearchAsync(db, subscriber, search, ct)
                    : await Unsubscribing.StopAsync(db, subscriber, Frequency, ct);
                OthersLeft = !gone;
                ManageToken = gone ? null : tokens.ForManaging(subscriber);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                // Pressed twice at once (or the mail program's one-click and the person): the other one did it.
            }
            Done = true;
        }
    }

    async Task<Subscriber?> FindAsync(string token, CancellationToken ct)
    {
        if (tokens.ReadUnsubscribing(token) is not { } key)
        {
            Invalid = true;
            return null;
        }
        Frequency = key.Frequency;
        Search = key.Search;
        var subscriber = await Unsubscribing.FindAsync(db, key.Id, key.Stamp, ct);
        // Already left (this mail, or everything): nothing to ask, but say what still comes.
        Gone = subscriber is null
            || key.Search is { } search && !subscriber.Subscriptions.Any(s => s.Kind == TopicKind.Search && s.TopicId == search)
            || key.Search is null && key.Frequency is { } f && subscriber.Subscriptions.All(s => s.Frequency != f);
        if (!Gone && key.Search is { } followed)
        {
            SearchLead = (await db.SavedSearches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == followed, ct)) is { } saved
                ? string.Format(Text.UnsubscribeLeadSearch, saved.Describe(await chrome.GetAsync(ct)))
                : Text.UnsubscribeLeadSearchGone;
        }
        if (Gone && subscriber is not null)
        {
            OthersLeft = true;
            ManageToken = tokens.ForManaging(subscriber);
        }
        return Gone ? null : subscriber;
    }
}
