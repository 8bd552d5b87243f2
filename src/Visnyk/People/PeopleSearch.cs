using System.Runtime.CompilerServices;
using Lucene.Net.Analysis.TokenAttributes;
using Visnyk.Search;

namespace Visnyk.People;

// /search finds people by name and post with the same Ukrainian morphology as the news ("заступника"
// finds "Заступник"). A site presents tens of people, not thousands: they are matched in memory
// against their words, analysed once per snapshot of the site, not kept in the news index.
public static class PeopleSearch
{
    // A person's words: every stem of their name, post and unit, and the words themselves, folded
    // (surnames are rarely in the dictionary, and are matched by their beginning instead).
    sealed record Words(HashSet<string> Stems, string[] Plain);

    static readonly ConditionalWeakTable<Person, Words> Analysed = new();

    // Who matches every word of the query, in the site's order of people.
    public static IReadOnlyList<Person> Find(IReadOnlyList<Person> people, string query, Func<Person, string> unitOf, int max)
    {
        // Each word of the query with its stems; a word the analyser drops ("та", "з") asks nothing.
        var asked = Plain(query).Select(w => (Word: w, Stems: Positions(w).FirstOrDefault())).Where(w => w.Stems is not null).ToList();
        if (asked.Count == 0)
        {
            return [];
        }
        return people.Where(p =>
        {
            var words = Analysed.GetValue(p, x => Analyse($"{x.Name} {x.JobTitle} {unitOf(x)}"));
            return asked.All(w => w.Stems!.Overlaps(words.Stems) || words.Plain.Any(known => SameWord(known, w.Word)));
        }).Take(max).ToList();
    }

    static Words Analyse(string text) => new(Positions(text).SelectMany(s => s).ToHashSet(), Plain(text));

    // The analyser's terms grouped by word (a word's stems share its position).
    static List<HashSet<string>> Positions(string text)
    {
        var words = new List<HashSet<string>>();
        using var stream = NewsIndex.Analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0 || words.Count == 0)
            {
                words.Add([]);
            }
            words[^1].Add(term.ToString());
        }
        stream.End();
        return words;
    }

    static string[] Plain(string text) =>
        Data.TextFold.Fold(text).Split((char[])[' ', ',', '.', '-', '«', '»', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);

    // "Іваненка" is "Іваненко": the same beginning, all but the last two letters (at least four).
    static bool SameWord(string a, string b)
    {
        var common = Math.Max(4, Math.Min(a.Length, b.Length) - 2);
        return a.Length >= common && b.Length >= common && string.CompareOrdinal(a, 0, b, 0, common) == 0;
    }
}
