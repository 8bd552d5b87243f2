using Visnyk.Articles;

namespace Visnyk.Tests.Articles;

public class ArticleKeyTests
{
    [Theory]
    [InlineData("123-some-slug", 123, "some-slug")]
    [InlineData("123", 123, "")]
    [InlineData("7-", 7, "")]
    [InlineData("42-Членкині", 42, "Членкині")]
    public void Reads_id_and_slug(string key, int id, string slug)
    {
        Assert.True(ArticleKey.TryParse(key, out var parsedId, out var parsedSlug));
        Assert.Equal(id, parsedId);
        Assert.Equal(slug, parsedSlug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("12a-x")]
    [InlineData("99999999999999999999-x")]
    [InlineData("１２３")] // full-width digits
    public void Rejects_keys_without_a_plain_positive_id(string key) =>
        Assert.False(ArticleKey.TryParse(key, out _, out _));
}
