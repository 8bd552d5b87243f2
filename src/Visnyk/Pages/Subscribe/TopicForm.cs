using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Subscribe;

// The topics a reader can choose, each with its own frequency, as form fields Topics[all],
// Topics[d{id}], Topics[t{id}] with the values immediately / daily / weekly (or empty: none).
public record TopicForm(IReadOnlyList<TopicForm.Row> Departments, IReadOnlyList<TopicForm.Row> Tags, IReadOnlyDictionary<string, string> Chosen)
{
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
        _ => $"t{id}",
    };

    public static string Value(Frequency frequency) => frequency.ToString().ToLowerInvariant();

    public static async Task<TopicForm> LoadAsync(VisnykDb db, SiteChrome chrome, IReadOnlyDictionary<string, string> chosen, CancellationToken ct)
    {
        var site = await chrome.GetAsync(ct);
        var wanted = chosen.Keys.Where(k => k.StartsWith('t') && int.TryParse(k[1..], out _)).Select(k => int.Parse(k[1..])).ToList();
        var popular = await db.Set<Dictionary<string, object>>(VisnykDb.ArticleTags)
            .GroupBy(x => EF.Property<int>(x, "TagsId")).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(TagCount).ToListAsync(ct);
        var tags = popular.Union(wanted).Where(site.TagsById.ContainsKey).Select(id => site.TagsById[id])
            .OrderBy(t => t.Name, StringComparer.Create(new System.Globalization.CultureInfo("uk-UA"), true))
            .Select(t => new Row(Key(TopicKind.Tag, t.Id), t.Name, t.NameLangIn(SiteLanguage.Current))).ToList();
        var departments = site.Departments.Select(d => new Row(Key(TopicKind.Department, d.Id), d.Name, d.NameLangIn(SiteLanguage.Current))).ToList();
        return new TopicForm(departments, tags, chosen);
    }

    // The choices in a posted form that name a real topic and a frequency; the rest is ignored.
    public static List<MailTokens.Choice> Parse(IReadOnlyDictionary<string, string>? form, SiteChrome.Snapshot site)
    {
        var choices = new List<MailTokens.Choice>();
        foreach (var (key, value) in (form ?? new Dictionary<string, string>()).Take(500))
        {
            if (!Enum.TryParse<Frequency>(value, ignoreCase: true, out var frequency) || !Enum.IsDefined(frequency) || int.TryParse(value, out _))
            {
                continue;
            }
            var id = key.Length > 1 && int.TryParse(key[1..], out var n) ? n : 0;
            MailTokens.Choice? choice = key switch
            {
                "all" => new(TopicKind.All, 0, frequency),
                _ when key.StartsWith('d') && site.DepartmentsById.ContainsKey(id) => new(TopicKind.Department, id, frequency),
                _ when key.StartsWith('t') && site.TagsById.ContainsKey(id) => new(TopicKind.Tag, id, frequency),
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
