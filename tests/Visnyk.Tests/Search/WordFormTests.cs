using Lucene.Net.Analysis.TokenAttributes;
using Visnyk.Search;

namespace Visnyk.Tests.Search;

// The analyzer that indexes articles and reads queries: a word in one form must find the others.
public class WordFormTests
{
    // Pairs of forms a resident may type and an article may use.
    public static TheoryData<string, string> SameWord => new()
    {
        { "зустріч", "зустрічі" },
        { "зустріч", "зустрічей" },
        { "зустрічі", "зустріччю" },
        { "насильство", "насильству" },
        { "насильство", "насильства" },
        { "Полтавщина", "Полтавщини" },
        { "Полтавщина", "Полтавщині" },
        { "полтавщиною", "ПОЛТАВЩИНА" },
        { "постраждалі", "постраждалих" },
        { "постраждалим", "постраждалі" },
        { "громада", "громади" },
        { "громадою", "громад" },
        { "обстріл", "обстрілів" },
        { "обстріли", "обстрілу" },
        { "ветеран", "ветеранами" },
        { "ветеранів", "ветеранам" },
        { "військовий", "військових" },
        { "військові", "військовим" },
        { "Кременчук", "Кременчуці" },
        { "Кременчука", "Кременчуком" },
        { "укриття", "укриттів" },
        { "укриттях", "укриття" },
        { "енергетика", "енергетики" },
        { "енергетичний", "енергетичних" },
        { "безпека", "безпеки" },
        { "безпеці", "безпекою" },
        { "область", "області" },
        { "областей", "областями" },
        { "виплата", "виплати" },
        { "виплат", "виплатами" },
        { "дитина", "дитини" },
        { "школа", "школах" },
        { "лікарня", "лікарні" },
        { "жінка", "жінок" },
        { "жінки", "жінкам" },
        // Apostrophes: ASCII, typographic, the modifier letter, a grave typed by mistake.
        { "м'ясо", "м’ясо" },
        { "сім'я", "сімʼя" },
        { "сім’ї", "сім'ям" },
        { "п`ять", "п'ять" },
        { "об'єднана", "обʼєднаної" },
        // Words the dictionary does not know fall back to their ending stripped.
        { "Укрзалізниця", "Укрзалізницею" },
        { "Укрзалізниці", "Укрзалізниця" },
        // Stress marks and soft hyphens pasted from Word are ignored.
        { "зу\u0301стріч", "зустріч" },
        { "Полтав\u00ADщина", "Полтавщина" },
    };

    public static TheoryData<string, string> DifferentWords => new()
    {
        { "зустріч", "звіт" },
        { "громада", "громадянин" },
        { "мир", "мер" },
        { "школа", "шкода" },
        { "Полтавщина", "Харківщина" },
        { "Укрзалізниця", "Укрпошта" },
    };

    [Theory]
    [MemberData(nameof(SameWord))]
    public void Forms_of_one_word_share_a_stem(string one, string other)
    {
        var a = Terms(one);
        var b = Terms(other);
        Assert.NotEmpty(a);
        Assert.True(a.Overlaps(b), $"{one} → {string.Join(",", a)}; {other} → {string.Join(",", b)}");
    }

    [Theory]
    [MemberData(nameof(DifferentWords))]
    public void Different_words_stay_apart(string one, string other)
    {
        var a = Terms(one);
        var b = Terms(other);
        Assert.False(a.Overlaps(b), $"{one} → {string.Join(",", a)}; {other} → {string.Join(",", b)}");
    }

    [Fact]
    public void A_sentence_keeps_words_in_order_without_function_words_and_numbers_as_written()
    {
        var terms = Positions("Зустріч з ветеранами у Кременчуці 24 лютого 2025 року");
        string[] expected = ["зустріч", "ветеран", "кременчук", "24", "лютий", "2025", "рік"];
        Assert.Equal(expected.Length, terms.Count);
        // A word may have several stems (року: рік, рок); the right one is among them.
        Assert.All(expected.Zip(terms), pair => Assert.Contains(pair.First, pair.Second));
    }

    [Fact]
    public void Latin_words_and_codes_are_kept_whole_in_lower_case()
    {
        Assert.Equal(["nato", "cc", "by", "4.0", "ua"], Positions("NATO CC BY 4.0 UA").Select(p => p[0]));
    }

    static HashSet<string> Terms(string text) => Positions(text).SelectMany(p => p).ToHashSet();

    static List<List<string>> Positions(string text)
    {
        var positions = new List<List<string>>();
        using var stream = NewsIndex.Analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0)
            {
                positions.Add([]);
            }
            positions[^1].Add(term.ToString());
        }
        stream.End();
        return positions;
    }
}
