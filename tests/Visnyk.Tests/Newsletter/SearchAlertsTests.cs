using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Search;

namespace Visnyk.Tests.Newsletter;

// Saved searches (issue 20) on a real database: what may be saved, and which of them a new article
// matches, with the search page's morphology, its phrases and filters, its site and language only.
public class SearchAlertsTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static readonly DateOnly Today = new(2026, 12, 6);
    static readonly DateTime Published = new(2026, 12, 6, 9, 0, 0, DateTimeKind.Utc);

    static SavedSearch Saved(string? text, int[]? departments = null, int[]? tags = null, DateOnly? from = null, DateOnly? to = null, string language = "uk")
    {
        var (search, why) = SavedSearch.For(text, language, departments ?? [], tags ?? [], from, to, Today);
        Assert.Equal(SavedSearch.Refusal.None, why);
        // Chosen now by the clock the running site sweeps by: its sender removes searches nobody
        // has chosen for an hour, and may do so in the middle of this test (it did, on PostgreSQL).
        search!.CreatedAt = Published;
        search.FollowedAt = DateTime.UtcNow;
        return search;
    }

    static IndexedArticle Article(int site, string title, string text, int[] departments, int[] tags, string language = "uk") =>
        new(Random.Shared.Next(1_000_000, 2_000_000), site, title, "Анонс новини", text, Published, departments, tags, ["Соціальний захист"], Language: language);

    [Fact]
    public void No_words_and_no_filters_an_end_in_the_past_or_an_end_before_the_start_are_refused()
    {
        Assert.Equal(SavedSearch.Refusal.NoSearch, SavedSearch.For("  ", "uk", [], [], null, null, Today).Why);
        Assert.Equal(SavedSearch.Refusal.NoSearch, SavedSearch.For(null, "uk", [0, -3], [], Today, null, Today).Why);
        Assert.Equal(SavedSearch.Refusal.Ended, SavedSearch.For("субсидія", "uk", [], [], null, Today.AddDays(-1), Today).Why);
        Assert.Equal(SavedSearch.Refusal.Backwards, SavedSearch.For("субсидія", "uk", [], [], Today.AddDays(5), Today.AddDays(2), Today).Why);
        // The same search however written: one key.
        Assert.Equal(SavedSearch.For("Субсидія  ", "uk", [3, 1], [], null, null, Today).Search!.Key,
            SavedSearch.For(" субсидія", "uk", [1, 3, 3], [], null, null, Today).Search!.Key);
        // Whatever the input, what is stored fits its columns: a key of 64, text cut before a pair.
        Assert.Equal(64, SavedSearch.For(new string('ж', 300), "uk", Enumerable.Range(1_000_000_000, 30), Enumerable.Range(2_000_000_000, 30),
            Today, Today.AddYears(5), Today).Search!.Key.Length);
        Assert.Equal(SearchQuery.MaxLength - 1, SavedSearch.For(new string('ж', SearchQuery.MaxLength - 1) + "😀", "uk", [], [], null, null, Today).Search!.Text.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => SavedSearch.For("субсидія", "uk'; --", [], [], null, null, Today));
    }

    [Fact]
    public async Task A_new_article_matches_the_searches_its_words_in_any_form_and_its_filters_fit()
    {
        UkrainianStems.Shared.Load();
        var other = 2;
        await site.EnsureSiteAsync(other, "Громада з пошуками");
        int word, wordAndDepartment, otherDepartment, phrase, wrongPhrase, department, tag, ended, later, english, absent, otherSite, longWord;
        // A word longer than the terms' column (filed by its start on both sides).
        var long_ = string.Concat(Enumerable.Repeat("оборона", 18));
        await using (var scope = site.Scope(out var db))
        {
            var all = new[]
            {
                Saved("субсидія"), Saved("субсидія", departments: [41]), Saved("субсидія", departments: [42]),
                Saved("«міст через Ворсклу»"), Saved("«Ворсклу через міст»"), Saved(null, departments: [41]), Saved(null, tags: [7]),
                Saved("субсидія", to: Today), Saved("субсидія", from: Today.AddDays(3)), Saved("subsidy", language: "en"), Saved("субсидія пенсія"),
                Saved(long_),
            };
            db.SavedSearches.AddRange(all);
            await db.SaveChangesAsync();
            (word, wordAndDepartment, otherDepartment, phrase, wrongPhrase, department, tag, ended, later, english, absent) =
                (all[0].Id, all[1].Id, all[2].Id, all[3].Id, all[4].Id, all[5].Id, all[6].Id, all[7].Id, all[8].Id, all[9].Id, all[10].Id);
            longWord = all[11].Id;
        }
        await using (var scope = site.Scope(other, out var db))
        {
            var same = Saved("субсидія");
            db.SavedSearches.Add(same);
            await db.SaveChangesAsync();
            otherSite = same.Id;
        }
        // The sender's hourly sweep, at the worst moment: these were all chosen just now.
        await using (var scope = site.Scope(out var db))
        {
            await SavedSearches.SweepAsync(db, DateTime.UtcNow, default);
        }

        // "субсидії", "Ворсклу": other forms of the words saved.
        var article = Article(1, "Нарахування субсидії на зиму", $"Громада відремонтувала міст через Ворсклу. {long_}.", [41], [7]);
        List<int> matched;
        await using (var scope = site.Scope(out var db))
        {
            matched = await SearchAlerts.MatchAsync(db, article, default);
        }
        Assert.Equal(new[] { word, wordAndDepartment, phrase, department, tag, ended, longWord }.Order(), matched.Order());
        Assert.DoesNotContain(otherDepartment, matched);
        Assert.DoesNotContain(wrongPhrase, matched);
        Assert.DoesNotContain(later, matched);
        Assert.DoesNotContain(english, matched);
        Assert.DoesNotContain(absent, matched);
        Assert.DoesNotContain(otherSite, matched);

        // A page or a document (not news, as /search has it) matches nothing; nor does another site's article here.
        await using (var scope = site.Scope(out var db))
        {
            Assert.Empty(await SearchAlerts.MatchAsync(db, article with { Kind = Visnyk.Articles.ArticleKind.Page }, default));
            Assert.Empty(await SearchAlerts.MatchAsync(db, article with { Site = other }, default));
        }
        // The other site's article finds only its own.
        await using (var scope = site.Scope(other, out var db))
        {
            Assert.Equal([otherSite], await SearchAlerts.MatchAsync(db, article with { Site = other, Departments = [], Tags = [] }, default));
        }
        // An article without the words matches only what its filters alone satisfy.
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal([department], await SearchAlerts.MatchAsync(db, Article(1, "Зимове прибирання", "Техніка вийшла на дороги.", [41], []), default));
        }
    }

    [Fact]
    public async Task Searches_filed_by_another_stemming_are_filed_again_and_match_again()
    {
        int id;
        var word = "газопостачання" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = site.Scope(out var db))
        {
            id = (await SavedSearches.FollowAsync(db, new SavedSearch.Spec("субсидія", "uk", [], [77_001], null, null), DateTime.UtcNow, default)).Id!.Value;
            Assert.Equal(UkrainianStems.Shared.Filing, (await db.SavedSearches.SingleAsync(s => s.Id == id)).FiledBy);
            // As an older stemming would have left it: other stems, another filing.
            await db.SavedSearchTerms.Where(t => t.SavedSearchId == id).ExecuteDeleteAsync();
            db.SavedSearchTerms.Add(new SavedSearchTerm { SavedSearchId = id, Term = word });
            await db.SaveChangesAsync();
            await db.SavedSearches.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FiledBy, "0 an older edition"));
        }
        var article = Article(1, "Субсидії на зиму", "Як оформити субсидії.", [], [77_001]);
        await using (var scope = site.Scope(out var db))
        {
            Assert.DoesNotContain(id, await SearchAlerts.MatchAsync(db, article, default));
            Assert.True(await SavedSearches.RefileAsync(db, DateTime.UtcNow, 1_000, default) >= 1);
        }
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(UkrainianStems.Shared.Filing, (await db.SavedSearches.SingleAsync(s => s.Id == id)).FiledBy);
            Assert.DoesNotContain(word, await db.SavedSearchTerms.Where(t => t.SavedSearchId == id).Select(t => t.Term).ToListAsync());
            Assert.Contains(id, await SearchAlerts.MatchAsync(db, article, default));
            // Nothing left to file: a second call finds none.
            Assert.Equal(0, await SavedSearches.RefileAsync(db, DateTime.UtcNow, 1_000, default));
        }
    }
}
