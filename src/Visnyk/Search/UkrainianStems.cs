using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Hunspell;
using Lucene.Net.Analysis.TokenAttributes;

namespace Visnyk.Search;

// The stems of Ukrainian words, from the Hunspell dictionary shipped in Search/Dictionary
// (LibreOffice's uk_UA via Debian's hunspell-uk): зустрічей → зустріч, Полтавщині → полтавщина.
// Loading the dictionary takes seconds of CPU (it allocates ~900 MB while parsing, and keeps ~2 MB),
// so there is one per process, loaded in the background (SearchIndexer). Stemming a word costs
// ~70 µs, so every word's stems are kept: the words of what was indexed ("known", saved beside the
// index and read back at start, so that the index can answer before the dictionary has loaded),
// and, apart and fewer, the words residents asked for.
public sealed class UkrainianStems
{
    public static UkrainianStems Shared { get; } = new(LoadDictionary, Edition());

    // Beyond this many forms (a flood of made-up words), new ones are stemmed each time.
    const int MaxKnown = 1_000_000;
    const int MaxAsked = 200_000;

    readonly Lazy<Dictionary> dictionary;
    readonly string edition;
    readonly ConcurrentDictionary<string, string[]> known = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, string[]> asked = new(StringComparer.Ordinal);
    readonly ThreadLocal<Lookup> lookups;

    // The query being analysed on this thread (Asking), if any.
    [ThreadStatic] static Asked? query;

    internal UkrainianStems(Func<Dictionary> load, string edition)
    {
        dictionary = new Lazy<Dictionary>(load);
        this.edition = edition;
        lookups = new ThreadLocal<Lookup>(() => new Lookup(dictionary.Value));
    }

    public bool IsLoaded => dictionary.IsValueCreated;

    // Loads the dictionary, if not yet loaded; blocks meanwhile (seconds).
    public void Load() => _ = dictionary.Value;

    // How many word forms of indexed text are known.
    public int KnownCount => known.Count;

    // Stems of a lower-case word; a word the dictionary does not know falls back to UkrainianEndings.
    // Inside Asking, before the dictionary has loaded, a word not known yet is guessed (its ending
    // stripped) rather than waited for, and the guess is reported.
    public string[] Of(string word)
    {
        if (known.TryGetValue(word, out var stems) || asked.TryGetValue(word, out stems))
        {
            return stems;
        }
        if (word.Length < 3 || !word.All(IsUkrainianLetter))
        {
            return [word]; // numbers, Latin names, initials: as written
        }
        var asking = query;
        if (asking is not null && !IsLoaded)
        {
            asking.Guessed = true;
            return [UkrainianEndings.Strip(word)];
        }
        stems = Find(word);
        var (into, max) = asking is null ? (known, MaxKnown) : (asked, MaxAsked);
        if (into.Count < max)
        {
            into.TryAdd(word, stems);
        }
        return stems;
    }

    // Runs a search's analysis: the words met are remembered apart from the indexed ones, and none
    // waits for the dictionary. `guessed`: some word was not known yet and its stems were guessed,
    // so what came out may differ from what the dictionary would give.
    public T Asking<T>(Func<T> search, out bool guessed)
    {
        var outer = query;
        var asking = query = new Asked();
        try
        {
            var result = search();
            guessed = asking.Guessed;
            return result;
        }
        finally
        {
            query = outer;
        }
    }

    sealed class Asked
    {
        public bool Guessed;
    }

    string[] Find(string word)
    {
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

    // The known words, one per line ("word<TAB>stem stem"), after a line naming this dictionary's
    // edition: a file written with another dictionary is not read. Written to a temporary file and
    // moved, so a crash leaves the old file or the new one.
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            writer.Write(Header);
            writer.Write('\n');
            foreach (var (word, stems) in known)
            {
                writer.Write(word);
                writer.Write('\t');
                writer.Write(string.Join(' ', stems));
                writer.Write('\n');
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    // Adds the known words saved at `path`; returns how many were read (0: no file, another
    // edition, or a file that cannot be read, which only means waiting for the dictionary).
    public int Read(string path)
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            if (reader.ReadLine() != Header)
            {
                return 0;
            }
            var read = 0;
            // Many forms share a stem: one string for each.
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line && known.Count < MaxKnown)
            {
                var tab = line.IndexOf('\t');
                if (tab <= 0 || tab == line.Length - 1)
                {
                    continue;
                }
                var stems = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < stems.Length; i++)
                {
                    stems[i] = shared.TryGetValue(stems[i], out var same) ? same : shared[stems[i]] = stems[i];
                }
                known.TryAdd(line[..tab], stems);
                read++;
            }
            return read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    string Header => $"visnyk-stems 1 {edition}";

    static Stream Resource(string name) => typeof(UkrainianStems).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException("The Ukrainian dictionary is missing from the build (Search/Dictionary)");

    // The shipped dictionary's files, told apart by their sizes (read without loading them).
    internal static string Edition()
    {
        using var affix = Resource("Visnyk.Search.uk_UA.aff");
        using var words = Resource("Visnyk.Search.uk_UA.dic.gz");
        return $"uk_UA {affix.Length} {words.Length}";
    }

    static Dictionary LoadDictionary()
    {
        using var affix = Resource("Visnyk.Search.uk_UA.aff");
        using var words = new GZipStream(Resource("Visnyk.Search.uk_UA.dic.gz"), CompressionMode.Decompress);
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
