// bench/related.sh runs this: `Related INDEX-FOLDER ROUNDS [LIMIT]`. Opens the index (held: the
// site must not run on it), loads the dictionary, then per round asks a new NewsSearch (nothing
// remembered) for the related news of every news article of site 1, as the article page does
// (6 candidates), and prints calls per second. The checksum covers every answer in order: two
// builds that print the same one chose the same articles in the same order.
using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Visnyk.Search;
using Visnyk.Site;

var folder = args[0];
var rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
var limit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : int.MaxValue;
using var index = new NewsIndex(Options.Create(new SiteOptions { DataDirectory = Path.GetDirectoryName(folder)!, SearchIndexDirectory = folder }), NullLogger<NewsIndex>.Instance);
if (!index.TryOpen())
{
    Console.Error.WriteLine($"cannot open the index at {folder}");
    return 1;
}
UkrainianStems.Shared.Load();
var ids = index.Search(searcher =>
{
    var news = new BooleanQuery
    {
        { new TermQuery(NewsIndex.SiteTerm(1)), Occur.MUST },
        { new TermQuery(new Term(NewsIndex.Fields.Kind, NewsIndex.Fields.NotNews)), Occur.MUST_NOT },
    };
    var top = searcher.Search(news, searcher.IndexReader.MaxDoc);
    return top.ScoreDocs.Select(d => int.Parse(searcher.Doc(d.Doc).Get(NewsIndex.Fields.Id), CultureInfo.InvariantCulture)).Order().Take(limit).ToArray();
});
// Fixed, so that every round and every build rank the same recency.
var now = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
Console.WriteLine($"{ids.Length} articles, {index.Search(s => s.IndexReader.Leaves.Count)} segments");
for (var round = 1; round <= rounds; round++)
{
    var search = new NewsSearch(index);
    var checksum = 14695981039346656037UL; // FNV-1a: HashCode is seeded anew in each process
    var empty = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    foreach (var id in ids)
    {
        var related = search.Related(1, id, 6, now) ?? throw new InvalidOperationException($"no answer for {id}");
        empty += related.Length == 0 ? 1 : 0;
        foreach (var n in related.Prepend(id).Append(-1))
        {
            checksum = (checksum ^ (uint)n) * 1099511628211UL;
        }
    }
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: {ids.Length / seconds:F1} calls/s, {seconds * 1000 / ids.Length:F2} ms a call, CPU {cpuSeconds:F1} s of {seconds:F1} s, {empty} without related, checksum {checksum:x16}"));
}
return 0;
