// bench/mail.sh (BENCH_KIND=search) runs this:
//   `SearchMail DATA-DIR QUERIES.tsv ARTICLE-ID MATCHING OTHERS OUT-DIR [SITE-ARGS…]`.
// On a data folder with published news (seed --synthetic), replaces the saved searches with
// MATCHING searches that the article ARTICLE-ID matches and OTHERS that it does not, all distinct
// (as the table keeps them), made with the app's own SavedSearch.For (key and stems, the dictionary
// loaded) and classified by the app's own SearchAlerts.MatchAsync, as a publication would:
// - the others: searches of bench/search.sh's queries with filters, generated as bench/search-alerts
//   does (one in twenty without words, a department in three, a tag in five, an end date in four);
//   those the article happens to match are dropped;
// - the matching: words of the article itself, one, two or three of them (the article's own
//   department or tag in one in three / five, an end date ahead in four, a start before its
//   publication in six); those SearchAlerts does not find are dropped (and counted).
// Writes OUT-DIR/matching.txt and OUT-DIR/others.txt (the ids, one a line), then checks that the
// article matches exactly the matching ones, and prints the time of that match.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Search;
using Visnyk.Site;

var data = args[0];
var queries = File.ReadLines(args[1]).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Where(f => f.Length >= 2).Select(f => f[1]).ToArray();
var articleId = int.Parse(args[2], CultureInfo.InvariantCulture);
var matchingCount = int.Parse(args[3], CultureInfo.InvariantCulture);
var othersCount = int.Parse(args[4], CultureInfo.InvariantCulture);
var output = args[5];
await using var app = SiteApp.Build(["--Logging:LogLevel:Default=Warning", $"--applicationName={typeof(SiteApp).Assembly.GetName().Name}", $"--Visnyk:DataDirectory={data}", "--Visnyk:BackgroundJobs=false", .. args.Skip(6)]);
await app.Services.PrepareDatabaseAsync();
UkrainianStems.Shared.Load();
var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
var clock = Stopwatch.StartNew();

int[] departments, tags;
IndexedArticle article;
await using (var scope = scopes.CreateSiteScope(Site.Default))
{
    var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
    departments = [.. await db.Departments.Select(d => d.Id).OrderBy(d => d).ToListAsync()];
    tags = [.. await db.Tags.Select(t => t.Id).OrderBy(t => t).ToListAsync()];
    article = (await SearchIndexer.ArticlesAsync(db, [articleId], default)).Single();
    await db.SavedSearchTerms.ExecuteDeleteAsync();
    await db.SavedSearches.ExecuteDeleteAsync();
}
var today = DateOnly.FromDateTime(KyivTime.ToKyiv(DateTime.UtcNow));
var published = DateOnly.FromDateTime(KyivTime.ToKyiv(article.PublishedAt));
if (published != today)
{
    throw new InvalidOperationException($"article {articleId} was published on {published}, not today ({today})");
}
var words = Regex.Matches($"{article.Title} {article.Summary} {article.Text}", @"\p{L}+(?:['’ʼ]\p{L}+)*").Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4).Distinct().ToArray();
Console.WriteLine($"article {article.Id} ({article.Language}, {article.Departments.Count} departments, {article.Tags.Count} tags, {words.Length} distinct words of 4+ characters); " +
    $"{queries.Length} queries, {departments.Length} departments, {tags.Length} tags");

var keys = new HashSet<string>();
var random = new Random(20);
IEnumerable<SavedSearch> Others()
{
    while (true)
    {
        var text = random.Next(20) == 0 ? null : queries[random.Next(queries.Length)];
        int[] inDepartments = random.Next(3) == 0 || text is null ? [departments[random.Next(departments.Length)]] : [];
        int[] inTags = random.Next(5) == 0 ? [tags[random.Next(tags.Length)]] : [];
        DateOnly? to = random.Next(4) == 0 ? today.AddDays(1 + random.Next(730)) : null;
        if (SavedSearch.For(text, article.Language, inDepartments, inTags, null, to, today).Search is { } search && keys.Add(search.Key))
        {
            yield return search;
        }
    }
}
var ownRandom = new Random(21);
IEnumerable<SavedSearch> Matching()
{
    // One word, then two, then three: each combination once, in the article's order.
    IEnumerable<string> Texts()
    {
        foreach (var w in words) yield return w;
        for (var i = 0; i < words.Length; i++) for (var j = i + 1; j < words.Length; j++) yield return $"{words[i]} {words[j]}";
        for (var i = 0; i < words.Length; i++) for (var j = i + 1; j < words.Length; j++) for (var k = j + 1; k < words.Length; k++) yield return $"{words[i]} {words[j]} {words[k]}";
    }
    foreach (var text in Texts())
    {
        int[] inDepartments = article.Departments.Count > 0 && ownRandom.Next(3) == 0 ? [article.Departments[ownRandom.Next(article.Departments.Count)]] : [];
        int[] inTags = article.Tags.Count > 0 && ownRandom.Next(5) == 0 ? [article.Tags[ownRandom.Next(article.Tags.Count)]] : [];
        DateOnly? to = ownRandom.Next(4) == 0 ? today.AddDays(ownRandom.Next(730)) : null;
        DateOnly? from = ownRandom.Next(6) == 0 ? published.AddDays(-ownRandom.Next(365)) : null;
        if (SavedSearch.For(text, article.Language, inDepartments, inTags, from, to, today).Search is { } search && keys.Add(search.Key))
        {
            yield return search;
        }
    }
}

var matching = new HashSet<int>();
var others = new HashSet<int>();
var dropped = (Others: 0, Matching: 0);
using (var each = Others().GetEnumerator())
{
    await Fill(each, othersCount, others, keepMatched: false);
}
using (var each = Matching().GetEnumerator())
{
    await Fill(each, matchingCount, matching, keepMatched: true);
}
Console.WriteLine($"saved searches: {matching.Count} the article matches, {others.Count} it does not ({clock.Elapsed.TotalSeconds:F1} s; " +
    $"dropped: {dropped.Others} generated ones it happened to match, {dropped.Matching} of its own words' it did not)");

// The check: the article matches exactly the matching ones. And the time of that match here.
var times = new List<double>();
for (var i = 0; i < 5; i++)
{
    var watch = Stopwatch.StartNew();
    var found = await MatchAsync();
    times.Add(watch.Elapsed.TotalMilliseconds);
    if (!found.SetEquals(matching))
    {
        throw new InvalidOperationException($"the article matches {found.Count} searches, {found.Intersect(matching).Count()} of the {matching.Count} expected");
    }
}
times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check: the article matches exactly those {matching.Count}; SearchAlerts.MatchAsync here {times[2]:F0} ms median of 5 (first {times[0]:F0}, slowest {times[^1]:F0})"));
Directory.CreateDirectory(output);
File.WriteAllLines(Path.Combine(output, "matching.txt"), matching.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));
File.WriteAllLines(Path.Combine(output, "others.txt"), others.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));
return 0;

// Saves the generator's searches a batch at a time, keeping those the article matches (or not)
// and deleting the rest, until `into` holds `count`.
async Task Fill(IEnumerator<SavedSearch> each, int count, HashSet<int> into, bool keepMatched)
{
    while (into.Count < count)
    {
        var batch = new List<SavedSearch>();
        await using (var scope = scopes.CreateSiteScope(Site.Default))
        {
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var now = DateTime.UtcNow;
            while (batch.Count < Math.Min(5000, count - into.Count + 200) && each.MoveNext())
            {
                each.Current.CreatedAt = each.Current.FollowedAt = now;
                batch.Add(each.Current);
            }
            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"the generator ran out at {into.Count} of {count}");
            }
            db.SavedSearches.AddRange(batch);
            await db.SaveChangesAsync();
        }
        var found = await MatchAsync();
        var unwanted = new List<int>();
        foreach (var search in batch)
        {
            if (found.Contains(search.Id) == keepMatched && into.Count < count)
            {
                into.Add(search.Id);
            }
            else
            {
                unwanted.Add(search.Id);
                if (found.Contains(search.Id) != keepMatched)
                {
                    if (keepMatched)
                    {
                        if (dropped.Matching++ < 5) Console.Error.WriteLine($"not matched: «{search.Text}» d[{string.Join(',', search.Departments)}] t[{string.Join(',', search.Tags)}] {search.From}..{search.To}");
                    }
                    else dropped.Others++;
                }
            }
        }
        await using (var scope = scopes.CreateSiteScope(Site.Default))
        {
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            foreach (var chunk in unwanted.Chunk(1000))
            {
                await db.SavedSearchTerms.Where(t => chunk.Contains(t.SavedSearchId)).ExecuteDeleteAsync();
                await db.SavedSearches.Where(s => chunk.Contains(s.Id)).ExecuteDeleteAsync();
            }
        }
    }
}

async Task<HashSet<int>> MatchAsync()
{
    await using var scope = scopes.CreateSiteScope(Site.Default);
    return [.. await SearchAlerts.MatchAsync(scope.ServiceProvider.GetRequiredService<VisnykDb>(), article, default)];
}
