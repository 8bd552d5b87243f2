using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Visnyk.Data;

// SQLite compiles a statement again for every command: Microsoft.Data.Sqlite keeps a compiled
// statement only as long as its command object, and drops them all when the connection closes
// (dotnet/efcore#14044, open). For the article page's batch that was a fifth of a cold render's CPU
// (sqlite3_prepare_v2, bench/README "Statements compiled once"). These are connections that stay
// open, each keeping one compiled command per SQL text it has run; a request leases one for its
// batch (Dapper over the lease, as over any connection) and gives it back when disposed. The SQL
// is the same text every time (parameters, never values, in it), so the kept commands are few.
// Reads only, outside any transaction of the caller's: a statement (or a batch, InOneRead) sees
// what is committed when it begins, so nothing read through here is older than the database.
// SQLite only: PostgreSQL's statements are another matter (Npgsql's own preparation).
public sealed class PreparedReads(string connectionString) : IDisposable
{
    // Connections kept between requests; more can be leased at once, and are closed on return.
    const int KeptConnections = 8;
    // Texts kept per connection: a text beyond them runs as an ordinary command.
    const int TextsPerConnection = 32;

    readonly ConcurrentBag<Kept> idle = [];
    int idleCount;
    volatile bool disposed;

    // A batch of reads as one read transaction: SQLite otherwise begins and ends one for every
    // statement (in WAL mode, locks on the shared index and a look at the log each time: ~6 µs a
    // statement against ~3 µs for a row by key), and the batch reads one state of the database.
    // The reader's disposal runs the COMMIT if the batch was not read to the end; a connection left
    // in a transaction all the same (an error between the two) is closed, not kept (IsIdle).
    public static string InOneRead(string sql) => $"BEGIN;\n{sql.TrimEnd().TrimEnd(';')};\nCOMMIT;";

    // A new lease (a handle for this loan only) on an idle connection, or on a new one.
    public Lease Take()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref idleCount);
            return new Lease(this, kept);
        }
        var sqlite = new SqliteConnection(connectionString);
        TextFold.Register(sqlite);
        sqlite.Open();
        return new Lease(this, new Kept(sqlite));
    }

    void GiveBack(Kept kept)
    {
        if (!disposed && kept.IsIdle)
        {
            if (Interlocked.Increment(ref idleCount) <= KeptConnections)
            {
                idle.Add(kept);
                if (disposed)
                {
                    Dispose(); // closed meanwhile: so is what came back
                }
                return;
            }
            Interlocked.Decrement(ref idleCount);
        }
        kept.Sqlite.Dispose();
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var kept))
        {
            kept.Sqlite.Dispose();
        }
    }

    // An open connection with its compiled commands, used by one lease at a time.
    internal sealed class Kept(SqliteConnection sqlite)
    {
        readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
        readonly HashSet<SqliteCommand> busy = [];
        // Ordinary commands not yet disposed: a reader of theirs may still be open.
        readonly HashSet<SqliteCommand> loose = [];

        public SqliteConnection Sqlite { get; } = sqlite;
        public int Texts => commands.Count;
        // Nothing running on it and no transaction left open: no snapshot of the database is held
        // into the next loan.
        public bool IsIdle => Sqlite.State == ConnectionState.Open && busy.Count == 0 && loose.Count == 0
            && SQLitePCL.raw.sqlite3_get_autocommit(Sqlite.Handle) != 0;

        // The compiled command for this text, or an ordinary one when it is running already (a reader
        // still open on it) or the connection keeps enough texts.
        public (SqliteCommand Command, bool Kept) Rent(string text)
        {
            if (commands.TryGetValue(text, out var command))
            {
                if (busy.Add(command))
                {
                    return (command, true);
                }
            }
            else if (commands.Count < TextsPerConnection)
            {
                command = Sqlite.CreateCommand();
                command.CommandText = text;
                try
                {
                    command.Prepare();
                }
                catch
                {
                    command.Dispose();
                    throw;
                }
                commands[text] = command;
                busy.Add(command);
                return (command, true);
            }
            var single = Sqlite.CreateCommand();
            single.CommandText = text;
            loose.Add(single);
            return (single, false);
        }

        public void Return(SqliteCommand command, bool kept)
        {
            if (kept)
            {
                command.Parameters.Clear();
                command.CommandTimeout = Sqlite.DefaultTimeout;
                busy.Remove(command);
            }
            else
            {
                loose.Remove(command);
                command.Dispose(); // and its reader
            }
        }
    }

    // A loan of a kept connection, as a connection for Dapper (or anyone). Disposing gives it back;
    // the handle is not lent again.
    public sealed class Lease : DbConnection
    {
        readonly PreparedReads owner;
        bool given;

        internal Lease(PreparedReads owner, Kept kept)
        {
            this.owner = owner;
            Connection = kept;
        }

        internal Kept Connection { get; }
        internal SqliteConnection Sqlite => Connection.Sqlite;
        internal int KeptTexts => Connection.Texts;
        internal bool IsGiven => given;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !given)
            {
                given = true;
                owner.GiveBack(Connection);
            }
            base.Dispose(disposing);
        }

        [AllowNull]
        public override string ConnectionString { get => Sqlite.ConnectionString; set => throw new NotSupportedException(); }
        public override string Database => Sqlite.Database;
        public override string DataSource => Sqlite.DataSource;
        public override string ServerVersion => Sqlite.ServerVersion;
        public override ConnectionState State => given ? ConnectionState.Closed : Sqlite.State;
        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();
        // Always open while leased; closing is giving it back.
        public override void Open() { }
        public override void Close() => Dispose();
        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
            throw new NotSupportedException("PreparedReads are for reads outside a transaction");
        protected override DbCommand CreateDbCommand()
        {
            ObjectDisposedException.ThrowIf(given, this);
            return new Command(this);
        }
    }

    // What Dapper (or anyone) creates on a lease: the lease's compiled command for its text.
    sealed class Command(Lease lease) : DbCommand
    {
        SqliteCommand? inner;
        bool kept;

        SqliteCommand Inner => inner ?? throw new InvalidOperationException("CommandText comes first");

        [AllowNull]
        public override string CommandText
        {
            get => inner?.CommandText ?? "";
            set
            {
                ObjectDisposedException.ThrowIf(lease.IsGiven, lease);
                if (inner is { } previous)
                {
                    inner = null;
                    lease.Connection.Return(previous, kept);
                }
                (inner, kept) = lease.Connection.Rent(value ?? "");
            }
        }

        public override int CommandTimeout { get => Inner.CommandTimeout; set => Inner.CommandTimeout = value; }
        public override CommandType CommandType { get => CommandType.Text; set => Inner.CommandType = value; }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get => lease; set => throw new NotSupportedException(); }
        protected override DbParameterCollection DbParameterCollection => Inner.Parameters;
        protected override DbTransaction? DbTransaction
        {
            get => null;
            set
            {
                if (value is not null)
                {
                    throw new NotSupportedException("PreparedReads are for reads outside a transaction");
                }
            }
        }

        public override void Cancel() { }
        public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();
        public override object? ExecuteScalar() => Inner.ExecuteScalar();
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => new SqliteParameter();
        // The lease stays open whatever the caller asks: it is given back, not closed.
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
            Inner.ExecuteReader(behavior & ~CommandBehavior.CloseConnection);

        protected override void Dispose(bool disposing)
        {
            if (disposing && inner is { } command)
            {
                inner = null;
                lease.Connection.Return(command, kept);
            }
            base.Dispose(disposing);
        }
    }
}
