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
        TokenStream terms = new LowerCase(words);
        terms = new StopFilter(Version, terms, StopWords);
        return new TokenStreamComponents(words, new StemFilter(terms, UkrainianStems.Shared));
    }

    // Each word in lower case, as Lucene's LowerCaseFilter writes it (the invariant culture's
    // mapping), but Latin and Ukrainian letters without asking the culture: that is a call into
    // ICU for each letter (~9% of a search's time, mostly highlighting). A word with any other
    // letter is given to the culture whole.
    internal sealed class LowerCase : TokenFilter
    {
        readonly ICharTermAttribute term;

        public LowerCase(TokenStream input) : base(input) => term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }
            var word = term.Buffer.AsSpan(0, term.Length);
            var i = 0;
            for (; i < word.Length; i++)
            {
                var c = word[i];
                if (c < 0x80)
                {
                    word[i] = char.IsAsciiLetterUpper(c) ? (char)(c + 0x20) : c;
                }
                else if (c is >= '\u0410' and <= '\u042F')
                {
                    word[i] = (char)(c + 0x20); // А..Я
                }
                else if (c is >= '\u0400' and <= '\u040F')
                {
                    word[i] = (char)(c + 0x50); // Ѐ..Џ: Є, І, Ї, Ё
                }
                else if (c == '\u0490')
                {
                    word[i] = '\u0491'; // Ґ
                }
                else if (c is not (>= '\u0430' and <= '\u045F' or '\u0491'))
                {
                    break;
                }
            }
            if (i < word.Length)
            {
                Span<char> rest = word.Length - i <= 256 ? stackalloc char[word.Length - i] : new char[word.Length - i];
                word[i..].CopyTo(rest);
                rest.ToLowerInvariant(word[i..]);
            }
            return true;
        }
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
