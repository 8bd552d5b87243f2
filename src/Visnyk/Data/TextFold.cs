using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Visnyk.Data;

// Case- and apostrophe-insensitive matching for the simple search in news lists. SQLite's own
// lower() and LIKE fold only ASCII, so Cyrillic is folded by a function of ours on each connection.
// (Full Ukrainian search with word forms is a separate feature.)
public static class TextFold
{
    public static string Fold(string? text) =>
        (text ?? "").ToLowerInvariant().Replace('’', '\'').Replace('ʼ', '\'').Replace('`', '\'');

    public class Registration : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Register(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Register(connection);
            return Task.CompletedTask;
        }

        static void Register(DbConnection connection) =>
            ((SqliteConnection)connection).CreateFunction("uk_fold", (string? text) => Fold(text), isDeterministic: true);
    }
}
