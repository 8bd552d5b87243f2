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
        return hits.Select(h => new ScoreDoc(h.Doc, (float)(h.Score * Factor(PublishedDates.Of(searcher.IndexReader, h.Doc), utcNow))))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Doc).ToArray();
    }

    // The `count` best hits by text score × Factor among all of a query's hits, not only the top of
    // its text ranking, and their article ids: as Rerank would order them (score, then document),
    // for related news, where a few are wanted from thousands of hits. Factor is at most 2, so a
    // hit scoring less than half of the last kept one is passed over without reading its date.
    public sealed class Best(int count, DateTime utcNow) : ICollector
    {
        readonly List<(float Score, int Doc, int Id)> kept = new(count + 1);
        Scorer? scorer;
        long[]? published;
        NumericDocValues? ids;
        int docBase;

        public int[] Ids => [.. kept.Select(k => k.Id)];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => this.scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
            docBase = context.DocBase;
            published = PublishedDates.Of(context.AtomicReader);
            ids = context.AtomicReader.GetNumericDocValues(NewsIndex.Fields.Number);
        }

        public void Collect(int doc)
        {
            var text = scorer!.GetScore();
            if (count == 0 || kept.Count == count && text * 2 < kept[^1].Score)
            {
                return;
            }
            var score = (float)(text * Factor(published?[doc] ?? 0, utcNow));
            var global = docBase + doc;
            var at = kept.Count;
            while (at > 0 && (kept[at - 1].Score < score || kept[at - 1].Score == score && kept[at - 1].Doc > global))
            {
                at--;
            }
            if (at == count)
            {
                return;
            }
            kept.Insert(at, (score, global, (int)(ids?.Get(doc) ?? 0)));
            if (kept.Count > count)
            {
                kept.RemoveAt(count);
            }
        }
    }
}
