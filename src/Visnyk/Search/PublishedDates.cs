using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Visnyk.Search;

// Each segment's publication dates (UTC ticks, NewsIndex.Fields.Published) read once into an
// array, kept while the segment lives (a segment never changes; deletions are the live docs').
// The doc values themselves are read from the index file on every Get: re-ranking 500 hits and
// counting years over every hit did that for each document of each search.
public static class PublishedDates
{
    static readonly ConditionalWeakTable<object, long[]> BySegment = new();

    // Of one segment, by its own document numbers; null if it has no dates (nothing indexed yet).
    public static long[]? Of(AtomicReader reader)
    {
        if (BySegment.TryGetValue(reader.CoreCacheKey, out var known))
        {
            return known;
        }
        if (reader.GetNumericDocValues(NewsIndex.Fields.Published) is not { } values)
        {
            return null;
        }
        return BySegment.GetValue(reader.CoreCacheKey, _ =>
        {
            var dates = new long[reader.MaxDoc];
            for (var doc = 0; doc < dates.Length; doc++)
            {
                dates[doc] = values.Get(doc);
            }
            return dates;
        });
    }

    // Of a document of the whole index (as the searcher numbers them); 0 if it has none.
    public static long Of(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return Of(leaf.AtomicReader) is { } dates ? dates[doc - leaf.DocBase] : 0;
    }
}
