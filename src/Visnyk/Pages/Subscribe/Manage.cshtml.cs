using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Subscribe;

// A subscriber's own page, opened from any message: what they receive and how often, and the
// button that deletes their data. The link's token is the only key; no account, no password.
public class ManageModel(VisnykDb db, SiteChrome chrome, MailTokens tokens, TimeProvider clock) : PageModel
{
    [BindProperty]
    public Dictionary<string, string> Topics { get; set; } = [];

    // The mail's language (SiteLanguage code); an unknown one leaves it as it is.
    [BindProperty]
    public string? Language { get; set; }

    public Subscriber? Subscriber { get; private set; }
    public bool Invalid { get; private set; }
    public TopicForm Form { get; private set; } = null!;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, bool confirmed, bool saved, CancellationToken ct)
    {
        if (!await FindAsync(token, ct))
        {
            return Page();
        }
        Message = confirmed ? Text.ManageConfirmed : saved ? Text.ManageSaved : null;
        Topics = Subscriber!.Subscriptions.ToDictionary(s => TopicForm.Key(s.Kind, s.TopicId), s => TopicForm.Value(s.Frequency));
        Language = Subscriber.Language;
        Form = await TopicForm.LoadAsync(db, chrome, Topics, ct, await TopicForm.SearchRowsAsync(db, chrome, Subscriber.Subscriptions, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await FindAsync(token, ct))
        {
            return Page();
        }
        // Its own saved searches only: it may change how often or stop one, not take another's.
        var searches = Subscriber!.Subscriptions.Where(s => s.Kind == TopicKind.Search).Select(s => s.TopicId).ToList();
        var choices = TopicForm.Parse(Topics, await chrome.GetAsync(ct), searches);
        if (choices.Count == 0)
        {
            // Nothing left to send: the same as deleting everything.
            return await OnPostDeleteAsync(token, ct);
        }
        var subscriber = Subscriber!;
        subscriber.Subscriptions.RemoveAll(s => !choices.Any(c => c.Kind == s.Kind && c.TopicId == s.TopicId));
        subscriber.Choose(choices.Select(c => (c.Kind, c.TopicId, c.Frequency)));
        subscriber.Language = SiteLanguage.Find(Language)?.Code ?? subscriber.Language;
        // The saved searches left follow the mail's language.
        await SavedSearches.MoveToAsync(db, subscriber, subscriber.Language, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        // The page again, in the mail's language.
        return Redirect(SiteLanguage.Of(subscriber.Language).PathOf(Request.Path + "?saved=true"));
    }

    public async Task<IActionResult> OnPostDeleteAsync(string token, CancellationToken ct)
    {
        if (await FindAsync(token, ct))
        {
            await Unsubscribing.ForgetAsync(db, Subscriber!, ct);
        }
        Subscriber = null;
        Message = Text.ManageDeleted;
        return Page();
    }

    async Task<bool> FindAsync(string token, CancellationToken ct)
    {
        if (tokens.ReadManaging(token) is not { } key)
        {
            Invalid = true;
            return false;
        }
        Subscriber = await Unsubscribing.FindAsync(db, key.Id, key.Stamp, ct);
        return Subscriber is not null;
    }
}
