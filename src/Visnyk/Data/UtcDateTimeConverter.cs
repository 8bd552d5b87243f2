using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Visnyk.Data;

// Every DateTime is stored in UTC, to the microsecond: PostgreSQL keeps no finer, so SQLite is
// made to keep the same (a time read back equals the one saved on either database).
public class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => ToMicroseconds(v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime()),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    public static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
