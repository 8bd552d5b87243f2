using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;
using Visnyk.Data;

namespace Visnyk.Tests.Data;

// Connections whose statements stay compiled (SQLite): a batch is compiled once per connection and
// still reads what is committed at the time it runs.
public sealed class PreparedReadsTests : IDisposable
{
    const string Batch = """SELECT "Text" FROM "Notes" WHERE "Id" = @id; SELECT COUNT(*) FROM "Notes";""";
    readonly string directory = Directory.CreateTempSubdirectory("visnyk-prepared-").FullName;
    readonly string connection;

    public PreparedReadsTests()
    {
        connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "reads.db"), Pooling = false }.ToString();
        Write("""CREATE TABLE "Notes" ("Id" INTEGER PRIMARY KEY, "Text" TEXT NOT NULL); INSERT INTO "Notes" VALUES (1, 'перша');""");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    void Write(string sql)
    {
        using var writer = new SqliteConnection(connection);
        writer.Open();
        writer.Execute(sql);
    }

    static async Task<(string? Text, long Count)> ReadAsync(System.Data.Common.DbConnection lease, int id)
    {
        await using var grids = await lease.QueryMultipleAsync(Batch, new { id });
        return (await grids.ReadSingleOrDefaultAsync<string>(), await grids.ReadSingleAsync<long>());
    }

    // The memory SQLite holds for compiled statements on the connection (0 when none is kept).
    static int Compiled(SqliteConnection sqlite)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(sqlite.Handle, raw.SQLITE_DBSTATUS_STMT_USED, out var used, out _, 0));
        return used;
    }

    [Fact]
    public async Task A_batch_is_compiled_once_per_connection_and_reads_what_was_committed_since()
    {
        using var reads = new PreparedReads(connection);
        PreparedReads.Lease first;
        await using (var lease = reads.Take())
        {
            first = lease;
            Assert.Equal(("перша", 1L), await ReadAsync(lease, 1));
        }
        // Kept after the command and the lease were given back.
        var compiled = Compiled(first.Sqlite);
        Assert.True(compiled > 0, "the batch's statements are kept");
        Assert.Equal(1, first.KeptTexts);

        Write("""UPDATE "Notes" SET "Text" = 'змінена' WHERE "Id" = 1; INSERT INTO "Notes" VALUES (2, 'друга');""");
        await using (var lease = reads.Take())
        {
            // Another handle on the same connection: the first loan's is spent.
            Assert.NotSame(first, lease);
            Assert.Same(first.Connection, lease.Connection);
            Assert.Throws<ObjectDisposedException>(() => first.CreateCommand());
            Assert.Equal(("змінена", 2L), await ReadAsync(lease, 1));
            Assert.Equal(("друга", 2L), await ReadAsync(lease, 2));
            Assert.Equal(((string?)null, 2L), await ReadAsync(lease, 3));
        }
        // The same statements, none compiled again beside them.
        Assert.Equal(compiled, Compiled(first.Sqlite));
        Assert.Equal(1, first.KeptTexts);
    }

    [Fact]
    public async Task The_same_text_while_its_reader_is_open_runs_as_an_ordinary_command()
    {
        using var reads = new PreparedReads(connection);
        Write("""INSERT INTO "Notes" VALUES (2, 'друга');""");
        await using var lease = reads.Take();
        await using (var outer = await lease.QueryMultipleAsync(Batch, new { id = 1 }))
        {
            Assert.Equal(("друга", 2L), await ReadAsync(lease, 2));
            Assert.Equal("перша", await outer.ReadSingleAsync<string>());
            Assert.Equal(2L, await outer.ReadSingleAsync<long>());
        }
        Assert.Equal(1, lease.KeptTexts);
        var kept = Compiled(lease.Sqlite);
        Assert.True(kept > 0);
        // The ordinary command's statements went with it: what stays is the kept batch's alone.
        Assert.Equal(("друга", 2L), await ReadAsync(lease, 2));
        Assert.Equal(kept, Compiled(lease.Sqlite));
    }

    [Fact]
    public async Task A_parameter_left_out_is_an_error_not_the_last_request_s_value()
    {
        using var reads = new PreparedReads(connection);
        await using (var lease = reads.Take())
        {
            Assert.Equal(("перша", 1L), await ReadAsync(lease, 1));
        }
        await using (var lease = reads.Take())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => lease.QueryMultipleAsync(Batch));
        }
        // The connection is still good for the next loan.
        await using (var lease = reads.Take())
        {
            Assert.Equal(("перша", 1L), await ReadAsync(lease, 1));
        }
    }

    [Fact]
    public async Task Leases_are_for_reads_outside_a_transaction_and_close_with_the_pool()
    {
        var reads = new PreparedReads(connection);
        var lease = reads.Take();
        Assert.Throws<NotSupportedException>(() => lease.BeginTransaction());
        Assert.Equal(("перша", 1L), await ReadAsync(lease, 1));
        var sqlite = lease.Sqlite;
        await lease.DisposeAsync();
        Assert.Equal(System.Data.ConnectionState.Open, sqlite.State);
        reads.Dispose();
        Assert.Equal(System.Data.ConnectionState.Closed, sqlite.State);
        Assert.Throws<ObjectDisposedException>(() => reads.Take());
    }
}

// The article page reads through them on SQLite (PostgreSQL has none).
public class PreparedReadsOnTheSiteTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_article_page_batch_is_kept_compiled()
    {
        var reads = site.Services.GetService<PreparedReads>();
        Assert.Equal(TestDatabase.IsPostgreSql, reads is null);
        var client = site.Browserless();
        var list = await client.GetStringAsync("/news");
        var article = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/news/[0-9][^\"]*)\"").Groups[1].Value;
        Assert.NotEmpty(article);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(article)).StatusCode);
        if (reads is null)
        {
            return;
        }
        await using var lease = reads.Take();
        Assert.True(lease.KeptTexts >= 1, "the lease the article page gave back keeps its batch");
    }
}
