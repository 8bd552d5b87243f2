using System.Collections.Concurrent;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;

namespace Visnyk.Search;

public enum SearchOrder
{
    Relevance,
    Newest,
}

// What a search asks: text (words and "phrases"), departments and tags (any of each), a range of
// whole Kyiv days (inclusive), an order and a page.
// Counts by department and tag, and highlighted passages, are for the search page; feeds and the
// API go without.
// Kind: the site's pages or documents instead of its news (the search page's lists of them).
// Language: whose articles, their words read as that language's (null: the default language).
public record SearchRequest(string? Text, IReadOnlyCollection<int> Departments, IReadOnlyCollection<int> Tags,
    DateOnly? From, DateOnly? To, SearchOrder Order, int Page, int PageSize, bool WithCounts = true, bool WithHighlights = true, Articles.ArticleKind Kind = Articles.ArticleKind.News,
    string? Language = null);

// A hit: the article's id, and its title and best passage as HTML (escaped text with <mark>ed words).
public record SearchHit(int Id, string TitleHtml, string SnippetHtml);

public record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<int, int> DepartmentCounts,
    IReadOnlyDictionary<int, int> TagCounts,
    IReadOnlyDictionary<int, int> YearCounts,
    // False when no article had every word, and these are the articles with any of them.
    bool AllWords)
{
    public static SearchResults None { get; } = new([], 0, new Dictionary<int, int>(), new Dictionary<int, int>(), new Dictionary<int, int>(), true);
}

// Searches the index: relevance with a boost for recent news (or newest first), counts by
// department and tag over all hits, highlighted titles and passages for the page shown.
public sealed class NewsSearch(NewsIndex index)
{
    // Deep pages cost memory (a queue of page × size hits); nobody reads past this one.
    public const int MaxPage = 100;
    const int SnippetLength = 220;
    // Passages are looked for in the start of the text: long articles cost no more to highlight.
    const int HighlightChars = 4_000;

    // Related news per article, valid while the article's site's documents are unchanged. Bounded
    // like RelatedCards: every article of every site could be read once, and old entries are dead weight.
    readonly ConcurrentDictionary<int, (int Site, long Version, int[] Ids)> related = new();
    readonly ConcurrentDictionary<int, (int Site, long Version, int[] Ids)> relatedDocuments = new();
    public const int MaxRelatedRemembered = 20_000;
    // A related document shares at least this many of the article's telling words (and a third of them).
    const int MinSharedWords = 3;
    // What MoreLikeThis would choose of an article's words, with the index's frequencies remembered.
    readonly TellingWords tellingWords = new();

    // Changes whenever the site's documents in the index do; anything derived from them can be kept until then.
    public long VersionOf(int site) => index.VersionOf(site);

    // The related news's cards per article, kept by the article page while VersionOf holds. Here,
    // with this index, not in a static: a version number means nothing for another site's index
    // (several sites in one process: the tests, the mirror export).
    public System.Collections.Concurrent.ConcurrentDictionary<int, (long Version, List<Articles.ArticleListItem> Cards)> RelatedCards { get; } = new();

    // The site's own articles only: one index holds every site's (NewsIndex.Fields.Site). Null
    // when the index cannot answer this search yet: not built, or, the dictionary still loading,
    // a word (of the query, or of a hit's text to highlight) it has not met before.
    public SearchResults? Search(SearchRequest request, int site, DateTime utcNow)
    {
        if (!index.IsOpen)
        {
            return null;
        }
        if (request.Page < 1 || request.Page > MaxPage)
        {
            return SearchResults.None;
        }
        var analyzer = NewsIndex.AnalyzerOf(request.Language);
        var results = UkrainianStems.Shared.Asking(() =>
        {
            var text = SearchQuery.Parse(request.Text, analyzer);
            var found = Run(text.ToQuery(allParts: true), request, site, utcNow);
            if (found.Total == 0 && text.PartCount > 1)
            {
                found = Run(text.ToQuery(allParts: false), request, site, utcNow) with { AllWords = false };
            }
            return found;
        }, out var guessed);
        return guessed ? null : results;
    }

    SearchResults Run(Query? text, SearchRequest request, int site, DateTime utcNow) => index.Search(searcher =>
    {
        var wanted = request.Page * request.PageSize;
        var byDate = text is null || request.Order == SearchOrder.Newest;
        var limit = Math.Max(1, Math.Min(byDate ? wanted : Math.Max(wanted, Recency.Window), searcher.IndexReader.MaxDoc));
        ITopDocsCollector top = byDate
            ? TopFieldCollector.Create(new Sort(new SortField(NewsIndex.Fields.Published, SortFieldType.INT64, reverse: true)), limit, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false)
            : TopScoreDocCollector.Create(limit, docsScoredInOrder: false);
        var facets = request.WithCounts ? new FacetCounts() : null;
        searcher.Search(Filtered(searcher, text ?? new MatchAllDocsQuery(), request, site, utcNow), facets is null ? top : MultiCollector.Wrap((ICollector)top, facets));
        var found = top.GetTopDocs();
        var ranked = byDate ? found.ScoreDocs : Recency.Rerank(searcher, found.ScoreDocs, utcNow);
        var docs = new TopDocs(found.TotalHits, ranked.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToArray(), 0);
        var highlighter = text is null || !request.WithHighlights ? null
            : new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlTextEncoder(), new QueryTermScorer(text)) { MaxDocCharsToAnalyze = HighlightChars };
        var analyzer = NewsIndex.AnalyzerOf(request.Language);
        var hits = docs.ScoreDocs.Select(d => Hit(searcher.Doc(d.Doc), highlighter, analyzer)).ToList();
        return new SearchResults(hits, docs.TotalHits, facets?.Departments ?? new Dictionary<int, int>(), facets?.Tags ?? new Dictionary<int, int>(),
            facets?.Years ?? new Dictionary<int, int>(), AllWords: true);
    });

    // Published by now (and within the dates asked), checked per hit from doc values rather than
    // by listing every matching date first; then the site, any of the departments, any of the tags.
    Query Filtered(IndexSearcher searcher, Query query, SearchRequest request, int site, DateTime utcNow)
    {
        var from = request.From is { } f ? Site.KyivTime.StartOfDay(f).Ticks : (long?)null;
        var before = request.To is { } t ? Site.KyivTime.StartOfDay(t.AddDays(1)).Ticks : long.MaxValue;
        var to = Math.Min(utcNow.Ticks, before - 1);
        // Nothing indexed is dated later than now (the usual case): no need to check each hit.
        if (from is not null || to < index.LatestPublished)
        {
            query = new FilteredQuery(query, PublishedBetween(from, to));
        }
        // The site's, in the language, of the kind: bits kept per index segment (Candidates), rather
        // than three terms' postings (nearly every document of a one-site index) looked up and
        // walked on every search. Most of the index: the query's scorer is given the bits as the
        // documents it may accept; a small part of it (a small site among many, its documents):
        // the filter leads and the query is asked only about its documents, as in TopAmong.
        var candidates = Candidates(site.ToString(CultureInfo.InvariantCulture), request.Language ?? Site.SiteLanguage.Default.Code, request.Kind);
        query = new FilteredQuery(query, candidates, Few(searcher, candidates) ? FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY : FilteredQuery.RANDOM_ACCESS_FILTER_STRATEGY);
        if (request.Departments.Count == 0 && request.Tags.Count == 0)
        {
            return query;
        }
        var links = new BooleanQuery();
        AnyOf(links, NewsIndex.Fields.Department, request.Departments);
        AnyOf(links, NewsIndex.Fields.Tag, request.Tags);
        return new FilteredQuery(query, new QueryWrapperFilter(links));
    }

    static Filter PublishedBetween(long? fromTicks, long toTicks) =>
        FieldCacheRangeFilter.NewInt64Range(NewsIndex.Fields.Published, fromTicks, toTicks, true, true);

    static void AnyOf(BooleanQuery filter, string field, IReadOnlyCollection<int> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var any = new BooleanQuery();
        foreach (var id in ids)
        {
            any.Add(new TermQuery(new Term(field, id.ToString(CultureInfo.InvariantCulture))), Occur.SHOULD);
        }
        filter.Add(any, Occur.MUST);
    }

    static SearchHit Hit(Lucene.Net.Documents.Document document, Highlighter? highlighter, Lucene.Net.Analysis.Analyzer analyzer)
    {
        var id = int.Parse(document.Get(NewsIndex.Fields.Id), CultureInfo.InvariantCulture);
        var title = document.Get(NewsIndex.Fields.Title) ?? "";
        var summary = document.Get(NewsIndex.Fields.Summary) ?? "";
        var text = document.Get(NewsIndex.Fields.Text) ?? "";
        if (highlighter is null)
        {
            return new SearchHit(id, Encode(title), Encode(Shorten(summary.Length > 0 ? summary : text)));
        }
        highlighter.TextFragmenter = new NullFragmenter();
        var titleHtml = highlighter.GetBestFragment(analyzer, NewsIndex.Fields.Title, title) ?? Encode(title);
        highlighter.TextFragmenter = new SimpleFragmenter(SnippetLength);
        var snippet = highlighter.GetBestFragment(analyzer, NewsIndex.Fields.Text, text)
            ?? highlighter.GetBestFragment(analyzer, NewsIndex.Fields.Summary, summary)
            ?? Encode(Shorten(summary.Length > 0 ? summary : text));
        return new SearchHit(id, titleHtml.Trim(), snippet.Trim());
    }

    static string Encode(string text) => HtmlTextEncoder.Encode(text);

    static string Shorten(string text) =>
        text.Length <= SnippetLength ? text : text[..(text.LastIndexOf(' ', SnippetLength) is > 0 and var cut ? cut : SnippetLength)] + "…";

    // The documents a search or related news may be taken from, per site, language and kind, each
    // kept as a bit set per index segment (CachingWrapperFilter) until the segment is merged away.
    // Bounded: each holds a bit per document of the index, and 1,500 sites could each have six
    // (two languages, three kinds); the busiest are asked again at once after a clear.
    readonly ConcurrentDictionary<(string Site, string Language, Articles.ArticleKind Kind), BitsFilter> candidates = new();
    const int MaxCandidateFilters = 256;

    BitsFilter Candidates(string site, string language, Articles.ArticleKind kind)
    {
        if (candidates.TryGetValue((site, language, kind), out var known))
        {
            return known;
        }
        if (candidates.Count >= MaxCandidateFilters)
        {
            candidates.Clear(); // Count takes every lock: asked only when one is added
        }
        return candidates.GetOrAdd((site, language, kind), key =>
        {
            var (kindTerm, kindOccur) = NewsIndex.KindFilter(key.Kind);
            return new BitsFilter(new QueryWrapperFilter(new BooleanQuery
            {
                { new TermQuery(new Term(NewsIndex.Fields.Site, key.Site)), Occur.MUST },
                { new TermQuery(NewsIndex.LanguageTerm(key.Language)), Occur.MUST },
                { new TermQuery(kindTerm), kindOccur }, // news never a page or document, and documents only documents
            }));
        });
    }

    // Whether the filter holds less than an eighth of the index: then it leads, not the query.
    static bool Few(IndexSearcher searcher, BitsFilter filter) =>
        searcher.IndexReader.Leaves.Sum(leaf => (long?)(filter.GetDocIdSet(leaf, acceptDocs: null) as FixedBitSet)?.Cardinality ?? 0) * 8L < searcher.IndexReader.MaxDoc;

    // The best of `query` among the documents of `filter`, into `collector`. Most of the index (a
    // site's news): each segment's bits are given to the query's scorer as the documents it may
    // accept, and a disjunction is scored in bulk, out of order (Lucene's BooleanScorer), which a
    // FilteredQuery would score one document at a time. A small part of it (documents; a small
    // site's news in a large index): the filter leads and the query is asked only about its documents.
    void TopAmong(IndexSearcher searcher, Query query, BitsFilter filter, DateTime utcNow, ICollector collector)
    {
        var leaves = searcher.IndexReader.Leaves;
        var sets = leaves.Select(leaf => filter.GetDocIdSet(leaf, acceptDocs: null) as FixedBitSet).ToList();
        var candidates = sets.Sum(bits => (long?)bits?.Cardinality ?? 0);
        if (candidates == 0)
        {
            return; // a site without documents: not a word looked up
        }
        Query filtered = new FilteredQuery(query, filter, FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);
        // Published by now: checked per hit only when the index holds a later date (as in Filtered).
        if (utcNow.Ticks < index.LatestPublished)
        {
            searcher.Search(new FilteredQuery(filtered, PublishedBetween(null, utcNow.Ticks)), collector);
            return;
        }
        if (candidates * 8L < searcher.IndexReader.MaxDoc)
        {
            searcher.Search(filtered, collector);
            return;
        }
        var weight = searcher.CreateNormalizedWeight(query);
        for (var i = 0; i < leaves.Count; i++)
        {
            if (sets[i] is { } bits)
            {
                var live = leaves[i].AtomicReader.LiveDocs;
                collector.SetNextReader(leaves[i]);
                weight.GetBulkScorer(leaves[i], scoreDocsInOrder: false, live is null ? bits : BitsFilteredDocIdSet.Wrap(bits, live).Bits)?.Score(collector);
            }
        }
    }

    // An article's site, language, telling words and tags, as one index reader has them: the article
    // page asks for related news and related documents in turn, which share them. Null if the
    // article is not in the index. The reader is held weakly: a replaced one is not kept alive.
    sealed record Like(WeakReference<IndexReader> Reader, string Site, string Language, BooleanClause[] Words, int[] Tags);
    readonly ConcurrentDictionary<int, Like> likes = new();
    const int MaxLikes = 64;

    Like? Likeness(IndexSearcher searcher, int articleId)
    {
        if (likes.TryGetValue(articleId, out var known) && known.Reader.TryGetTarget(out var reader) && reader == searcher.IndexReader)
        {
            return known;
        }
        var self = searcher.Search(new TermQuery(NewsIndex.IdTerm(articleId)), 1);
        if (self.TotalHits == 0)
        {
            return null;
        }
        var found = searcher.Doc(self.ScoreDocs[0].Doc);
        var language = found.Get(NewsIndex.Fields.Language);
        var like = new Like(new WeakReference<IndexReader>(searcher.IndexReader), found.Get(NewsIndex.Fields.Site), language,
            [.. tellingWords.Like(searcher.IndexReader, found, NewsIndex.AnalyzerOf(language)).Clauses],
            [.. NewsIndex.TagsOf(searcher, self.ScoreDocs[0].Doc)]);
        if (likes.Count >= MaxLikes)
        {
            likes.Clear();
        }
        likes[articleId] = like;
        return like;
    }

    // "Новина за темою": the public articles most like this one in words, weighted up by shared
    // tags, in its own language; null when the index cannot tell (not built yet, or the article is not in it).
    // Of kind Document: the register's documents on the same matter ("Документи за темою"), which
    // must share a good part of the article's telling words, not any one of them.
    public int[]? Related(int site, int articleId, int count, DateTime utcNow, Articles.ArticleKind kind = Articles.ArticleKind.News)
    {
        if (!index.IsReady)
        {
            return null;
        }
        var documents = kind == Articles.ArticleKind.Document;
        var remembered = documents ? relatedDocuments : related;
        var version = index.VersionOf(site);
        if (remembered.TryGetValue(articleId, out var known) && known.Site == site && known.Version == version)
        {
            return known.Ids;
        }
        var ids = index.Search(searcher =>
        {
            if (Likeness(searcher, articleId) is not { } like || like.Site != site.ToString(CultureInfo.InvariantCulture))
            {
                return null; // related news never crosses sites: only the article's own site's, asked for by its own site
            }
            var similar = new BooleanQuery();
            foreach (var clause in like.Words)
            {
                similar.Add(clause);
            }
            if (documents)
            {
                similar.MinimumNumberShouldMatch = Math.Max(MinSharedWords, similar.Clauses.Count / 3);
            }
            // What may be related (the site's, in the article's language, news or documents) is a
            // filter remembered per index segment; what is scored is only the words and tags it
            // shares, not the site and language as well (10,000 articles, one segment: 2.4 ms a
            // call instead of 4.1, bench/related.sh). Scores differ from those of the one query as
            // the clauses matched count only the shared words and tags.
            var query = new BooleanQuery { { similar, documents ? Occur.MUST : Occur.SHOULD } };
            foreach (var tag in like.Tags)
            {
                query.Add(new TermQuery(new Term(NewsIndex.Fields.Tag, tag.ToString(CultureInfo.InvariantCulture))) { Boost = 2f }, Occur.SHOULD);
            }
            query.Add(new TermQuery(NewsIndex.IdTerm(articleId)), Occur.MUST_NOT);
            var best = new Recency.Best(count, utcNow);
            TopAmong(searcher, query, Candidates(like.Site, like.Language, kind), utcNow, best);
            return best.Ids;
        });
        if (ids is not null)
        {
            if (remembered.Count >= MaxRelatedRemembered)
            {
                remembered.Clear();
            }
            remembered[articleId] = (site, version, ids);
        }
        return ids;
    }
}

// Kept as a bit set (random access), so that the query under it is scored as if on its own.
sealed class BitsFilter(Filter filter) : CachingWrapperFilter(filter)
{
    protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
    {
        var bits = new FixedBitSet(reader.MaxDoc);
        bits.Or(iterator);
        return bits;
    }
}

// Escapes only what HTML needs escaped: Cyrillic stays as it is (Lucene's SimpleHTMLEncoder
// writes every non-ASCII letter as an entity, tripling the size of Ukrainian text).
sealed class HtmlTextEncoder : IEncoder
{
    static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Encode(string text) => Html.Encode(text);

    public string EncodeText(string originalText) => Encode(originalText);
}
