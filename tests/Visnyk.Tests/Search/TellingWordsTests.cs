using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Search;
using Visnyk.Site;

namespace Visnyk.Tests.Search;

// "Новини за темою" asks the index for the articles like one; the words it asks with are chosen
// as Lucene's MoreLikeThis.Like(doc) chose them, only cheaper (TellingWords). MoreLikeThis stays
// here as the reference: the same words, fields and boosts, in the same order, for every article
// of an index of synthetic news (the seed's own writer, without a database).
public sealed class TellingWordsTests : IDisposable
{
    static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    readonly string folder = Directory.CreateTempSubdirectory("visnyk-telling-words-").FullName;

    [Fact]
    public void Every_article_is_asked_for_with_the_words_MoreLikeThis_chooses_before_and_after_the_index_changes()
    {
        UkrainianStems.Shared.Load();
        using var index = new NewsIndex(Options.Create(new SiteOptions { DataDirectory = folder }), NullLogger<NewsIndex>.Instance);
        Assert.True(index.TryOpen());
        var articles = Synthetic(240);
        articles.ForEach(index.Put);
        index.Put(new IndexedArticle(1_001, 1, "Regional council meets on water supply", "The council discussed the water supply of the villages.",
            "Water supply in the villages will be restored by winter; the council approved the repairs of the pipes.", Now, [1], [], [], Language: "en"));
        index.Put(new IndexedArticle(1_002, 1, "Water supply restored", "Pipes repaired in three villages.", "The water supply of three villages is restored.", Now, [1], [], [], Language: "en"));
        index.Commit(1, Now, null);
        // One instance throughout: the frequencies it remembers must not outlive the index they came from.
        var words = new TellingWords();
        Assert.Equal(242, Compare(index, words));

        // Another segment, and deletions in the first (an edit replaces its document): frequencies
        // are summed over segments, deleted documents included, as IndexReader.DocFreq does; and
        // the new articles make their words commoner, which changes the boosts of every article with them.
        foreach (var edited in articles.Take(20))
        {
            index.Put(edited with { Title = edited.Title + " (оновлено)" });
        }
        for (var i = 0; i < 12; i++)
        {
            index.Put(new IndexedArticle(2_000 + i, 1, $"Водопостачання громади відновлено, черга {i}", "",
                "Водопостачання й опалення громади відновлено: бригади міняють труби, укриття готові.", Now, [1], [], []));
        }
        index.Commit(2, Now, [1]);
        index.Search(searcher =>
        {
            Assert.True(searcher.IndexReader.Leaves.Count > 1, "more than one segment");
            Assert.True(searcher.IndexReader.NumDeletedDocs > 0, "deleted documents in the index");
            return 0;
        });
        Assert.Equal(254, Compare(index, words));
    }

    // Every live document of the index against MoreLikeThis with the settings NewsSearch.Related had.
    static int Compare(NewsIndex index, TellingWords words) => index.Search(searcher =>
    {
        var reader = searcher.IndexReader;
        var live = MultiFields.GetLiveDocs(reader);
        var compared = 0;
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }
            var document = searcher.Doc(doc);
            var analyzer = NewsIndex.AnalyzerOf(document.Get(NewsIndex.Fields.Language));
            var reference = new MoreLikeThis(reader)
            {
                Analyzer = analyzer,
                FieldNames = [NewsIndex.Fields.Title, NewsIndex.Fields.Summary, NewsIndex.Fields.Text],
                MinTermFreq = 1,
                MinDocFreq = 2,
                MaxQueryTerms = 25,
                MaxNumTokensParsed = 1_000,
                ApplyBoost = true,
            };
            reference.SetMaxDocFreqPct(TellingWords.MaxDocFreqPercent);
            var expected = Clauses((BooleanQuery)reference.Like(doc));
            Assert.True(expected.Count > 1, $"words for article {document.Get(NewsIndex.Fields.Id)}");
            Assert.Equal(expected, Clauses(words.Like(reader, document, analyzer)));
            compared++;
        }
        return compared;
    });

    // Boosts compared exactly, not as printed.
    static List<(string Field, string Word, float Boost, Occur Occur)> Clauses(BooleanQuery query) =>
        query.Clauses.Select(c => (((TermQuery)c.Query).Term.Field, ((TermQuery)c.Query).Term.Text, c.Query.Boost, c.Occur)).ToList();

    // The seed's articles (SyntheticContent), with departments, tags and pictures that are not stored.
    static List<IndexedArticle> Synthetic(int count)
    {
        var departments = SyntheticText.Departments.Select((d, i) => new Visnyk.Departments.Department { Id = i + 1, Name = d.Name, Slug = $"d{i}" }).ToList();
        var tags = SyntheticText.TagNames().Select((n, i) => new Visnyk.Tags.Tag { Id = i + 1, Name = n, Slug = $"t{i}" }).ToDictionary(t => t.Name);
        var pictures = SyntheticText.Pictures.Select((_, i) => new Visnyk.Media.Image { Id = i + 1, Key = $"p{i}" }).ToList();
        var writer = new SyntheticWriter(new Random(1325), Now, count, departments, tags, pictures);
        return Enumerable.Range(0, count).Select(i =>
        {
            var a = writer.Article(i);
            return new IndexedArticle(i + 1, 1, a.Title, a.Summary, PlainText.FromHtml(a.Body), a.PublishedAt,
                a.Departments.Select(d => d.Id).ToList(), a.Tags.Select(t => t.Id).ToList(), a.Tags.Select(t => t.Name).ToList());
        }).ToList();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
