using Microsoft.EntityFrameworkCore;
using Npgsql;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Tags;

namespace Visnyk.Tests.Data;

// A site on PostgreSQL, whichever run this is: these tests are about PostgreSQL itself.
public sealed class PostgreSqlSite : SiteFactory
{
    protected override bool UsesPostgreSql => true;
}

// Row-level security on PostgreSQL: what keeps sites apart when code forgets the EF "Site" filter
// (here: IgnoreQueryFilters, or SQL of its own). The site serves requests as a role that is not a
// superuser, not the owner and not BYPASSRLS (TestDatabase.AppRole), as in production.
public class RowSecurityTests(PostgreSqlSite site) : IClassFixture<PostgreSqlSite>
{
    const string Marker = "Рядок другої громади";

    async Task SecondSiteAsync()
    {
        await using (var scope = site.Scope(out var db))
        {
            if (await db.Sites.AnyAsync(s => s.Id == 2))
            {
                return; // its rows are there from an earlier test of this class
            }
        }
        await site.EnsureSiteAsync(2, "Друга громада");
        await using (site.Scope(2, out var db))
        {
            db.Articles.Add(new Article
            {
                Title = Marker, Slug = "ryadok", Summary = Marker, Body = $"<p>{Marker}</p>",
                Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow.AddMinutes(-1),
                Departments = [new Department { Name = Marker, Slug = "ryadok" }], Tags = [new Tag { Name = Marker, Slug = "ryadok" }],
            });
            db.OldAddresses.Add(new Visnyk.Import.OldAddress { Path = "/ryadok", Target = "/news" });
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task With_the_filter_bypassed_a_site_still_sees_no_row_of_another()
    {
        await SecondSiteAsync();
        await using var scope = site.Scope(out var db);
        Assert.Empty(await db.Articles.IgnoreQueryFilters().Where(a => a.Title == Marker).ToListAsync());
        Assert.Empty(await db.Departments.IgnoreQueryFilters().Where(d => d.Name == Marker).ToListAsync());
        Assert.Empty(await db.Tags.IgnoreQueryFilters().Where(t => t.Name == Marker).ToListAsync());
        Assert.Empty(await db.OldAddresses.IgnoreQueryFilters().Where(o => o.Path == "/ryadok").ToListAsync());
        Assert.Empty(await db.ArticleChanges.IgnoreQueryFilters().Where(c => EF.Property<int>(c, VisnykDb.SiteColumn) == 2).ToListAsync());
        // Rows that belong to the site through their article carry its site as well.
        foreach (var join in new[] { VisnykDb.ArticleTags, VisnykDb.ArticleDepartments })
        {
            Assert.Empty(await db.Set<Dictionary<string, object>>(join).IgnoreQueryFilters().Where(x => EF.Property<int>(x, VisnykDb.SiteColumn) == 2).ToListAsync());
        }
        // Nor can it change them, in bulk or otherwise.
        Assert.Equal(0, await db.Articles.IgnoreQueryFilters().Where(a => a.Title == Marker).ExecuteUpdateAsync(a => a.SetProperty(x => x.Title, "Змінено")));
        Assert.Equal(0, await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Tags" WHERE "Slug" = 'ryadok'"""));

        // They are there: the other site sees them, and so does the maintenance role.
        await using (site.Scope(2, out var other))
        {
            Assert.Single(await other.Articles.IgnoreQueryFilters().Where(a => a.Title == Marker).ToListAsync());
            Assert.Single(await other.Tags.Where(t => t.Slug == "ryadok").ToListAsync());
            Assert.Single(await other.Articles.Where(a => a.Title == Marker).SelectMany(a => a.Tags).ToListAsync());
        }
        await using var owner = TestDatabase.Open(site.DataDirectory, site.PostgreSql);
        Assert.Equal(1, await owner.Articles.IgnoreQueryFilters().CountAsync(a => a.Title == Marker));
    }

    [Fact]
    public async Task A_statement_without_a_site_sees_and_writes_nothing()
    {
        await SecondSiteAsync();
        await using var connection = new NpgsqlConnection(TestDatabase.AsApp(site.PostgreSql!));
        await connection.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        Assert.Equal(0, await Count("""SELECT count(*) FROM "Articles" """));
        Assert.Equal(0, await Count("""SELECT count(*) FROM "Subscribers" """));
        // The site's own rows are there for the site's own setting, and only those.
        Assert.True(await Count("""DO $$BEGIN PERFORM set_config('app.site_id', '1', true); END$$; SELECT count(*) FROM "Articles" """) > 0);
        Assert.Equal(1, await Count("""DO $$BEGIN PERFORM set_config('app.site_id', '2', true); END$$; SELECT count(*) FROM "Articles" """));
        // The setting lasted for its own command only: the connection has none now.
        Assert.Equal(0, await Count("""SELECT count(*) FROM "Articles" """));

        // Writing a row of another site than the one set is refused by the policy.
        await using var insert = new NpgsqlCommand("""
            DO $$BEGIN PERFORM set_config('app.site_id', '1', true); END$$;
            INSERT INTO "Tags" ("SiteId", "Name", "Slug") VALUES (2, 'чужий', 'chuzhyi');
            """, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        // And a row with no site at all cannot be written by anyone (no default).
        await using var noSite = new NpgsqlCommand("""INSERT INTO "Tags" ("Name", "Slug") VALUES ('без сайту', 'bez-saitu')""", connection);
        Assert.IsType<PostgresException>(await Record.ExceptionAsync(() => noSite.ExecuteNonQueryAsync()));
    }

    // Every table with a site column is covered, the ones added after the policy was written too
    // (a new site-owned table whose migration forgot its policy fails here).
    [Fact]
    public async Task Every_table_with_a_site_column_has_row_level_security_forced()
    {
        await using var connection = new NpgsqlConnection(site.PostgreSql!);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'SiteId' AND NOT a.attisdropped)
            """, connection);
        var tables = new Dictionary<string, bool>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables[reader.GetString(0)] = reader.GetBoolean(1);
            }
        }
        Assert.Contains("Articles", tables.Keys);
        Assert.Contains("ProblemReports", tables.Keys);
        // Two are read across sites by design: SiteHosts says which site a host is before any site
        // is known, and Sessions are an account's (a password change ends them on every site).
        Assert.Equal(["Sessions", "SiteHosts"], tables.Where(t => !t.Value).Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    // Connections are pooled and shared by every site's requests: a connection that served site 2
    // must carry nothing of it into its next use for site 1.
    [Fact]
    public async Task Pooled_connections_never_carry_one_sites_rows_into_anothers_request()
    {
        await SecondSiteAsync();
        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var siteId = i % 2 == 0 ? 2 : 1;
            await using var scope = site.Scope(siteId, out var db);
            if (i % 3 == 0)
            {
                // Some in a transaction of their own, as saves are.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                Assert.Equal([siteId], await db.Articles.IgnoreQueryFilters().Select(a => EF.Property<int>(a, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct));
                await transaction.CommitAsync(ct);
            }
            else
            {
                Assert.Equal([siteId], await db.Articles.IgnoreQueryFilters().Select(a => EF.Property<int>(a, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct));
            }
        });
    }
}
