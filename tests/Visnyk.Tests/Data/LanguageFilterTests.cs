using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Site;

namespace Visnyk.Tests.Data;

// The language filter's SQL: an equality on one language (the indexes serve it and walk a list in
// date order), nothing when every language is read; never a list of parameters, whose SQL EF Core
// writes again for every query behind a lock (VisnykDb's "Language" filter).
public class LanguageFilterTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static string Where(string sql) => sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];

    [Fact]
    public async Task One_language_is_an_equality_and_every_language_no_condition()
    {
        await using var scope = site.Scope(out var db);
        var now = DateTime.UtcNow;
        IQueryable<ArticleListItem> Page() => db.Articles.Published(now).Newest().AsListItems().Skip(20).Take(20);

        db.Scope!.Language = SiteLanguage.Ukrainian;
        var one = Page().ToQueryString();
        // SQLite writes the alias in quotes ("a"."Language"), PostgreSQL without (a."Language").
        Assert.Matches("\"?a\"?\\.\"Language\" = @", Where(one));
        Assert.DoesNotContain(" IN (", one);
        Assert.DoesNotContain("json_each", one);
        var ukrainian = await db.Articles.Published(now).CountAsync();
        Assert.True(ukrainian > 0);

        db.Scope.Language = SiteLanguage.English;
        var english = await db.Articles.Published(now).CountAsync();
        Assert.Equal(await db.Articles.IgnoreQueryFilters([Visnyk.Data.VisnykDb.LanguageFilter]).Published(now).CountAsync(a => a.Language == "en"), english);

        db.Scope.Language = null;
        var every = Page().ToQueryString();
        Assert.DoesNotContain("Language", Where(every));
        Assert.Equal(ukrainian + english, await db.Articles.Published(now).CountAsync());
    }
}
