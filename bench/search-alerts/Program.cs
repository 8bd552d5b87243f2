// bench/search-alerts.sh runs this: `SearchAlerts DATA-DIR QUERIES.tsv COUNTS [ARTICLES] [SITE-ARGS…]`.
// On a data folder with published news (seed --synthetic), saves searches made from the search
// benchmark's queries with filters (departments, tags, end dates), up to each of COUNTS in turn
// (10000,100000), and after each matches the ARTICLES newest news of site 1 against all of them,
// as a publication would (Newsletter/SearchAlerts), printing time per article, matches, what a
// match allocates and the process's memory. The searches are generated the same way every run.
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Search;
using Visnyk.Site;

var data = args[0];
var queries = File.ReadLines(args[1]).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Where(f => f.Length >= 2).Select(f => f[1]).ToArray();
int[] counts = [.. args[2].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
var articleCount = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
await using var app = SiteApp.Build(["--Logging:LogLevel:Default=Warning", $"--applicationName={typeof(SiteApp).Assembly.GetName().Name}", $"--Visnyk:DataDirectory={data}", "--Visnyk:BackgroundJobs=false", .. args.Skip(4)]);
await app.Services.PrepareDatabaseAsync();
UkrainianStems.Shared.Load();
var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
var today = DateOnly.FromDateTime(KyivTime.ToKyiv(DateTime.UtcNow));

int[] departments, tags;
List<IndexedArticle> articles;
await using (var scope = scopes.CreateSiteScope(Site.Default))
{
    var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
    departments = [.. await db.Departments.Select(d => d.Id).OrderBy(d => d).ToListAsync()];
    tags = [.. await db.Tags.Select(t => t.Id).OrderBy(t => t).ToListAsync()];
    var newest = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).Select(a => a.Id).Take(articleCount).ToArrayAsync();
    articles = await SearchIndexer.ArticlesAsync(db, newest, default);
    await db.SavedSearchTerms.ExecuteDeleteAsync();
    await db.SavedSearches.ExecuteDeleteAsync();
}
Console.WriteLine($"{queries.Length} queries, {departments.Length} departments, {tags.Length} tags; {articles.Count} articles to match");

// Each saved search: a query of the benchmark (one in twenty without words), with a department in
// three, a tag in five, an end date in four; distinct, as the table keeps them.
var random = new Random(20);
var keys = new HashSet<string>();
IEnumerable<SavedSearch> Generate()
{
    while (true)
    {
        var text = random.Next(20) == 0 ? null : queries[random.Next(queries.Length)];
        int[] inDepartments = random.Next(3) == 0 || text is null ? [departments[random.Next(departments.Length)]] : [];
        int[] inTags = random.Next(5) == 0 ? [tags[random.Next(tags.Length)]] : [];
        DateOnly? to = random.Next(4) == 0 ? today.AddDays(1 + random.Next(730)) : null;
        var (search, _) = SavedSearch.For(text, "uk", inDepartments, inTags, null, to, today);
        if (search is not null && keys.Add(search.Key))
        {
            search.CreatedAt = DateTime.UtcNow;
            yield return search;
        }
    }
}
using var searches = Generate().GetEnumerator();
var saved = 0;
Console.WriteLine("| saved searches | insert s | median ms / article | max ms | matches / article (mean) | allocated MB / article | managed heap MB | RSS MB |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var count in counts)
{
    var inserting = Stopwatch.StartNew();
    while (saved < count)
    {
        await using var scope = scopes.CreateSiteScope(Site.Default);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        for (var i = 0; i < 5000 && saved < count; i++, saved++)
        {
            searches.MoveNext();
            db.SavedSearches.Add(searches.Current);
        }
        await db.SaveChangesAsync();
    }
    var insertSeconds = inserting.Elapsed.TotalSeconds;
    // One match first, not counted (the first queries' plans, JIT).
    await MatchAsync(articles[0]);
    GC.Collect();
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var times = new List<double>();
    var matches = 0L;
    foreach (var article in articles)
    {
        var clock = Stopwatch.StartNew();
        matches += (await MatchAsync(article)).Count;
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    var perArticle = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)articles.Count;
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {count:N0} | {insertSeconds:F1} | {times[times.Count / 2]:F1} | {times[^1]:F1} | {matches / (double)articles.Count:F0} | {perArticle / 1048576:F1} | {heap / 1048576.0:F0} | {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:F0} |"));
}
return 0;

async Task<List<int>> MatchAsync(IndexedArticle article)
{
    await using var scope = scopes.CreateSiteScope(Site.Default);
    return await SearchAlerts.MatchAsync(scope.ServiceProvider.GetRequiredService<VisnykDb>(), article, default);
}
