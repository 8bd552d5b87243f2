using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Visnyk.Search;

// Counts the departments, tags and years (Kyiv time) of every hit, not just the page shown. Each
// segment's links are read once from the doc values NewsIndex stores into plain arrays, kept
// while the segment lives, so counting a hit is a few array reads.
public sealed class FacetCounts : ICollector
{
    const int FirstYear = 1991;
    // UTC ticks at which each Kyiv year begins, FirstYear on.
    static readonly long[] YearStarts = Enumerable.Range(FirstYear, 150)
        .Select(y => Site.KyivTime.StartOfDay(new DateOnly(y, 1, 1)).Ticks).ToArray();

    readonly Field departments = new(NewsIndex.Fields.Department);
    readonly Field tags = new(NewsIndex.Fields.Tag);
    readonly int[] years = new int[YearStarts.Length];
    long[]? published;

    public IReadOnlyDictionary<int, int> Departments => departments.Totals();
    public IReadOnlyDictionary<int, int> Tags => tags.Totals();

    public IReadOnlyDictionary<int, int> Years => years.Select((count, i) => (Year: FirstYear + i, Count: count))
        .Where(y => y.Count > 0).ToDictionary(y => y.Year, y => y.Count);

    public void SetScorer(Scorer scorer)
    {
    }

    public void Collect(int doc)
    {
        departments.Collect(doc);
        tags.Collect(doc);
        if (published is not null)
        {
            var index = Array.BinarySearch(YearStarts, published[doc]);
            index = index >= 0 ? index : ~index - 1;
            if (index >= 0)
            {
                years[index]++;
            }
        }
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        departments.Next(context.AtomicReader);
        tags.Next(context.AtomicReader);
        published = PublishedDates.Of(context.AtomicReader);
    }

    public bool AcceptsDocsOutOfOrder => true;

    sealed class Field(string name)
    {
        int[] counts = [];
        Links? links;

        public void Next(AtomicReader reader) => links = Links.Of(reader, name);

        public void Collect(int doc)
        {
            var (start, ids) = (links!.Start, links.Ids);
            for (var i = start[doc]; i < start[doc + 1]; i++)
            {
                var id = ids[i];
                if (id >= counts.Length)
                {
                    Array.Resize(ref counts, Math.Max(id + 1, counts.Length * 2));
                }
                counts[id]++;
            }
        }

        public IReadOnlyDictionary<int, int> Totals()
        {
            var totals = new Dictionary<int, int>();
            for (var id = 0; id < counts.Length; id++)
            {
                if (counts[id] > 0)
                {
                    totals[id] = counts[id];
                }
            }
            return totals;
        }
    }

    // One segment's ids per document: those of document d are Ids[Start[d]..Start[d + 1]].
    sealed class Links(int[] start, int[] ids)
    {
        static readonly ConditionalWeakTable<object, Links> DepartmentsBySegment = new();
        static readonly ConditionalWeakTable<object, Links> TagsBySegment = new();

        public int[] Start { get; } = start;
        public int[] Ids { get; } = ids;

        public static Links Of(AtomicReader reader, string field) =>
            (field == NewsIndex.Fields.Department ? DepartmentsBySegment : TagsBySegment).GetValue(reader.CoreCacheKey, _ => Read(reader, field));

        static Links Read(AtomicReader reader, string field)
        {
            var start = new int[reader.MaxDoc + 1];
            var ids = new List<int>(reader.MaxDoc * 2);
            if (reader.GetSortedSetDocValues(field) is { } values)
            {
                var idOf = new int[values.ValueCount];
                var value = new BytesRef();
                for (var ord = 0; ord < idOf.Length; ord++)
                {
                    values.LookupOrd(ord, value);
                    idOf[ord] = int.Parse(value.Utf8ToString(), System.Globalization.CultureInfo.InvariantCulture);
                }
                for (var doc = 0; doc < reader.MaxDoc; doc++)
                {
                    start[doc] = ids.Count;
                    values.SetDocument(doc);
                    long ord;
                    while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                    {
                        ids.Add(idOf[ord]);
                    }
                }
            }
            start[reader.MaxDoc] = ids.Count;
            return new Links(start, ids.ToArray());
        }
    }
}
