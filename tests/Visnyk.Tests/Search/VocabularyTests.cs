using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Visnyk.Search;

namespace Visnyk.Tests.Search;

// The words of the indexed text are saved beside the index with their stems, so that after a
// restart the index answers searches of those words while the dictionary is still loading (seconds),
// and any other word waits for it: a search with a guessed stem is not answered from the index.
public class VocabularyTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    // A process that has just started: the words read back, the dictionary not loaded (and never
    // loaded by these tests: loading it would fail them).
    static UkrainianStems Starting() => new(() => throw new InvalidOperationException("the dictionary must not be waited for"), UkrainianStems.Edition());

    // A word no test has met: Cyrillic letters for a new Guid's digits.
    static string NewWord() => string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => "абвгдежзиклмнопр"[Convert.ToInt32(c.ToString(), 16)]));

    [Fact]
    public void Words_read_back_are_stemmed_as_the_dictionary_did_without_waiting_for_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"visnyk-stems-{Guid.NewGuid():N}.txt");
        try
        {
            // Outside a search: words of indexed text, kept and saved.
            var indexed = new[] { "зустрічей", "полтавщині", "постраждалих", "кременчуці" }.ToDictionary(w => w, UkrainianStems.Shared.Of);
            UkrainianStems.Shared.Save(path);

            var starting = Starting();
            Assert.True(starting.Read(path) >= indexed.Count);
            Assert.False(starting.IsLoaded);
            foreach (var (word, stems) in indexed)
            {
                Assert.Equal(stems, starting.Asking(() => starting.Of(word), out var guessed));
                Assert.False(guessed, word);
            }
            // A word never indexed: its stem guessed at once, and the guess owned up to.
            starting.Asking(() => starting.Of(NewWord() + "ами"), out var guessedUnknown);
            Assert.True(guessedUnknown);
            Assert.False(starting.IsLoaded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_index_saves_the_words_of_what_it_indexed()
    {
        var folder = site.Services.GetRequiredService<IOptions<Visnyk.Site.SiteOptions>>().Value.FullSearchIndexDirectory;
        // One process, one index, in production. Here other tests' sites rebuild theirs meanwhile,
        // and a rebuild forgets the process's known words (to learn those of what it indexes), so
        // a save may miss a word just indexed: a few tries, each with a new word.
        string[]? stems = null;
        var guessed = true;
        string word = "";
        for (var attempt = 0; attempt < 3 && guessed; attempt++)
        {
            word = "водо" + NewWord();
            await using (var scope = site.Scope(out var db))
            {
                db.Articles.Add(SearchSite.Published("Новий запис про водопостачання", $"<p>Сьогодні {word} запрацювала.</p>", DateTime.UtcNow.AddMinutes(-5)));
                await db.SaveChangesAsync();
            }
            await site.CaughtUpAsync();
            // Saved at most once a minute between rebuilds, and whenever the index closes.
            site.Services.GetRequiredService<NewsIndex>().Dispose();
            var starting = Starting();
            Assert.True(starting.Read(Path.Combine(folder, "visnyk-stems.txt")) > 0);
            stems = starting.Asking(() => starting.Of(word), out guessed);
        }
        Assert.False(guessed);
        Assert.Equal(UkrainianStems.Shared.Of(word), stems);
    }

    [Fact]
    public void A_file_cut_short_or_of_another_edition_is_not_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"visnyk-stems-{Guid.NewGuid():N}.txt");
        try
        {
            _ = UkrainianStems.Shared.Of("зустрічей");
            UkrainianStems.Shared.Save(path);
            Assert.True(Starting().Read(path) > 0);
            var lines = File.ReadAllLines(path);
            File.WriteAllLines(path, lines[..^1]); // the count line lost
            Assert.Equal(0, Starting().Read(path));
            File.WriteAllLines(path, lines.Where((_, i) => i != 1)); // a word lost: the count disagrees
            Assert.Equal(0, Starting().Read(path));
            File.WriteAllLines(path, lines);
            Assert.Equal(0, new UkrainianStems(() => throw new InvalidOperationException(), "uk_UA 1 2").Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
