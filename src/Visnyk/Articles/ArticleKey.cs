namespace Visnyk.Articles;

// The {key} of /news/{key}: "123-some-slug" or just "123". The id decides; the slug is for people.
public static class ArticleKey
{
    public static bool TryParse(string? key, out int id, out string slug)
    {
        slug = "";
        id = 0;
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }
        var dash = key.IndexOf('-');
        var digits = dash < 0 ? key : key[..dash];
        if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit) || !int.TryParse(digits, out id) || id <= 0)
        {
            return false;
        }
        slug = dash < 0 ? "" : key[(dash + 1)..];
        return true;
    }
}
