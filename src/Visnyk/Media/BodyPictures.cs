using System.Net;
using System.Text.RegularExpressions;

namespace Visnyk.Media;

// Pictures inside an article's text are stored as the editor and the import write them, a plain
// <img> of one JPEG of the media library (the sanitiser keeps nothing else). On the page each one
// becomes the same <picture> as a lead photo: AVIF or WebP at the width the screen needs, lazily
// loaded, with the alternative text the article gave it.
public static partial class BodyPictures
{
    // The media keys of the body's pictures, to read their rows with the article.
    public static IReadOnlyList<string> Keys(string body) =>
        body.Contains("/media/", StringComparison.Ordinal)
            ? Img().Matches(body).Select(m => Source().Match(m.Value)).Where(s => s.Success).Select(s => s.Groups["key"].Value).Distinct().ToList()
            : [];

    // The body with each picture of the library as a <picture>; any other <img> stays as it is, lazily loaded.
    public static string Render(string body, IReadOnlyDictionary<string, Image> images)
    {
        if (!body.Contains("<img", StringComparison.Ordinal))
        {
            return body;
        }
        return Img().Replace(body, m =>
        {
            var source = Source().Match(m.Value);
            if (!source.Success || !images.TryGetValue(source.Groups["key"].Value, out var image) || image.VariantWidths.Count == 0)
            {
                return m.Value.Contains(" loading=", StringComparison.Ordinal) ? m.Value : m.Value.Insert(4, " loading=\"lazy\"");
            }
            var alt = Alt().Match(m.Value) is { Success: true } given ? WebUtility.HtmlDecode(given.Groups[1].Value) : "";
            var shown = new Image
            {
                Key = image.Key, Width = image.Width, Height = image.Height, Widths = image.Widths, HasAvif = image.HasAvif, Alt = alt,
            };
            return PictureMarkup.Html(shown, "(min-width: 60em) 44rem, 100vw", 960, lazy: true, decorative: alt.Length == 0);
        });
    }

    // The sanitiser writes every attribute in double quotes.
    [GeneratedRegex("<img\\b[^>]*>")]
    private static partial Regex Img();

    [GeneratedRegex("\\ssrc=\"/media/(?<key>[0-9a-f]+)-\\d+\\.(?:jpg|webp|avif)\"")]
    private static partial Regex Source();

    [GeneratedRegex("\\salt=\"([^\"]*)\"")]
    private static partial Regex Alt();
}
