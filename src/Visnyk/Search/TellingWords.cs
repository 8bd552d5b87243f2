using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Visnyk.Search;

// The words that tell what an article is about, as a query for the articles like it: the query
// Lucene's MoreLikeThis.Like(doc) builds with the settings below, term for term and boost for
// boost (TellingWordsTests compares the two over a whole index), for a fraction of its cost.
// MoreLikeThis asks IndexReader.DocFreq of every distinct word in every field, and each of those
// calls opens a new terms enumerator in every segment, whose clones then wait for the finalizer:
// 36% of the CPU of a mirror export (dotnet-trace), most of an uncached article page. Here each
// field of each segment has one enumerator for the whole article, and the frequencies are
// remembered for as long as the index reader they were read from is the newest.
public sealed class TellingWords
{
    static readonly string[] FieldNames = [NewsIndex.Fields.Title, NewsIndex.Fields.Summary, NewsIndex.Fields.Text];
    // MoreLikeThis's MinTermFreq 1 (every word of the article counts), MinDocFreq 2 (a word no
    // other article has finds nothing), MaxQueryTerms 25, MaxNumTokensParsed 1,000 per field, and
    // MaxDocFreqPct 20: a word in more than a fifth of the articles ("області", "громади") tells
    // little of what this one is about, and its long list of articles was most of the cost of
    // scoring the rest (related news at 10,000 articles: 1.56 ms a call with such words, 0.89
    // without, bench/related.sh).
    const int MinDocFreq = 2;
    public const int MaxDocFreqPercent = 20;
    const int MaxQueryTerms = 25;
    const int MaxTokensParsed = 1_000;
    static readonly TFIDFSimilarity Similarity = new DefaultSimilarity();

    // Bounded (every word of every article could be asked); past it, words are looked up each time.
    public const int MaxWordsRemembered = 200_000;
    volatile Frequencies? remembered;

    // `document`: the article's stored fields (those of `doc` in `reader`), read in its language's analyzer.
    public BooleanQuery Like(IndexReader reader, Document document, Analyzer analyzer)
    {
        // A word's count in the article, in the order first met: MoreLikeThis ranks its words
        // with a heap in that order, which decides between words of equal score.
        var order = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in FieldNames)
        {
            foreach (var value in document.GetValues(field))
            {
                Count(analyzer, field, value, order, counts);
            }
        }
        var frequencies = FrequenciesIn(reader);
        var numDocs = reader.NumDocs;
        var maxDocFreq = MaxDocFreqPercent * numDocs / 100;
        var queue = new ByScore(order.Count);
        foreach (var word in order)
        {
            var (docFreq, field) = frequencies.Of(word);
            if (docFreq < MinDocFreq || docFreq > maxDocFreq)
            {
                continue;
            }
            var idf = Similarity.Idf(docFreq, numDocs);
            queue.InsertWithOverflow(new Scored(word, FieldNames[field], counts[word] * idf));
        }
        // Boosted relative to the best word (MoreLikeThis's ApplyBoost, its BoostFactor 1).
        var query = new BooleanQuery();
        var best = 0f;
        while (query.Clauses.Count < MaxQueryTerms && queue.Pop() is { } scored)
        {
            best = query.Clauses.Count == 0 ? scored.Score : best;
            query.Add(new TermQuery(new Term(scored.Field, scored.Word)) { Boost = scored.Score / best }, Occur.SHOULD);
        }
        return query;
    }

    static void Count(Analyzer analyzer, string field, string text, List<string> order, Dictionary<string, int> counts)
    {
        using var words = analyzer.GetTokenStream(field, new StringReader(text));
        var term = words.AddAttribute<ICharTermAttribute>();
        words.Reset();
        // Stems stacked on a word count as tokens too, as in MoreLikeThis.
        for (var tokens = 1; words.IncrementToken() && tokens <= MaxTokensParsed; tokens++)
        {
            var word = term.ToString();
            if (counts.TryGetValue(word, out var count))
            {
                counts[word] = count + 1;
            }
            else
            {
                counts[word] = 1;
                order.Add(word);
            }
        }
        words.End();
    }

    Frequencies.Lookup FrequenciesIn(IndexReader reader)
    {
        var known = remembered;
        if (known is not null && known.Reader.TryGetTarget(out var same) && ReferenceEquals(same, reader))
        {
            return known.ForOneArticle(reader);
        }
        // A new reader: the index changed (or another thread still holds the one before it).
        var fresh = new Frequencies(reader);
        remembered = fresh;
        return fresh.ForOneArticle(reader);
    }

    // Per reader: the documents with a word in its most frequent field, and that field (MoreLikeThis's
    // "top field": the first of the fields in FieldNames with the most).
    sealed class Frequencies(IndexReader newest)
    {
        // Weak: the memo must not keep a closed reader's segments in memory until the next article.
        public WeakReference<IndexReader> Reader { get; } = new(newest);
        readonly ConcurrentDictionary<string, (int DocFreq, int Field)> words = new(StringComparer.Ordinal);
        int count;

        public Lookup ForOneArticle(IndexReader reader) => new(this, reader);

        // Enumerators are not thread-safe: one set per article, reused for all its words.
        public sealed class Lookup(Frequencies frequencies, IndexReader reader)
        {
            readonly TermsEnum?[] enums = new TermsEnum?[reader.Leaves.Count * FieldNames.Length];
            readonly bool[] opened = new bool[reader.Leaves.Count * FieldNames.Length];

            public (int DocFreq, int Field) Of(string word)
            {
                if (frequencies.words.TryGetValue(word, out var known))
                {
                    return known;
                }
                var found = Read(word);
                if (Interlocked.Increment(ref frequencies.count) <= MaxWordsRemembered)
                {
                    frequencies.words.TryAdd(word, found);
                }
                return found;
            }

            // The sum over segments, as IndexReader.DocFreq (deleted documents included).
            (int DocFreq, int Field) Read(string word)
            {
                var bytes = new BytesRef(word);
                var (docFreq, top) = (0, 0);
                for (var field = 0; field < FieldNames.Length; field++)
                {
                    var freq = 0;
                    for (var leaf = 0; leaf < reader.Leaves.Count; leaf++)
                    {
                        if (Enum(leaf, field) is { } terms && terms.SeekExact(bytes))
                        {
                            freq += terms.DocFreq;
                        }
                    }
                    if (freq > docFreq)
                    {
                        (docFreq, top) = (freq, field);
                    }
                }
                return (docFreq, top);
            }

            TermsEnum? Enum(int leaf, int field)
            {
                var at = leaf * FieldNames.Length + field;
                if (!opened[at])
                {
                    opened[at] = true;
                    enums[at] = reader.Leaves[leaf].AtomicReader.GetTerms(FieldNames[field])?.GetEnumerator();
                }
                return enums[at];
            }
        }
    }

    sealed record Scored(string Word, string Field, float Score);

    // MoreLikeThis's queue: the highest score first; equal scores as its heap leaves them.
    sealed class ByScore(int size) : Lucene.Net.Util.PriorityQueue<Scored>(size)
    {
        protected override bool LessThan(Scored a, Scored b) => a.Score > b.Score;
    }
}
