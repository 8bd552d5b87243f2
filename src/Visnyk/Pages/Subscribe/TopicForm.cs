using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Subscribe;

// The topics a reader can choose, each with its own frequency, as form fields Topics[all],
// Topics[d{id}], Topics[t{id}], Topics[s{id}] (a saved search followed) and Topics[search] (the
// search being signed up for) with the values immediately / daily / weekly (or empty: none).
public record TopicForm(IReadOnlyList<TopicForm.Row> Departments, IReadOnlyList<TopicForm.Row> Tags, IReadOnlyDictionary<string, string> Chosen,
    IReadOnlyList<TopicForm.Row> Searches)
{
    // The search of /search being signed up for (Subscribe/Index).
    public const string NewSearch = "search";

    // Lang: the name's language where it is not the page's (a name not given in it).
    public record Row(string Key, string Name, string? Lang = null);

    // Tags offered: the most used ones, and any already chosen or asked for in the address.
    const int TagCount = 24;

    // Read on every use: the labels are in the language of the page (a static field would keep the first page's).
    public static (string Value, string Label)[] Frequencies =>
    [
        ("", Text.FrequencyNever), ("immediately", Text.FrequencyImmediately), ("daily", Text.FrequencyDaily), ("weekly", Text.FrequencyWeekly),
    ];

    public static string Key(TopicKind kind, int id) => kind switch
    {
        TopicKind.All => "all",
        TopicKind.Department => $"d{id}",
        TopicKind.Tag => $"t{id}",
        _ => $"s{id}",
    };

    public static string Value(Frequency frequency) => frequency.ToString().ToLowerInvariant();

    // Searches: the rows of saved searches (followed, or being signed up for), described.
    public static async Task<TopicForm> LoadAsync(VisnykDb db, SiteChrome chrome, IReadOnlyDictionary<string, string> chosen, CancellationToken ct,
        IReadOnlyList<Row>? searches = null)
    {
        var site = await chrome.GetAsync(ct);
        var wanted = chosen.Keys.Where(k => k.StartsWith('t') && int.TryParse(k[1..], out _)).Select(k => int.Parse(k[1..])).ToList();
        var popular = await db.Set<Dictionary<string, object>>(VisnykDb.ArticleTags)
            .GroupBy(x => EF.Property<int>(x, "TagsId")).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(TagCount).ToListAsync(ct);
        var tags = popular.Union(wanted).Where(site.TagsById.ContainsKey).Select(id => site.TagsById[id])
            .OrderBy(t => t.Name, StringComparer.Create(new System.Globalization.CultureInfo("uk-UA"), true))
            .Select(t => new Row(Key(TopicKind.Tag, t.Id), t.Name, t.NameLangIn(SiteLanguage.Current))).ToList();
        var departments = site.Departments.Select(d => new Row(Key(TopicKind.Department, d.Id), d.Name, d.NameLangIn(SiteLanguage.Current))).ToList();
        return new TopicForm(departments, tags, chosen, searches ?? []);
    }

    // The saved searches a subscriber follows, as rows of the form.
    public static async Task<List<Row>> SearchRowsAsync(VisnykDb db, SiteChrome chrome, IEnumerable<Subscription> subscriptions, CancellationToken ct)
    {
        var ids = subscriptions.Where(s => s.Kind == TopicKind.Search).Select(s => s.TopicId).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var site = await chrome.GetAsync(ct);
        var searches = await db.SavedSearches.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return [.. ids.Where(searches.ContainsKey).Select(id => new Row(Key(TopicKind.Search, id), searches[id].Describe(site)))];
    }

    // Frequency of a form value, if it is one.
    public static Frequency? FrequencyOf(string? value) =>
        Enum.TryParse<Frequency>(value, ignoreCase: true, out var frequency) && Enum.IsDefined(frequency) && !int.TryParse(value, out _) ? frequency : null;

    // The choices in a posted form that name a real topic and a frequency; the rest is ignored.
    // Searches: the saved searches that may be named (the subscriber's own).
    public static List<MailTokens.Choice> Parse(IReadOnlyDictionary<string, string>? form, SiteChrome.Snapshot site, IReadOnlyCollection<int>? searches = null)
    {
        var choices = new List<MailTokens.Choice>();
        foreach (var (key, value) in (form ?? new Dictionary<string, string>()).Take(500))
        {
            if (FrequencyOf(value) is not { } frequency)
            {
                continue;
            }
            var id = key.Length > 1 && int.TryParse(key[1..], out var n) ? n : 0;
            MailTokens.Choice? choice = key switch
            {
                "all" => new(TopicKind.All, 0, frequency),
                _ when key.StartsWith('d') && site.DepartmentsById.ContainsKey(id) => new(TopicKind.Department, id, frequency),
                _ when key.StartsWith('t') && site.TagsById.ContainsKey(id) => new(TopicKind.Tag, id, frequency),
                _ when key.StartsWith('s') && searches?.Contains(id) == true => new(TopicKind.Search, id, frequency),
                _ => null,
            };
            if (choice is not null)
            {
                choices.Add(choice);
            }
        }
        return choices;
    }
}
