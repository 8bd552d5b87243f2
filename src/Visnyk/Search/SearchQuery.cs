using System.Text.RegularExpressions;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Visnyk.Search;

// A resident's query as a Lucene query. No query syntax is exposed: the text is words and
// "quoted phrases" («…» and „…“ too), nothing else, so no input can make it fail or run away.
// Each word (every form of it: its stems) is looked for in the title, summary and text, the
// title weighing most.
public sealed partial class SearchQuery
{
    public const int MaxLength = 200;
    const int MaxParts = 12;

    static readonly (string Field, float Boost)[] Fields =
    [
        (NewsIndex.Fields.Title, 3f),
        (NewsIndex.Fields.Summary, 2f),
        (NewsIndex.Fields.Labels, 2f),
        (NewsIndex.Fields.Text, 1f),
    ];

    [GeneratedRegex("\"([^\"]*)\"|«([^»]*)»|„([^“”\"]*)[“”\"]")]
    private static partial Regex Phrases();

    // Each part: the stems at each position (a word has one position, a phrase several; a word
    // left out inside a phrase, such as "через", is a position with none, as in the index).
    readonly List<List<string[]>> parts;

    public bool IsEmpty => parts.Count == 0;
    public int PartCount => parts.Count;

    SearchQuery(List<List<string[]>> parts) => this.parts = parts;

    // Words as the analyzer of the language searched reads them (NewsIndex.AnalyzerOf).
    public static SearchQuery Parse(string? text, Lucene.Net.Analysis.Analyzer? analyzer = null)
    {
        analyzer ??= NewsIndex.Analyzer;
        // Only the start of an over-long text is used.
        text = (text ?? "").Trim();
        text = text[..Math.Min(text.Length, MaxLength)];
        var parts = new List<List<string[]>>();
        var rest = Phrases().Replace(text, m =>
        {
            var phrase = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            Add(parts, Analyze(phrase, analyzer));
            return " ";
        });
        foreach (var word in rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            Add(parts, Analyze(word, analyzer));
        }
        return new SearchQuery(parts.Take(MaxParts).ToList());
    }

    static void Add(List<List<string[]>> parts, List<string[]> positions)
    {
        if (positions.Count > 0)
        {
            parts.Add(positions);
        }
    }

    // The analyzer's stems of a piece of text, grouped by position; the positions of stop words
    // between them are kept, empty (before the first, they are not).
    static List<string[]> Analyze(string text, Lucene.Net.Analysis.Analyzer analyzer)
    {
        var positions = new List<List<string>>();
        using var stream = analyzer.GetTokenStream(NewsIndex.Fields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // A new position for each step (an empty one for each word left out); 0: another stem here.
            for (var step = positions.Count == 0 ? 1 : increment.PositionIncrement; step > 0; step--)
            {
                positions.Add([]);
            }
            positions[^1].Add(term.ToString());
        }
        stream.End();
        return positions.Select(p => p.Distinct().ToArray()).ToList();
    }

    // Stems of which any article that matches the whole query (all parts) has at least one, in
    // some field: those of one part (a phrase's: of one position), the part whose shortest stem is
    // longest, as the likeliest to be rare. What a saved search is found by (SearchAlerts).
    public IReadOnlyList<string> KeyStems() =>
        parts.SelectMany(part => part).Where(stems => stems.Length > 0).OrderByDescending(stems => stems.Min(s => s.Length)).FirstOrDefault() ?? [];

    // Every part must match (allParts), or any of them, ranked by how many and how well.
    public Query? ToQuery(bool allParts = true)
    {
        if (IsEmpty)
        {
            return null;
        }
        var query = new BooleanQuery();
        foreach (var part in parts)
        {
            query.Add(PartQuery(part), allParts ? Occur.MUST : Occur.SHOULD);
        }
        return query;
    }

    static Query PartQuery(List<string[]> positions)
    {
        var best = new DisjunctionMaxQuery(tieBreakerMultiplier: 0.1f);
        foreach (var (field, boost) in Fields)
        {
            Query query;
            if (positions is [var stems])
            {
                query = AnyStem(field, stems);
            }
            else
            {
                var phrase = new MultiPhraseQuery();
                for (var position = 0; position < positions.Count; position++)
                {
                    if (positions[position].Length > 0)
                    {
                        phrase.Add(positions[position].Select(s => new Term(field, s)).ToArray(), position);
                    }
                }
                query = phrase;
            }
            query.Boost = boost;
            best.Add(query);
        }
        return best;
    }

    static Query AnyStem(string field, string[] stems)
    {
        if (stems is [var only])
        {
            return new TermQuery(new Term(field, only));
        }
        var any = new BooleanQuery();
        foreach (var stem in stems)
        {
            any.Add(new TermQuery(new Term(field, stem)), Occur.SHOULD);
        }
        return any;
    }
}
