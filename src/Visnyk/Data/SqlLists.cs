using System.Data.Common;
using Npgsql;

namespace Visnyk.Data;

// A list parameter in plain SQL (Dapper) that reads the same on both databases. Dapper expands
// `x IN @ids` into one parameter per item, except on PostgreSQL, where it sends the list as one
// array, which IN does not take: there it must be `x = ANY(@ids)`.
public static class SqlLists
{
    public static string In(this DbConnection connection, string expression, string parameter) =>
        connection is NpgsqlConnection ? $"{expression} = ANY(@{parameter})" : $"{expression} IN @{parameter}";

    public static string NotIn(this DbConnection connection, string expression, string parameter) =>
        connection is NpgsqlConnection ? $"{expression} <> ALL(@{parameter})" : $"{expression} NOT IN @{parameter}";
}
