using System.Globalization;

namespace Visnyk.Newsletter;

// What one subscriber's news message holds (Delivery.Payload, written by MailingExpander, read by
// MailMessages): the articles their topics chose, then, per saved search, the ones only it found;
// each article once, however many of the subscriber's topics and searches it matches.
// Written "12,15;s7:18,19;s9:21" (a digest from before saved searches: "12,15"). An alert's is
// null when one of the subscriber's topics chose its article, else ";s7:18" (the search that did).
public record Picked(IReadOnlyList<int> Topics, IReadOnlyList<Picked.Found> Searches)
{
    public record Found(int Search, IReadOnlyList<int> Articles);

    public string Format() => string.Join(';', [Ids(Topics), .. Searches.Select(f => $"s{f.Search.ToString(CultureInfo.InvariantCulture)}:{Ids(f.Articles)}")]);

    static string Ids(IEnumerable<int> ids) => string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    // Null: no payload (an alert to its topics' subscribers: the mailing's article).
    public static Picked? Parse(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }
        var parts = payload.Split(';');
        var searches = new List<Found>();
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':');
            if (part.StartsWith('s') && colon > 1 && int.TryParse(part.AsSpan(1, colon - 1), CultureInfo.InvariantCulture, out var search))
            {
                searches.Add(new Found(search, Numbers(part[(colon + 1)..])));
            }
        }
        return new Picked(Numbers(parts[0]), searches);
    }

    static List<int> Numbers(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id > 0)];

    // The saved searches a payload names (their descriptions are read once per batch: MailSender).
    public static IEnumerable<int> SearchesOf(string? payload) => Parse(payload)?.Searches.Select(f => f.Search) ?? [];
}
