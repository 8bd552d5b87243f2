using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Visnyk.Search;

namespace Visnyk.Tests.Search;

// The analyzer's own lower-casing must write every word as Lucene's LowerCaseFilter does: an index
// built before it (or a query read after it) would otherwise hold terms no search can find.
public class LowerCaseTests
{
    // Every character of the Basic Multilingual Plane (surrogates aside), as words of 64, each
    // word in turn: the Ukrainian fast path, the ASCII one and the culture's for the rest.
    [Fact]
    public void Every_character_is_lowered_as_Lucene_lowers_it()
    {
        var characters = Enumerable.Range(1, 0xFFFF).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => (char)c).ToArray();
        var words = characters.Chunk(64).Select(chunk => new string(chunk)).ToList();
        // And words that start Ukrainian and turn to another script half-way.
        // Beyond the BMP (a pair of surrogates, Deseret capitals), and a surrogate on its own.
        words.AddRange(["ҐАНОК", "ЇЖАК'Є", "ПолтаваΣΊΣΥΦΟΣ", "КИЇВ-ÀÉÎ", "ABCЖИТЛОǅ", "Ⅻ", "ꙀꙂ", "ПОЛТАВА𐐀𐐁", "𐐀Ж", "Ж\uD800", "\uDC00ЖЖ"]);
        foreach (var word in words)
        {
            Assert.Equal(Lower(word, input => new LowerCaseFilter(UkrainianAnalyzer.Version, input)), Lower(word, input => new UkrainianAnalyzer.LowerCase(input)));
        }
    }

    static string Lower(string word, Func<TokenStream, TokenFilter> filter)
    {
        using var stream = filter(new KeywordTokenizer(new StringReader(word)));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        Assert.True(stream.IncrementToken());
        var lowered = term.ToString();
        stream.End();
        return lowered;
    }
}
