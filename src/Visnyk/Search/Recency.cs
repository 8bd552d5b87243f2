using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Visnyk.Search;

// Relevance with a boost for recent news: the best matches by text are re-ranked with their
// score multiplied by 1 + 2^(-age / half-life), so today's article counts double, one of two
// months ago 1.5 times, and last year's nearly as is. Only the top of the text ranking is
// re-ranked (rather than every hit scored twice), which keeps a query matching a third of the
// archive as fast as a rare one.
public static class Recency
{
    // Enough for 25 pages of 20; deeper pages re-rank as many as they reach.
    public const int Window = 500;

    static readonly double HalfLifeTicks = TimeSpan.FromDays(60).Ticks;

    public static double Factor(long publishedTicks, DateTime utcNow) =>
        1 + Math.Pow(2, -Math.Max(0, utcNow.Ticks - publishedTicks) / HalfLifeTicks);

    public static ScoreDoc[] Rerank(IndexSearcher searcher, ScoreDoc[] hits, DateTime utcNow)
    {
        var published = MultiDocValues.GetNumericValues(searcher.IndexReader, NewsIndex.Fields.Published);
        if (published is null)
        {
            return hits;
        }
        return hits.Select(h => new ScoreDoc(h.Doc, (float)(h.Score * Factor(published.Get(h.Doc), utcNow))))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Doc).ToArray();
    }
}
