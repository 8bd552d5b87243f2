using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Tests.Newsletter;

namespace Visnyk.Tests.Data;

// A rare tag's page on SQLite reads its articles by their ids, not by walking the site's articles
// newest first, even where the statistics say every site is small (those of bench/sites.sh's 1,500
// sites, where the 10,000-article site's rare tag walked all 10,000). The SQL the page really ran is
// taken from EF's diagnostics and planned again on the site's database: with the hint it looks up
// ids; the same SQL without the hint walks the date index (so the statistics are what the test says).
// The page's own statement is plain SQL (ArticleLists) and is planned from its text.
// PostgreSQL plans each site with its own statistics and gets no hint: there the page is only read.
public class PlanHintTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string DateIndex = "IX_Articles_SiteId_Kind_Language_Status_PublishedAt";

    [Fact]
    public async Task A_rare_tags_articles_are_read_by_id_under_the_statistics_of_many_small_sites()
    {
        string slug;
        int tagId;
        await using (site.Scope(out var db))
        {
            // The tag with the fewest articles, and enough news without it that its list is "rare"
            // (ArticleLists: read from the join table).
            var tag = await db.Tags.Select(t => new { t.Id, t.Slug, Count = db.Articles.Count(a => a.Tags.Any(x => x.Id == t.Id)) })
                .Where(t => t.Count > 0).OrderBy(t => t.Count).ThenBy(t => t.Id).FirstAsync();
            (slug, tagId) = (tag.Slug, tag.Id);
            var count = tag.Count;
            var now = DateTime.UtcNow.AddDays(-2);
            for (var i = 0; i < 50 * count + 10; i++)
            {
                db.Articles.Add(new Article
                {
                    Title = $"Новина без мітки {i}", Slug = $"plan-hint-{i}", Summary = "Коротко", Body = "<p>Текст</p>",
                    Status = ArticleStatus.Published, PublishedAt = now.AddMinutes(i), UpdatedAt = now,
                });
            }
            await db.SaveChangesAsync();
            if (db.Database.IsSqlite())
            {
                // bench/sites.sh's statistics: 29,500 articles, ~20 a site.
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
                await db.Database.ExecuteSqlRawAsync($"""
                    DELETE FROM sqlite_stat1 WHERE tbl IN ('Articles', 'ArticleTags');
                    INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
                      ('Articles', '{DateIndex}', '29500 20 20 20 20 1'),
                      ('Articles', 'IX_Articles_SiteId_LeadImageId', '29500 20 2'),
                      ('Articles', 'IX_Articles_SiteId_Id_Status_PublishedAt_Kind_Language', '29500 20 1 1 1 1 1'),
                      ('Articles', 'sqlite_autoindex_Articles_1', '29500 20 1'),
                      ('ArticleTags', 'IX_ArticleTags_TagsId_SiteId_ArticleId', '49472 4 4 1'),
                      ('ArticleTags', 'IX_ArticleTags_SiteId_TagsId', '49472 33 4'),
                      ('ArticleTags', 'IX_ArticleTags_SiteId_ArticleId', '49472 33 2'),
                      ('ArticleTags', 'sqlite_autoindex_ArticleTags_1', '49472 2 1');
                    """);
            }
        }

        // EF looks for new diagnostic listeners about once a second: the page is rendered again (its
        // cached copy evicted) until its commands are seen.
        var executed = new ConcurrentQueue<string>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Listener(executed));
        var client = site.CreateClient();
        var store = site.Services.GetRequiredService<IOutputCacheStore>();
        await Mail.EventuallyAsync(async () =>
        {
            await store.EvictAsync(Visnyk.Site.Site.Default, CacheTags.Tag(tagId), default);
            var response = await client.GetAsync($"/tags/{slug}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return executed.Any(sql => sql.Contains(PlanHints.ArticlesByIds));
        }, seen => seen, seconds: 15);

        await using var check = site.Scope(out var after);
        if (!after.Database.IsSqlite())
        {
            return;
        }
        var hinted = executed.Where(sql => sql.StartsWith("-- " + PlanHints.ArticlesByIds, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(hinted);
        // A connection of its own, not pooled: it reads the statistics written above.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(site.DataDirectory, "visnyk.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        connection.CreateFunction("uk_fold", (string? text) => TextFold.Fold(text), isDeterministic: true);
        var walks = 0;
        var plans = new List<string>();
        // The page itself is read in plain SQL (ArticleLists), which EF's diagnostics do not see: its
        // text for the ids is planned the same way.
        Assert.Contains(" NOT INDEXED", ArticleLists.Tags.ByIdsSqliteSql);
        foreach (var sql in hinted.Append(ArticleLists.Tags.ByIdsSqliteSql))
        {
            Assert.Contains("NOT INDEXED", sql);
            var plan = await PlanAsync(connection, sql);
            Assert.DoesNotContain(DateIndex, plan);
            Assert.Contains("SEARCH a USING INTEGER PRIMARY KEY", plan);
            var unhinted = await PlanAsync(connection, sql.Replace(" NOT INDEXED", ""));
            plans.Add(sql + "\n" + unhinted);
            walks += unhinted.Contains($"SEARCH a USING INDEX {DateIndex}") ? 1 : 0;
        }
        // Without the hint, the page's query walks the site's articles by date.
        Assert.True(walks > 0, $"Without the hint no query walks the date index: the statistics are not those of many small sites. Plans:\n{string.Join("\n--\n", plans)}");
    }

    static async Task<string> PlanAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        return string.Join('\n', lines);
    }

    // The text of every command EF has run, as run (after the interceptors), from any context of the process.
    sealed class Listener(ConcurrentQueue<string> executed) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data)
            {
                executed.Enqueue(data.Command.CommandText);
            }
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
