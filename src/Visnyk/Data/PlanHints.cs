using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Visnyk.Data;

// Where the code knows the better plan and SQLite's planner cannot. SQLite estimates how many
// articles a site has from one average over all sites (sqlite_stat1), or from a guess of about ten
// when the database was never analysed. With 1,500 small sites and one of 10,000 articles it
// expects ~20 for every site, and pages a list of a single article of the large site by walking all
// its 10,000 articles newest first, testing each against the list's ids (bench/sites.sh: that
// site's rare tag at ~0.6× of the same site alone). PostgreSQL keeps statistics per value and
// plans each site for its own size; it gets no hint.
public static class PlanHints
{
    // A query whose articles are best read through the ids it names (a rare tag's or department's,
    // ArticleLists): on SQLite its Articles table is read NOT INDEXED, which leaves it the lookups
    // by primary key of those ids only.
    public const string ArticlesByIds = "plan: articles by ids";

    public static IQueryable<T> ByIds<T>(this IQueryable<T> query) => query.TagWith(ArticlesByIds);

    // EF writes a query's tags as its first lines, "-- tag", and the query's own table as
    // FROM "Articles" AS "a".
    const string Tag = "-- " + ArticlesByIds + "\n";
    const string From = "FROM \"Articles\" AS \"a\"";

    static string Hinted(string sql)
    {
        if (!sql.StartsWith(Tag, StringComparison.Ordinal))
        {
            return sql;
        }
        var at = sql.IndexOf(From, StringComparison.Ordinal);
        return at < 0 ? sql : string.Concat(sql.AsSpan(0, at + From.Length), " NOT INDEXED", sql.AsSpan(at + From.Length));
    }

    // SQLite's contexts only (DataSetup).
    public sealed class Sqlite : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            command.CommandText = Hinted(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            command.CommandText = Hinted(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
