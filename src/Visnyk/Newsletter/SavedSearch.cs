using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Visnyk.Search;

namespace Visnyk.Newsletter;

// A search of /search that residents follow by e-mail (issue 20's search alerts): its words and
// filters, stored once per site and language however many follow it (Key), with the stems it is
// found by when an article is published (Terms, SearchAlerts). Made only through For, which refuses
// what can never match again or is no search at all.
public class SavedSearch
{
    public const int MaxFilters = 20;

    public int Id { get; set; }
    // The words as typed (at most SearchQuery.MaxLength).
    public string Text { get; set; } = "";
    // The language searched (SiteLanguage code): its analyzer reads the words, its articles match.
    public string Language { get; set; } = Site.SiteLanguage.Default.Code;
    // Any of these departments, and any of these tags (empty: no such filter).
    public int[] Departments { get; set; } = [];
    public int[] Tags { get; set; } = [];
    // Published from and until these days (Kyiv time); null: open.
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    // The same search however written: the same row (a SHA-256 of its parts, in hex).
    public string Key { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    // When someone last chose to follow it: one nobody follows is removed only a while after
    // (SavedSearches.SweepAsync), so a confirmation that found it a moment ago keeps it.
    public DateTime FollowedAt { get; set; }
    // The stemming its terms were filed by (UkrainianStems.Filing): after another ships, the
    // searches are filed again (SavedSearches.RefileAsync), or they would miss the new stems.
    public string FiledBy { get; set; } = "";
    public List<SavedSearchTerm> Terms { get; set; } = [];

    public enum Refusal { None, NoSearch, Ended, Backwards }

    // What a sign-up carries until it is confirmed (inside the confirmation link): the search as
    // asked on /search, in the language of its page.
    public record Spec(string Text, string Language, int[] Departments, int[] Tags, DateOnly? From, DateOnly? To);

    public Spec AsSpec() => new(Text, Language, Departments, Tags, From, To);

    public static (SavedSearch? Search, Refusal Why) For(Spec spec, DateOnly today) =>
        For(spec.Text, spec.Language, spec.Departments ?? [], spec.Tags ?? [], spec.From, spec.To, today);

    // The search to follow, or why not: no words (none that are searched for) and no department or
    // tag is "all news" (a topic of its own); an end before today can never match again.
    public static (SavedSearch? Search, Refusal Why) For(string? text, string language, IEnumerable<int> departments, IEnumerable<int> tags,
        DateOnly? from, DateOnly? to, DateOnly today)
    {
        if (Site.SiteLanguage.Find(language) is not { } known)
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, "not a language of the site");
        }
        language = known.Code;
        text = string.Join(' ', Cut((text ?? "").Trim(), SearchQuery.MaxLength).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var query = SearchQuery.Parse(text, NewsIndex.AnalyzerOf(language));
        int[] inDepartments = [.. departments.Where(d => d > 0).Distinct().Order().Take(MaxFilters)];
        int[] inTags = [.. tags.Where(t => t > 0).Distinct().Order().Take(MaxFilters)];
        if (query.IsEmpty && inDepartments.Length == 0 && inTags.Length == 0)
        {
            return (null, Refusal.NoSearch);
        }
        if (to is { } end && end < today)
        {
            return (null, Refusal.Ended);
        }
        if (from is { } start && to is { } until && until < start)
        {
            return (null, Refusal.Backwards);
        }
        var search = new SavedSearch
        {
            Text = query.IsEmpty ? "" : text, Language = language, Departments = inDepartments, Tags = inTags, From = from, To = to,
        };
        search.Key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', search.Text.ToLowerInvariant(),
            string.Join(',', inDepartments), string.Join(',', inTags),
            from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))));
        search.Terms = [.. KeyTerms(query, inDepartments, inTags).Select(SavedSearchTerm.Filed).Distinct().Select(t => new SavedSearchTerm { Term = t })];
        search.FiledBy = UkrainianStems.Shared.Filing;
        return (search, Refusal.None);
    }

    // What an article must have one of to match: a stem of its words (SearchQuery.KeyStems), else
    // one of its departments, else one of its tags (SearchAlerts.ArticleTerms names them alike).
    static IEnumerable<string> KeyTerms(SearchQuery query, int[] departments, int[] tags) =>
        !query.IsEmpty ? query.KeyStems()
        : departments.Length > 0 ? departments.Select(DepartmentTerm)
        : tags.Select(TagTerm);

    // No stem has a '#' (the analyzers split words there), so these never meet one.
    public static string DepartmentTerm(int id) => "#d" + id.ToString(CultureInfo.InvariantCulture);
    public static string TagTerm(int id) => "#t" + id.ToString(CultureInfo.InvariantCulture);

    // At most this many characters, never half of a pair (an emoji at the end).
    public static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    // In words, in the current UI language, for the sign-up, the manage page and the mail:
    // «новини зі словом «субсидія» · Департамент соціального захисту населення · з 1 січня 2027».
    // A department or tag removed since is left out.
    public string Describe(Site.SiteChrome.Snapshot site)
    {
        var language = Site.SiteLanguage.Of(Language);
        var words = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var parts = new List<string>
        {
            Text.Length == 0 ? Visnyk.Text.SearchAlertAny : string.Format(words == 1 ? Visnyk.Text.SearchAlertWord : Visnyk.Text.SearchAlertWords, Text),
        };
        if (Departments.Select(site.DepartmentsById.GetValueOrDefault).OfType<Departments.Department>().Select(d => d.NameIn(language)).ToList() is { Count: > 0 } units)
        {
            parts.Add(string.Format(Visnyk.Text.SearchAlertDepartments, string.Join(Visnyk.Text.SearchAlertOr, units)));
        }
        if (Tags.Select(site.TagsById.GetValueOrDefault).OfType<Tags.Tag>().Select(t => t.NameIn(language)).ToList() is { Count: > 0 } topics)
        {
            parts.Add(string.Format(Visnyk.Text.SearchAlertTags, string.Join(Visnyk.Text.SearchAlertOr, topics)));
        }
        if (From is { } from)
        {
            parts.Add(string.Format(Visnyk.Text.SearchAlertFrom, Site.KyivTime.LongDate(from)));
        }
        if (To is { } to)
        {
            parts.Add(string.Format(Visnyk.Text.SearchAlertTo, Site.KyivTime.LongDate(to)));
        }
        return string.Join(" · ", parts);
    }

    // Whether the article's own filters fit (its words are for SearchAlerts to check).
    public bool Fits(IReadOnlyCollection<int> departments, IReadOnlyCollection<int> tags, DateOnly published) =>
        (Departments.Length == 0 || Departments.Any(departments.Contains))
        && (Tags.Length == 0 || Tags.Any(tags.Contains))
        && (From is not { } start || published >= start)
        && (To is not { } end || published <= end);
}

// One stem (or department, or tag) a saved search is found by.
public class SavedSearchTerm
{
    public const int MaxLength = 100;

    public int SavedSearchId { get; set; }
    public string Term { get; set; } = "";

    // A stem as filed, cut to the column (a longer one is filed by its start, on both sides: the
    // article's words and the search's key; the search itself then decides).
    public static string Filed(string stem) => SavedSearch.Cut(stem, MaxLength);
}
