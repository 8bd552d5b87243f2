using Visnyk.Site;

namespace Visnyk.Tests.Site;

public class KyivTimeTests
{
    [Fact]
    public void Summer_time_is_three_hours_ahead_of_utc_and_months_are_in_the_genitive()
    {
        var utc = new DateTime(2025, 6, 18, 12, 58, 0, DateTimeKind.Utc);
        Assert.Equal("18 червня 2025, 15:58", KyivTime.Long(utc));
        Assert.Equal("18/06/2025", KyivTime.Short(utc));
        Assert.Equal("2025-06-18T15:58:00+03:00", KyivTime.Iso(utc));
    }

    [Fact]
    public void Winter_time_is_two_hours_ahead_of_utc()
    {
        var utc = new DateTime(2025, 1, 5, 22, 30, 0, DateTimeKind.Utc);
        Assert.Equal("6 січня 2025, 00:30", KyivTime.Long(utc));
        Assert.Equal("06/01/2025", KyivTime.Short(utc));
        Assert.Equal("2025-01-06T00:30:00+02:00", KyivTime.Iso(utc));
    }

    [Theory]
    [InlineData(1, "січня")]
    [InlineData(2, "лютого")]
    [InlineData(3, "березня")]
    [InlineData(4, "квітня")]
    [InlineData(5, "травня")]
    [InlineData(6, "червня")]
    [InlineData(7, "липня")]
    [InlineData(8, "серпня")]
    [InlineData(9, "вересня")]
    [InlineData(10, "жовтня")]
    [InlineData(11, "листопада")]
    [InlineData(12, "грудня")]
    public void Every_month_is_written_in_the_genitive(int month, string genitive) =>
        Assert.Equal($"15 {genitive} 2024", KyivTime.LongDate(new DateTime(2024, month, 15, 9, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public void Local_midnight_converts_back_to_utc()
    {
        Assert.Equal(new DateTime(2025, 6, 17, 21, 0, 0, DateTimeKind.Utc), KyivTime.ToUtc(new DateTime(2025, 6, 18)));
        Assert.Equal(new DateTime(2025, 12, 31, 22, 0, 0, DateTimeKind.Utc), KyivTime.ToUtc(new DateTime(2026, 1, 1)));
    }
}
