using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Visnyk.Data;

// On PostgreSQL, row-level security (migration RowSecurity) lets a statement see and write only the
// rows of the site named by the setting app.site_id, and nothing when it is not set. The site is set
// for one transaction at a time (set_config(…, true), as SET LOCAL), never for a connection, so a
// pooled connection cannot carry one request's site into the next one's:
//   - a transaction (every save: AutoTransactionBehavior.Always) sets it when it begins;
//   - a statement outside one (a query, ExecuteUpdate) carries it in front, in the same command,
//     which PostgreSQL runs as one implicit transaction: no extra round trip;
//   - SQL sent past EF (Dapper) asks Scoped for the same prefix.
// The EF "Site" query filter does the same job first; this is what still holds when code forgets it.
public sealed class SiteSession : DbCommandInterceptor, IDbTransactionInterceptor
{
    // A DO block, not SELECT set_config(…): it returns no rows, so the command's results are the
    // query's own; not SET LOCAL, which outside BEGIN logs a warning for every statement.
    static string Prefix(int site) => $"DO $$BEGIN PERFORM set_config('app.site_id', '{site}', true); END$$;\n";

    // The SQL with the context's site set in front, for commands EF does not send (PostgreSQL only).
    public static string Scoped(VisnykDb db, string sql) => db.Database.IsNpgsql() ? Prefix(db.SiteId) + sql : sql;

    static void Scope(DbCommand command, CommandEventData data)
    {
        if (command.Transaction is null && data.Context is VisnykDb db)
        {
            command.CommandText = Prefix(db.SiteId) + command.CommandText;
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData data, InterceptionResult<DbDataReader> result)
    {
        Scope(command, data);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData data, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Scope(command, data);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData data, InterceptionResult<int> result)
    {
        Scope(command, data);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData data, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Scope(command, data);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData data, InterceptionResult<object> result)
    {
        Scope(command, data);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData data, InterceptionResult<object> result, CancellationToken ct = default)
    {
        Scope(command, data);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData data, DbTransaction transaction) =>
        Begin(connection, data, transaction);

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData data, DbTransaction transaction, CancellationToken ct = default) =>
        BeginAsync(connection, data, transaction, ct);

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData data, DbTransaction transaction) =>
        Begin(connection, data, transaction);

    public ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData data, DbTransaction transaction, CancellationToken ct = default) =>
        BeginAsync(connection, data, transaction, ct);

    // A transaction EF begins or is handed: the site is set in it first.
    static DbTransaction Begin(DbConnection connection, TransactionEventData data, DbTransaction transaction)
    {
        using var command = Command(connection, data, transaction);
        command?.ExecuteNonQuery();
        return transaction;
    }

    static async ValueTask<DbTransaction> BeginAsync(DbConnection connection, TransactionEventData data, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Command(connection, data, transaction);
        if (command is not null)
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        return transaction;
    }

    static DbCommand? Command(DbConnection connection, TransactionEventData data, DbTransaction transaction)
    {
        if (data.Context is not VisnykDb db)
        {
            return null;
        }
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Prefix(db.SiteId);
        return command;
    }
}
