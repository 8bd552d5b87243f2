using System.Collections.Concurrent;
using System.IO.Compression;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Hunspell;
using Lucene.Net.Analysis.TokenAttributes;

namespace Visnyk.Search;

// The stems of Ukrainian words, from the Hunspell dictionary shipped in Search/Dictionary
// (LibreOffice's uk_UA via Debian's hunspell-uk): зустрічей → зустріч, Полтавщині → полтавщина.
// Loading the dictionary takes seconds of CPU (it allocates ~900 MB while parsing, and keeps ~2 MB),
// so there is one per process, loaded on first use. Stemming a word costs ~70 µs, so every word's
// stems are kept: a news site's vocabulary is a few hundred thousand forms.
public sealed class UkrainianStems
{
    static readonly Lazy<UkrainianStems> shared = new(() => new UkrainianStems(Load()));
    public static UkrainianStems Shared => shared.Value;
    public static bool IsLoaded => shared.IsValueCreated;

    // Beyond this many cached forms (a flood of made-up query words), new ones are stemmed each time.
    const int MaxCached = 1_000_000;

    readonly Dictionary dictionary;
    readonly ConcurrentDictionary<string, string[]> cache = new(StringComparer.Ordinal);
    readonly ThreadLocal<Lookup> lookups;

    UkrainianStems(Dictionary dictionary)
    {
        this.dictionary = dictionary;
        lookups = new ThreadLocal<Lookup>(() => new Lookup(this.dictionary));
    }

    // Stems of a lower-case word; a word the dictionary does not know falls back to UkrainianEndings.
    public string[] Of(string word)
    {
        if (cache.TryGetValue(word, out var stems))
        {
            return stems;
        }
        stems = Find(word);
        if (cache.Count < MaxCached)
        {
            cache.TryAdd(word, stems);
        }
        return stems;
    }

    string[] Find(string word)
    {
        if (word.Length < 3 || !word.All(IsUkrainianLetter))
        {
            return [word]; // numbers, Latin names, initials: as written
        }
        // HunspellStemFilter passes an unknown word through untouched, and returns the dictionary's
        // lower-case forms for a known one: asking in upper case tells the two apart.
        var upper = word.ToUpperInvariant();
        var found = lookups.Value!.Stems(upper);
        if (found.Count == 0 || found is [var only] && only == upper)
        {
            return [UkrainianEndings.Strip(word)];
        }
        return found.Select(s => s.ToLowerInvariant()).Distinct().ToArray();
    }

    static bool IsUkrainianLetter(char c) => c is (>= 'а' and <= 'я') or 'і' or 'ї' or 'є' or 'ґ' or '\'' or '-';

    static Dictionary Load()
    {
        var assembly = typeof(UkrainianStems).Assembly;
        using var affix = assembly.GetManifestResourceStream("Visnyk.Search.uk_UA.aff")
            ?? throw new InvalidOperationException("The Ukrainian dictionary is missing from the build (Search/Dictionary)");
        using var words = new GZipStream(assembly.GetManifestResourceStream("Visnyk.Search.uk_UA.dic.gz")!, CompressionMode.Decompress);
        // ignoreCase: proper nouns such as Полтавщина are capitalised in the dictionary.
        return new Dictionary(affix, [words], ignoreCase: true);
    }

    // One word through Lucene's HunspellStemFilter; one per thread, as the filter keeps state.
    sealed class Lookup
    {
        readonly KeywordTokenizer word = new(new StringReader(""));
        readonly HunspellStemFilter stems;
        readonly ICharTermAttribute term;

        public Lookup(Dictionary dictionary)
        {
            stems = new HunspellStemFilter(word, dictionary, dedup: true, longestOnly: false);
            term = stems.AddAttribute<ICharTermAttribute>();
        }

        public List<string> Stems(string text)
        {
            word.SetReader(new StringReader(text));
            stems.Reset();
            var found = new List<string>(2);
            while (stems.IncrementToken())
            {
                found.Add(term.ToString());
            }
            stems.End();
            stems.Dispose();
            return found;
        }
    }
}
