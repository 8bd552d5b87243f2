using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Visnyk.Search;

// Counts the departments and tags of every hit (not just the page shown), from the doc values
// NewsIndex stores: ordinals are counted per segment and turned into ids once per segment.
public sealed class FacetCounts : ICollector
{
    readonly Field departments = new(NewsIndex.Fields.Department);
    readonly Field tags = new(NewsIndex.Fields.Tag);

    public IReadOnlyDictionary<int, int> Departments => departments.Finish();
    public IReadOnlyDictionary<int, int> Tags => tags.Finish();

    public void SetScorer(Scorer scorer)
    {
    }

    public void Collect(int doc)
    {
        departments.Collect(doc);
        tags.Collect(doc);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        departments.Next(context.AtomicReader);
        tags.Next(context.AtomicReader);
    }

    public bool AcceptsDocsOutOfOrder => true;

    sealed class Field(string name)
    {
        readonly Dictionary<int, int> totals = [];
        SortedSetDocValues? values;
        int[] counts = [];

        public void Next(AtomicReader reader)
        {
            Flush();
            values = reader.GetSortedSetDocValues(name);
            counts = values is null ? [] : new int[values.ValueCount];
        }

        public void Collect(int doc)
        {
            if (values is null)
            {
                return;
            }
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                counts[ord]++;
            }
        }

        public IReadOnlyDictionary<int, int> Finish()
        {
            Flush();
            return totals;
        }

        void Flush()
        {
            if (values is null)
            {
                return;
            }
            var value = new BytesRef();
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, value);
                    var id = int.Parse(value.Utf8ToString(), System.Globalization.CultureInfo.InvariantCulture);
                    totals[id] = totals.GetValueOrDefault(id) + counts[ord];
                }
            }
            values = null;
            counts = [];
        }
    }
}
