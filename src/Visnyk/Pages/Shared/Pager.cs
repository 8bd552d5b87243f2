using Microsoft.AspNetCore.Http.Extensions;

namespace Visnyk.Pages.Shared;

// Links keep the list's other parameters; a list whose parameters repeat (search filters) gives its own links.
public record Pager(string Path, int Number, int TotalPages, IReadOnlyDictionary<string, string?> Query, Func<int, string>? Links = null)
{
    public string Link(int page)
    {
        if (Links is not null)
        {
            return Links(page);
        }
        var query = new QueryBuilder(Query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => KeyValuePair.Create(q.Key, q.Value!)));
        if (page > 1)
        {
            query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return Path + query.ToQueryString();
    }

    // First, last and the pages around the current one; 0 stands for a gap.
    public IEnumerable<int> Window()
    {
        var shown = new SortedSet<int> { 1, TotalPages };
        for (var n = Math.Max(1, Number - 2); n <= Math.Min(TotalPages, Number + 2); n++)
        {
            shown.Add(n);
        }
        var previous = 0;
        foreach (var n in shown)
        {
            if (previous > 0 && n > previous + 1)
            {
                yield return 0;
            }
            yield return n;
            previous = n;
        }
    }
}
