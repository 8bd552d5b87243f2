using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace Visnyk.Search;

// Relevance with a boost for recent news: the score is multiplied by 1 + 2^(-age / half-life),
// so today's article counts double, one of two months ago 1.5 times, and last year's nearly as is.
public sealed class RecencyBoost(Query query, DateTime utcNow) : CustomScoreQuery(query)
{
    static readonly double HalfLifeTicks = TimeSpan.FromDays(60).Ticks;

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context, context.AtomicReader.GetNumericDocValues(NewsIndex.Fields.Published), utcNow.Ticks);

    sealed class Provider(AtomicReaderContext context, NumericDocValues? published, long now) : CustomScoreProvider(context)
    {
        public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
        {
            if (published is null)
            {
                return subQueryScore;
            }
            var age = Math.Max(0, now - published.Get(doc));
            return subQueryScore * (float)(1 + Math.Pow(2, -age / HalfLifeTicks));
        }
    }
}
