using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Visnyk.Search;

// Text to search terms, the same for articles and queries: words (Unicode word boundaries), in
// lower case, without the commonest function words, each replaced by its dictionary stems.
public sealed class UkrainianAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // One apostrophe for all the ways it is typed (the dictionary's is the ASCII one), and no
    // stress marks or soft hyphens pasted from Word.
    static readonly NormalizeCharMap Marks = BuildMarks();

    static readonly CharArraySet StopWords = new(Version,
    [
        "а", "але", "б", "би", "бо", "в", "від", "до", "для", "же", "з", "за", "зі", "із", "й", "і", "та", "у", "на",
        "над", "не", "ні", "о", "об", "по", "при", "про", "під", "що", "як", "це", "ці", "чи", "щодо", "через", "між",
    ], ignoreCase: false);

    static NormalizeCharMap BuildMarks()
    {
        var marks = new NormalizeCharMap.Builder();
        foreach (var apostrophe in new[] { "’", "ʼ", "‘", "`", "´", "ʹ", "′" })
        {
            marks.Add(apostrophe, "'");
        }
        marks.Add("\u0301", "");
        marks.Add("\u00AD", "");
        return marks.Build();
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(Marks, reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var words = new StandardTokenizer(Version, reader);
        TokenStream terms = new LowerCaseFilter(Version, words);
        terms = new StopFilter(Version, terms, StopWords);
        return new TokenStreamComponents(words, new StemFilter(terms, UkrainianStems.Shared));
    }

    // Each word becomes its stems, stacked at the word's position.
    sealed class StemFilter : TokenFilter
    {
        readonly UkrainianStems stems;
        readonly ICharTermAttribute term;
        readonly IPositionIncrementAttribute position;
        string[] pending = [];
        int next;
        State? word;

        public StemFilter(TokenStream input, UkrainianStems stems) : base(input)
        {
            this.stems = stems;
            term = AddAttribute<ICharTermAttribute>();
            position = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (next < pending.Length)
            {
                RestoreState(word);
                term.SetEmpty().Append(pending[next++]);
                position.PositionIncrement = 0;
                return true;
            }
            if (!m_input.IncrementToken())
            {
                return false;
            }
            pending = stems.Of(term.ToString());
            next = 1;
            if (pending.Length > 1)
            {
                word = CaptureState();
            }
            term.SetEmpty().Append(pending[0]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            pending = [];
            next = 0;
            word = null;
        }
    }
}
