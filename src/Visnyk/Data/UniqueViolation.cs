namespace Visnyk.Data;

// Two saves raced for the same unique value (an address, a slug): each form checks first, but
// between one request's check and its save another may have saved the same. The loser is told so
// (409, "save again") rather than shown a failure of the site (500).
public static class UniqueViolation
{
    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
                || e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }
        return false;
    }

    // The status a failed request answers with.
    public static int StatusOf(Exception e) => Is(e) ? StatusCodes.Status409Conflict : StatusCodes.Status500InternalServerError;
}
