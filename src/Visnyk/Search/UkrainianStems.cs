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
    // Bumped when Find (or UkrainianEndings) would stem a word differently: saved words of another
    // version are not read.
    const int Stemming = 1;

    readonly Lazy<Dictionary> dictionary;
    readonly string edition;
    readonly ConcurrentDictionary<string, string[]> known = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, string[]> asked = new(StringComparer.Ordinal);
    // The two counts, kept apart: ConcurrentDictionary.Count takes every lock.
    int knownCount, askedCount;
    // Changes to the known words (added or forgotten): a save is needed when it moved, even if
    // the count came back to the same number.
    int knownVersion;
    readonly ThreadLocal<Lookup> lookups;
    readonly Lock saving = new();

    // The query being analysed on this thread (Asking), if any.
    [ThreadStatic] static Asked? query;

    internal UkrainianStems(Func<Dictionary> load, string edition)
    {
        dictionary = new Lazy<Dictionary>(() =>
        {
            try
            {
                return load();
            }
            catch
            {
                Failed = true; // remembered by the Lazy: it will not load later either
                throw;
            }
        });
        this.edition = edition;
        lookups = new ThreadLocal<Lookup>(() => new Lookup(dictionary.Value));
    }

    public bool IsLoaded => dictionary.IsValueCreated;

    // The dictionary could not be loaded: nothing new can be indexed, so the index must not answer.
    public bool Failed { get; private set; }

    // Loads the dictionary, if not yet loaded; blocks meanwhile (seconds).
    public void Load() => _ = dictionary.Value;

    // The same, off the caller's thread (for those that must not guess a stem: saved searches).
    public Task LoadAsync(CancellationToken ct) => IsLoaded ? Task.CompletedTask : Task.Run(Load, ct);

    // How many word forms of indexed text are known.
    public int KnownCount => Volatile.Read(ref knownCount);

    public int KnownVersion => Volatile.Read(ref knownVersion);

    // Forgets the known words (a rebuild of the index learns those of what it holds now), so that
    // words of text no longer indexed are not kept and saved for ever.
    public void ForgetKnown()
    {
        known.Clear();
        Volatile.Write(ref knownCount, 0);
        Interlocked.Increment(ref knownVersion);
    }

    // Stems of a lower-case word; a word the dictionary does not know falls back to UkrainianEndings.
    // Inside Asking, before the dictionary has loaded, a word not known yet is guessed (its ending
    // stripped) rather than waited for, and the guess is reported.
    public string[] Of(string word)
    {
        var asking = query;
        if (known.TryGetValue(word, out var stems))
        {
            return stems;
        }
        if (asked.TryGetValue(word, out stems))
        {
            // First asked for, now met in indexed text: known from now on, and saved.
            if (asking is null)
            {
                Know(word, stems);
            }
            return stems;
        }
        if (word.Length < 3 || !word.All(IsUkrainianLetter))
        {
            return [word]; // numbers, Latin names, initials: as written
        }
        if (asking is not null && !IsLoaded)
        {
            asking.Guessed = true;
            return [UkrainianEndings.Strip(word)];
        }
        stems = Find(word);
        if (asking is null)
        {
            Know(word, stems);
        }
        else
        {
            Remember(asked, ref askedCount, MaxAsked, word, stems);
        }
        return stems;
    }

    void Know(string word, string[] stems)
    {
        if (Remember(known, ref knownCount, MaxKnown, word, stems))
        {
            Interlocked.Increment(ref knownVersion);
        }
    }

    static bool Remember(ConcurrentDictionary<string, string[]> into, ref int count, int max, string word, string[] stems)
    {
        if (Volatile.Read(ref count) < max && into.TryAdd(word, stems))
        {
            Interlocked.Increment(ref count);
            return true;
        }
        return false;
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

    // The known words, one per line ("word<TAB>stem stem"), between a line naming this
    // dictionary's edition and the stemming's version (a file of another is not read) and a last
    // line with their count (a file cut short is not read). Written to a temporary file, flushed
    // to the disk and moved, so a crash leaves the old file or the new one.
    public void Save(string path)
    {
        lock (saving)
        {
            var temporary = path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(file, new UTF8Encoding(false), leaveOpen: true))
                {
                    writer.Write(Header);
                    writer.Write('\n');
                    var count = 0;
                    foreach (var (word, stems) in known)
                    {
                        writer.Write(word);
                        writer.Write('\t');
                        writer.Write(string.Join(' ', stems));
                        writer.Write('\n');
                        count++;
                    }
                    writer.Write($"{End}{count}\n");
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
    }

    const string End = "end\t";

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
            // Many forms share a stem: one string for each.
            var shared = new Dictionary<string, string>(StringComparer.Ordinal);
            var words = new List<(string Word, string[] Stems)>();
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith(End, StringComparison.Ordinal))
                {
                    // Complete: add them (up to the limit).
                    if (int.TryParse(line.AsSpan(End.Length), out var count) && count == words.Count && reader.ReadLine() is null)
                    {
                        foreach (var (word, stems) in words.Take(MaxKnown - KnownCount))
                        {
                            Know(word, stems);
                        }
                        return words.Count;
                    }
                    return 0;
                }
                var tab = line.IndexOf('\t');
                if (tab <= 0 || tab == line.Length - 1)
                {
                    return 0;
                }
                var found = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < found.Length; i++)
                {
                    found[i] = shared.TryGetValue(found[i], out var same) ? same : shared[found[i]] = found[i];
                }
                words.Add((line[..tab], found));
            }
            return 0; // cut short
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    string Header => $"visnyk-stems 2 {Stemming} {edition}";

    // Which stemming made a stem: stems filed under another (saved searches') are filed again.
    public string Filing => $"{Stemming} {edition}";

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
