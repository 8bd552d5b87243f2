using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Search;

namespace Visnyk.Newsletter;

// Which saved searches a newly published article matches, with the morphology of /search (a saved
// "субсидія" matches "субсидії"). The article alone is indexed, in memory (Lucene's MemoryIndex);
// the database gives the searches found by one of its stems, departments or tags (SavedSearchTerm:
// each search is filed under what any article it matches must have), in batches, so neither time
// nor memory grows with the searches that cannot match; each of those is then run against the
// article as /search would run it, with its filters, the same words once (many follow the same).
public static class SearchAlerts
{
    const int Batch = 1000;
    // Queries kept across a mailing's articles at most (memory stays bounded whatever the searches).
    const int MaxParsed = 20_000;

    // The ids of the saved searches of the context's site that the article matches: news only,
    // as /search finds, and of that site. Parsed: each text's query, kept across the articles of
    // one mailing (the same language's).
    public static async Task<List<int>> MatchAsync(VisnykDb db, IndexedArticle article, CancellationToken ct, Dictionary<string, Query?>? parsed = null)
    {
        if (article.Kind != Articles.ArticleKind.News || article.Site != db.SiteId)
        {
            return [];
        }
        // The article's stems and the searches' as the index has them: from the dictionary.
        await UkrainianStems.Shared.LoadAsync(ct);
        parsed ??= new Dictionary<string, Query?>(StringComparer.Ordinal);
        var analyzer = NewsIndex.AnalyzerOf(article.Language);
        var memory = new MemoryIndex();
        memory.AddField(NewsIndex.Fields.Title, article.Title, analyzer);
        memory.AddField(NewsIndex.Fields.Summary, article.Summary, analyzer);
        memory.AddField(NewsIndex.Fields.Labels, string.Join(" ; ", article.TagNames), analyzer);
        memory.AddField(NewsIndex.Fields.Text, article.Text, analyzer);
        string[] terms = [.. ArticleTerms(memory, article)];
        var published = Site.KyivTime.Day(article.PublishedAt);
        var language = article.Language;
        var matched = new List<int>();
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        // The ids filed under one of the terms, from the terms' index (whatever the planner knows
        // of the tables): a few bytes per candidate. Then those searches, a batch at a time.
        var ids = await db.SavedSearchTerms.Where(t => terms.Contains(t.Term)).Select(t => t.SavedSearchId).Distinct().ToListAsync(ct);
        ids.Sort();
        foreach (var chunk in ids.Chunk(Batch))
        {
            var batch = await db.SavedSearches.AsNoTracking()
                .Where(s => chunk.Contains(s.Id) && s.Language == language)
                .Select(s => new SavedSearch { Id = s.Id, Text = s.Text, Language = s.Language, Departments = s.Departments, Tags = s.Tags, From = s.From, To = s.To })
                .ToListAsync(ct);
            foreach (var search in batch)
            {
                if (search.Fits(article.Departments, article.Tags, published) && (search.Text.Length == 0 || Found(search.Text)))
                {
                    matched.Add(search.Id);
                }
            }
        }
        return matched;

        // The words as /search runs them, against the article; once per text. Parsed as a
        // resident's query (Asking): its words are not kept as words of indexed text.
        bool Found(string text)
        {
            if (!found.TryGetValue(text, out var has))
            {
                if (!parsed.TryGetValue(text, out var query))
                {
                    query = UkrainianStems.Shared.Asking(() => SearchQuery.Parse(text, analyzer).ToQuery(), out _);
                    if (parsed.Count < MaxParsed)
                    {
                        parsed[text] = query;
                    }
                }
                found[text] = has = query is null || memory.Search(query) > 0;
            }
            return has;
        }
    }

    // Every stem of the article's words in any field, and its departments and tags as
    // SavedSearch files them.
    static HashSet<string> ArticleTerms(MemoryIndex memory, IndexedArticle article)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var reader = (Lucene.Net.Index.AtomicReader)memory.CreateSearcher().IndexReader;
        foreach (var field in reader.Fields)
        {
            var each = reader.Fields.GetTerms(field).GetEnumerator();
            while (each.MoveNext())
            {
                terms.Add(SavedSearchTerm.Filed(each.Term.Utf8ToString()));
            }
        }
        terms.UnionWith(article.Departments.Select(SavedSearch.DepartmentTerm));
        terms.UnionWith(article.Tags.Select(SavedSearch.TagTerm));
        return terms;
    }
}
