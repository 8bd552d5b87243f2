using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;
using Visnyk.Site;

namespace Visnyk.Search;

// An article as the index holds it: its text for searching and highlighting, its date for
// filtering, sorting and the recency boost, its departments and tags for filters and counts.
// Kind: news, or a page of the site's tree or a document of the register, each found only by the
// search page's own list of them.
// Language: the article's (SiteLanguage code); its words are analysed as that language's (AnalyzerOf).
public record IndexedArticle(int Id, int Site, string Title, string Summary, string Text, DateTime PublishedAt, IReadOnlyList<int> Departments, IReadOnlyList<int> Tags, IReadOnlyList<string> TagNames, Articles.ArticleKind Kind = Articles.ArticleKind.News,
    string Language = "uk");

// This instance's Lucene index of published articles, in the data folder. One writer per folder:
// every instance of a multi-instance site keeps its own, following ArticleChanges (SearchIndexer).
public sealed class NewsIndex(IOptions<SiteOptions> options, ILogger<NewsIndex> logger) : IDisposable
{
    // Bumped when documents change shape: an index of another version is rebuilt. 4: the words of
    // every indexed text are saved beside the index (an index built before has none saved).
    // 5: the site's pages are indexed too, marked with Fields.Kind. 6: and the register's documents.
    // 7: every language's articles, each marked with Fields.Language and analysed as its language.
    // 8: the id as a doc value too (Fields.Number), read without its stored fields.
    const string Schema = "8";

    public static class Fields
    {
        public const string Id = "id";
        // The id again as a doc value: related news reads it for a hit without decompressing the
        // stored fields (the article's whole text) of its block.
        public const string Number = "number";
        // The site the article belongs to: every search and related-news query is limited to one.
        public const string Site = "site";
        public const string Title = "title";
        public const string Summary = "summary";
        public const string Text = "text";
        // The article's tag names: "пенсії" finds what is tagged so, whatever its text says.
        public const string Labels = "labels";
        public const string Published = "published";
        public const string Department = "department";
        public const string Tag = "tag";
        // "page" on a page of the site's tree, "document" on a document, and "other" on both; news
        // has no kind (every news query leaves "other" out).
        public const string Kind = "kind";
        public const string PageKind = "page";
        public const string DocumentKind = "document";
        public const string NotNews = "other";
        // The article's language: every query asks one (a query in English finds English articles).
        public const string Language = "lang";
    }

    public static Term LanguageTerm(string language) => new(Fields.Language, language);

    public static Term PageTerm { get; } = new(Fields.Kind, Fields.PageKind);
    public static Term DocumentTerm { get; } = new(Fields.Kind, Fields.DocumentKind);
    public static Term NotNewsTerm { get; } = new(Fields.Kind, Fields.NotNews);

    // What a query of this kind must carry (or, for news, must not).
    public static (Term Term, Lucene.Net.Search.Occur Occur) KindFilter(Articles.ArticleKind kind) => kind switch
    {
        Articles.ArticleKind.Page => (PageTerm, Lucene.Net.Search.Occur.MUST),
        Articles.ArticleKind.Document => (DocumentTerm, Lucene.Net.Search.Occur.MUST),
        _ => (NotNewsTerm, Lucene.Net.Search.Occur.MUST_NOT),
    };

    readonly System.Threading.Lock gate = new();
    readonly string directory = options.Value.FullSearchIndexDirectory;
    FSDirectory? files;
    FileStream? instanceLock;
    IndexWriter? writer;
    SearcherManager? searchers;

    public static UkrainianAnalyzer Analyzer { get; } = new();

    // Each language's words: Ukrainian with the dictionary's stems, English with Lucene's own
    // (possessives, stop words, Porter's stemmer: "meetings" and "meeting" are one term). A
    // language without its own analyzer is split into lower-case words.
    static readonly Dictionary<string, Lucene.Net.Analysis.Analyzer> Analyzers = new(StringComparer.Ordinal)
    {
        ["uk"] = Analyzer,
        ["en"] = new Lucene.Net.Analysis.En.EnglishAnalyzer(UkrainianAnalyzer.Version),
    };
    static readonly Lucene.Net.Analysis.Analyzer Plain = new Lucene.Net.Analysis.Standard.StandardAnalyzer(UkrainianAnalyzer.Version);

    public static Lucene.Net.Analysis.Analyzer AnalyzerOf(string? language) =>
        Analyzers.GetValueOrDefault(language ?? SiteLanguage.Default.Code) ?? Plain;

    // Whether the index is open and has been built at least once: it can answer searches whose
    // words it knows (UkrainianStems.Asking), before the dictionary has loaded.
    // Not if the dictionary failed to load: the index could not follow the news any more.
    public bool IsOpen => searchers is not null && Cursor is not null && !UkrainianStems.Shared.Failed;

    // Whether every search can be answered: the index is open and the dictionary is loaded
    // (loading it takes seconds; requests must not queue behind it).
    public bool IsReady => IsOpen && UkrainianStems.Shared.IsLoaded;

    // The words of the indexed text and their stems, kept beside the index (UkrainianStems).
    const string VocabularyFile = "visnyk-stems.txt";
    int vocabularySaved;
    DateTime vocabularySavedAt;

    // Grows each time searchers see new content; caches of search results compare it.
    public long Version { get; private set; }

    // The Version at which each site's documents last changed, and at which every site's did (a
    // rebuild): what is derived from one site's documents (its related news) holds until its own
    // next change, not another site's. With many sites, each publication somewhere would otherwise
    // drop every site's remembered related news.
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> siteChangedAt = new();
    long everythingChangedAt;

    public long VersionOf(int site) => Math.Max(Interlocked.Read(ref everythingChangedAt), siteChangedAt.GetValueOrDefault(site));

    // The last ArticleChanges id the index reflects; null for an index never built (or of an older schema).
    public long? Cursor { get; private set; }

    // When the cursor was last committed: ArticleChanges older than a week are pruned, so an
    // index left behind longer than that is rebuilt.
    public DateTime? CommittedAt { get; private set; }

    public bool TryOpen()
    {
        lock (gate)
        {
            if (writer is not null)
            {
                return true;
            }
            System.IO.Directory.CreateDirectory(directory);
            // Lucene.NET's own write lock does not keep a second process out on Linux (each
            // creates its lock file anew), so the folder is held with an exclusive file lock.
            instanceLock = Hold(directory);
            if (instanceLock is null)
            {
                logger.LogError("The search index at {Directory} is in use by another process; each instance needs its own folder (Visnyk:SearchIndexDirectory)", directory);
                return false;
            }
            // Read with NIOFSDirectory, not FSDirectory.Open's MMapDirectory: in Lucene.NET
            // 4.8.0-beta00017 that registers every clone of an input (several per search) in a
            // ConditionalWeakTable behind one lock (apache/lucenenet#1151, fixed after that release),
            // and under concurrent searches it got slower the longer the process ran: 177, 150, 129
            // req/s in three rounds against 231, 236, 199 (bench/README "Search under load").
            files = new NIOFSDirectory(directory);
            writer = new IndexWriter(files, new IndexWriterConfig(UkrainianAnalyzer.Version, Analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = 64,
            });
            IDictionary<string, string> committed = writer.CommitData;
            if (committed.TryGetValue("schema", out var schema) && schema == Schema
                && long.TryParse(committed.TryGetValue("cursor", out var c) ? c : null, out var cursor))
            {
                Cursor = cursor;
                CommittedAt = DateTime.TryParse(committed.TryGetValue("at", out var a) ? a : null, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            }
            // The words first: searches may come as soon as the searchers exist.
            var vocabulary = UkrainianStems.Shared.Read(Path.Combine(directory, VocabularyFile));
            vocabularySaved = UkrainianStems.Shared.KnownVersion;
            // And the latest date before them too: until it is known, searches would not hide articles dated later than now.
            var opened = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
            var searcher = opened.Acquire();
            try
            {
                latestPublished = LatestIn(searcher);
            }
            finally
            {
                opened.Release(searcher);
            }
            searchers = opened;
            logger.LogInformation("Search index opened at {Directory}, {Words} word forms known", directory, vocabulary);
            return true;
        }
    }

    // True if another process holds the index (a running site, when the reindex command starts).
    public static bool IsInUse(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return false;
        }
        using var held = Hold(directory);
        return held is null;
    }

    static FileStream? Hold(string directory)
    {
        try
        {
            return new FileStream(Path.Combine(directory, "instance.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    // The latest publication time indexed (ticks; never lowered by removals): searches need not
    // filter out future articles while it is in the past.
    public long LatestPublished => Interlocked.Read(ref latestPublished);
    long latestPublished;

    public void Put(IndexedArticle article)
    {
        Writer.UpdateDocument(IdTerm(article.Id), Document(article), AnalyzerOf(article.Language));
        var ticks = article.PublishedAt.Ticks;
        for (var known = LatestPublished; ticks > known; known = LatestPublished)
        {
            Interlocked.CompareExchange(ref latestPublished, ticks, known);
        }
    }

    public void Remove(int id) => Writer.DeleteDocuments(IdTerm(id));

    public void RemoveSite(int site) => Writer.DeleteDocuments(SiteTerm(site));

    public void RemoveAll()
    {
        Writer.DeleteAll();
        Interlocked.Exchange(ref latestPublished, 0);
    }

    // One segment after a rebuild: each query then looks every word up once instead of once per
    // segment (related news at 10,000 articles: 6.1 ms a call over five segments, 4.1 over one).
    // Later additions make small segments again, merged by Lucene's policy as usual.
    public void MergeAll() => Writer.ForceMerge(1);

    // Makes the changes durable with the cursor they reach, and visible to searches. `sites`: the
    // sites whose documents changed (none, when only the cursor moves); null: every site's.
    public void Commit(long cursor, DateTime utcNow, IEnumerable<int>? sites)
    {
        Writer.SetCommitData(new Dictionary<string, string>
        {
            ["schema"] = Schema,
            ["cursor"] = cursor.ToString(CultureInfo.InvariantCulture),
            ["at"] = utcNow.ToString("O", CultureInfo.InvariantCulture),
        });
        Writer.Commit();
        // Searchers first: a search that sees the new cursor must see the new content.
        searchers!.MaybeRefreshBlocking();
        Cursor = cursor;
        CommittedAt = utcNow;
        Version++;
        // After the searchers: a cache that sees a site's new version reads the new content.
        if (sites is null)
        {
            Interlocked.Exchange(ref everythingChangedAt, Version);
        }
        else
        {
            foreach (var site in sites)
            {
                siteChangedAt[site] = Version;
            }
        }
        // New words are saved after a rebuild, and otherwise at most once a minute (and on closing):
        // a word missing from the file only means waiting for the dictionary after a restart.
        if (sites is null || utcNow - vocabularySavedAt >= TimeSpan.FromMinutes(1))
        {
            SaveVocabulary(utcNow);
        }
    }

    // Runs a search on the newest searcher; searchers are shared, so the lease is released after.
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        var manager = searchers ?? throw new InvalidOperationException("The search index is not open");
        var searcher = manager.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    // From each segment's dates as searches read them (PublishedDates: read once per segment).
    static long LatestIn(IndexSearcher searcher) =>
        searcher.IndexReader.Leaves.Select(leaf => PublishedDates.Of(leaf.AtomicReader) is { Length: > 0 } dates ? dates.Max() : 0).DefaultIfEmpty().Max();

    // The tag ids of one document, from its doc values.
    public static IReadOnlyList<int> TagsOf(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var tags = new List<int>();
        if (leaf.AtomicReader.GetSortedSetDocValues(Fields.Tag) is { } values)
        {
            values.SetDocument(doc - leaf.DocBase);
            var value = new BytesRef();
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                values.LookupOrd(ord, value);
                tags.Add(int.Parse(value.Utf8ToString(), CultureInfo.InvariantCulture));
            }
        }
        return tags;
    }

    public int Count => Search(s => s.IndexReader.NumDocs);

    public long SizeOnDisk => files is null ? 0 : files.ListAll().Sum(name => files.FileLength(name));

    public static Term IdTerm(int id) => new(Fields.Id, id.ToString(CultureInfo.InvariantCulture));

    public static Term SiteTerm(int site) => new(Fields.Site, site.ToString(CultureInfo.InvariantCulture));

    static Document Document(IndexedArticle article)
    {
        var document = new Document
        {
            new StringField(Fields.Id, article.Id.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new NumericDocValuesField(Fields.Number, article.Id),
            new StringField(Fields.Site, article.Site.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new StringField(Fields.Language, article.Language, Field.Store.YES),
            new TextField(Fields.Title, article.Title, Field.Store.YES),
            new TextField(Fields.Summary, article.Summary, Field.Store.YES),
            new TextField(Fields.Text, article.Text, Field.Store.YES),
            new TextField(Fields.Labels, string.Join(" ; ", article.TagNames), Field.Store.NO),
            // Indexed for date filters, and as doc values for sorting and the recency boost.
            new Int64Field(Fields.Published, article.PublishedAt.Ticks, Field.Store.NO),
            new NumericDocValuesField(Fields.Published, article.PublishedAt.Ticks),
        };
        if (article.Kind != Articles.ArticleKind.News)
        {
            document.Add(new StringField(Fields.Kind, Fields.NotNews, Field.Store.NO));
            document.Add(new StringField(Fields.Kind, article.Kind == Articles.ArticleKind.Page ? Fields.PageKind : Fields.DocumentKind, Field.Store.NO));
        }
        foreach (var id in article.Departments)
        {
            AddLink(document, Fields.Department, id);
        }
        foreach (var id in article.Tags)
        {
            AddLink(document, Fields.Tag, id);
        }
        return document;
    }

    // A department or tag: a term to filter by and a doc value to count (FacetCounts).
    static void AddLink(Document document, string field, int id)
    {
        var value = id.ToString(CultureInfo.InvariantCulture);
        document.Add(new StringField(field, value, Field.Store.NO));
        document.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    IndexWriter Writer => writer ?? throw new InvalidOperationException("The search index is not open");

    void SaveVocabulary(DateTime utcNow)
    {
        var known = UkrainianStems.Shared.KnownVersion;
        if (known == vocabularySaved)
        {
            return;
        }
        try
        {
            UkrainianStems.Shared.Save(Path.Combine(directory, VocabularyFile));
            (vocabularySaved, vocabularySavedAt) = (known, utcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Saving the search vocabulary failed: {Error}", e.Message);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (writer is not null)
            {
                SaveVocabulary(vocabularySavedAt);
            }
            searchers?.Dispose();
            writer?.Dispose();
            files?.Dispose();
            instanceLock?.Dispose();
            (searchers, writer, files, instanceLock) = (null, null, null, null);
        }
    }
}
