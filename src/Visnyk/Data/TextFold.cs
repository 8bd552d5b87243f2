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

    // Registered once per connection object, when EF creates it: Microsoft.Data.Sqlite keeps the
    // function and re-applies it on every open. (Registering on each open costs more than the page's SQL.)
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction("uk_fold", (string? text) => Fold(text), isDeterministic: true);

    public class Registration : DbConnectionInterceptor
    {
        public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
        {
            Register((SqliteConnection)result);
            return result;
        }
    }
}
