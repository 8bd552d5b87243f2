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
    public async Task A_batch_in_one_read_reads_one_state_of_the_database()
    {
        Write("PRAGMA journal_mode=WAL;"); // as the site's: a writer commits while a reader reads
        using var reads = new PreparedReads(connection);
        await using var lease = reads.Take();
        // Each statement runs when its results are asked for (Dapper's grids ask for the next at
        // once, so a reader of the command's own): a commit between the two...
        await using (var command = lease.CreateCommand())
        {
            command.CommandText = PreparedReads.InOneRead(Batch);
            var id = command.CreateParameter();
            (id.ParameterName, id.Value) = ("@id", 1);
            command.Parameters.Add(id);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("перша", reader.GetString(0));
            Write("""INSERT INTO "Notes" VALUES (2, 'друга');""");
            // ...is not seen by the second: the batch reads the state the first one read.
            Assert.True(await reader.NextResultAsync());
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1L, reader.GetInt64(0));
        }
        // Ended with the batch: the next read sees the commit.
        Assert.Equal(("друга", 2L), await ReadAsync(lease, 2));
        Assert.NotEqual(0, raw.sqlite3_get_autocommit(lease.Sqlite.Handle));
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_transaction_is_closed_not_kept()
    {
        using var reads = new PreparedReads(connection);
        var lease = reads.Take();
        var sqlite = lease.Sqlite;
        // A batch whose end (its COMMIT) never ran: its snapshot would be held into the next loan.
        await lease.QueryAsync<string>("""BEGIN; SELECT "Text" FROM "Notes" WHERE "Id" = 1;""");
        Assert.Equal(0, raw.sqlite3_get_autocommit(sqlite.Handle));
        await lease.DisposeAsync();
        Assert.Equal(System.Data.ConnectionState.Closed, sqlite.State);
        Write("""INSERT INTO "Notes" VALUES (2, 'друга');""");
        await using var next = reads.Take();
        Assert.NotSame(sqlite, next.Sqlite);
        Assert.Equal(("друга", 2L), await ReadAsync(next, 2));
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
