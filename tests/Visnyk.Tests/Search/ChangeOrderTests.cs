using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Tests.Data;
using static Visnyk.Tests.Search.SearchSite;

namespace Visnyk.Tests.Search;

// On PostgreSQL a save numbers its change when it inserts it, and another save can commit a
// higher number first: the index must not step over the lower one that commits later.
public class ChangeOrderTests(EmptySiteFactory site) : IClassFixture<EmptySiteFactory>
{
    [Fact]
    public async Task A_change_committed_after_a_higher_numbered_one_still_reaches_the_index()
    {
        int first, second;
        await using (var scope = site.Scope(out var db))
        {
            var a = Published("Водопостачання у Гадячі", "<p>Про воду.</p>", DateTime.UtcNow.AddHours(-1));
            var b = Published("Ремонт мосту у Миргороді", "<p>Про міст.</p>", DateTime.UtcNow.AddHours(-1));
            db.Articles.AddRange(a, b);
            await db.SaveChangesAsync();
            (first, second) = (a.Id, b.Id);
        }
        await site.CaughtUpAsync();

        // Both edited; their changes land as two saves in flight would: the higher number first.
        long last;
        await using (var scope = site.Scope(out var db))
        {
            await db.Articles.Where(a => a.Id == first).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Нове укриття у Гадячі"));
            await db.Articles.Where(a => a.Id == second).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Новий міст у Хоролі"));
            last = await db.ArticleChanges.MaxAsync(c => c.Id);
            db.ArticleChanges.Add(new ArticleChange { Id = last + 2, ArticleId = second, At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        var client = site.Browserless();
        Assert.Equal(["Новий міст у Хоролі"], await client.TitlesAsync("/search?q=" + Q("Хорол")));

        await using (var scope = site.Scope(out var db))
        {
            db.ArticleChanges.Add(new ArticleChange { Id = last + 1, ArticleId = first, At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await site.CaughtUpAsync();
        Assert.Equal(["Нове укриття у Гадячі"], await client.TitlesAsync("/search?q=" + Q("укриття")));
        // The cursor is now past both: nothing is left to apply.
        Assert.Equal(0, await site.Services.GetRequiredService<Visnyk.Search.SearchIndexer>().CatchUpAsync());
    }
}
