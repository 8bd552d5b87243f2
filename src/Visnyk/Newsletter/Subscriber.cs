namespace Visnyk.Newsletter;

// A confirmed address and nothing else about the person: no name, no IP, no sign-up history.
// Unconfirmed sign-ups are not stored at all; their choices travel inside the confirmation link.
public class Subscriber
{
    public int Id { get; set; }
    // As confirmed (lower-cased), unique.
    public required string Email { get; set; }
    public DateTime ConfirmedAt { get; set; }
    // Random; part of every manage and unsubscribe link, so a link cannot be made for another address.
    public required string Stamp { get; set; }
    // Permanent rejections in a row; at MailOptions.MaxHardFailures the address is undeliverable.
    public int HardFailures { get; set; }
    public DateTime? UndeliverableAt { get; set; }
    // The language of the mail (SiteLanguage code): the articles written in it, and every word
    // and link of the message. Chosen on the sign-up page's language, changed on the manage page.
    public string Language { get; set; } = Site.SiteLanguage.Default.Code;

    public List<Subscription> Subscriptions { get; set; } = [];

    // Saved searches one address may follow: each is matched against every new article.
    public const int MaxSearches = 20;

    // Adds these topics, or changes how often for those already chosen (one frequency per topic).
    // A saved search beyond MaxSearches is not added.
    public void Choose(IEnumerable<(TopicKind Kind, int TopicId, Frequency Frequency)> choices)
    {
        foreach (var (kind, topicId, frequency) in choices)
        {
            var existing = Subscriptions.FirstOrDefault(s => s.Kind == kind && s.TopicId == topicId);
            if (existing is null && kind == TopicKind.Search && Subscriptions.Count(s => s.Kind == TopicKind.Search) >= MaxSearches)
            {
                continue;
            }
            if (existing is null)
            {
                Subscriptions.Add(new Subscription { Kind = kind, TopicId = topicId, Frequency = frequency });
            }
            else
            {
                existing.Frequency = frequency;
            }
        }
    }

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

public enum TopicKind
{
    All = 0,
    Department = 1,
    Tag = 2,
    // A saved search of /search (SavedSearch): the articles it matches when they are published.
    Search = 3,
}

// How often, per subscription (as GOV.UK does), not per person.
public enum Frequency
{
    Immediately = 0,
    Daily = 1,
    Weekly = 2,
}

public class Subscription
{
    public int Id { get; set; }
    public int SubscriberId { get; set; }
    public TopicKind Kind { get; set; }
    // The department's, tag's or saved search's id; 0 for all news.
    public int TopicId { get; set; }
    public Frequency Frequency { get; set; }

    public bool Matches(MailingExpander.Story story) => Kind switch
    {
        TopicKind.All => true,
        TopicKind.Department => story.Departments.Contains(TopicId),
        TopicKind.Tag => story.Tags.Contains(TopicId),
        _ => story.Searches.Contains(TopicId),
    };
}
