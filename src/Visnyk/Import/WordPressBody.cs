using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Visnyk.Import;

// Turns a post's stored content into HTML the site's body sanitiser can take: block-editor
// comments removed, the classic editor's blank-line paragraphs made into <p> (as WordPress's
// wpautop does when it shows a post), [caption] into <figure>, and pictures of the old site
// into the site's own media.
public static partial class WordPressBody
{
    // attached: the ids of the post's own attachments, in their order, for a [gallery] that names none.
    public static string Html(string content, List<string> warnings, Func<IReadOnlyList<long>>? attached = null)
    {
        var html = content.Replace("\r\n", "\n").Replace('\r', '\n');
        var blocks = html.Contains("<!-- wp:", StringComparison.Ordinal);
        html = BlockComment().Replace(html, "");
        html = Caption().Replace(html, m => Figure(m.Groups[1].Value, m.Groups[2].Value));
        html = GalleryShortcode().Replace(html, m => GalleryFigure(m.Groups[1].Value, attached));
        var dropped = OtherShortcode().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().ToList();
        if (dropped.Count > 0)
        {
            warnings.Add($"шорткоди WordPress без відповідника прибрано: [{string.Join("], [", dropped)}]");
            html = OtherShortcode().Replace(html, "");
        }
        // Without their comments, blocks leave runs of blank lines behind.
        return blocks ? BlankLines().Replace(html, "\n").Trim() : Paragraphs(html);
    }

    // [caption id="…" width="300"]<img …> Підпис[/caption]
    static string Figure(string attributes, string inner)
    {
        var parts = CaptionParts().Match(inner);
        if (!parts.Success)
        {
            return inner;
        }
        var text = parts.Groups[2].Value.Trim();
        if (text.Length == 0 && CaptionAttribute().Match(attributes) is { Success: true } attribute)
        {
            text = attribute.Groups[1].Value;
        }
        return $"<figure>{parts.Groups[1].Value}" + (text.Length > 0 ? $"<figcaption>{text}</figcaption>" : "") + "</figure>";
    }

    // [gallery ids="5,7"] (or a bare [gallery]: the post's attachments) written as the block editor
    // writes a gallery, so that both become the article's gallery (Pictures).
    static string GalleryFigure(string attributes, Func<IReadOnlyList<long>>? attached)
    {
        var ids = GalleryIds().Match(attributes) is { Success: true } given
            ? given.Groups[1].Value.Split(',').Select(i => long.TryParse(i.Trim(), out var id) ? id : 0).Where(id => id > 0).ToList()
            : attached?.Invoke() ?? [];
        return ids.Count == 0 ? "" : $"<figure class=\"wp-block-gallery\">{string.Concat(ids.Select(id => $"<img class=\"wp-image-{id}\" src=\"\" alt=\"\">"))}</figure>";
    }

    // Blank lines separate paragraphs, a single line break is a <br>; blocks stay as they are.
    static string Paragraphs(string html)
    {
        var result = new StringBuilder();
        foreach (var chunk in BlankLine().Split(html.Trim()))
        {
            var text = chunk.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            result.Append(BlockStart().IsMatch(text) ? text : $"<p>{text.Replace("\n", "<br>\n")}</p>").Append('\n');
        }
        return result.ToString().Trim();
    }

    // Every <img> of the old site's uploads becomes the site's picture (or goes, with a warning);
    // a link around it to the old file goes too. Pictures from elsewhere are left for the
    // sanitiser, which keeps only the site's own media.
    // A gallery (the block editor's, or a [gallery] shortcode) leaves the text and becomes the
    // article's own gallery (`gallery`), in its order, with each picture's alternative text and caption;
    // the gallery's caption stays in the text as a paragraph.
    public static string Pictures(string html, Func<IElement, Media.Image?> picture, Func<string, bool> isOldUpload, List<string> warnings,
        List<(Media.Image Image, Media.PhotoText Text)>? gallery = null)
    {
        var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
        foreach (var block in body.QuerySelectorAll(".wp-block-gallery").Where(g => g.ParentElement?.Closest(".wp-block-gallery") is null).ToList())
        {
            foreach (var img in block.QuerySelectorAll("img"))
            {
                var isOld = img.ClassList.Any(c => c.StartsWith("wp-image-", StringComparison.Ordinal)) || isOldUpload(img.GetAttribute("src") ?? "");
                if (!isOld)
                {
                    warnings.Add($"зображення з іншого сайту не перенесено: {img.GetAttribute("src")}");
                    continue;
                }
                if (picture(img) is not { } image)
                {
                    continue;
                }
                var item = img.Closest("figure") is { } figure && figure != block ? figure : img.Closest("li");
                var caption = item?.QuerySelector("figcaption")?.TextContent.Trim();
                var alt = img.GetAttribute("alt")?.Trim();
                gallery?.Add((image, new Media.PhotoText(alt is { Length: > 0 } ? alt : null, caption is { Length: > 0 } ? caption : null, null)));
            }
            var title = block.Children.FirstOrDefault(c => c.LocalName == "figcaption")?.TextContent.Trim();
            if (title is { Length: > 0 })
            {
                var paragraph = block.Owner!.CreateElement("p");
                paragraph.TextContent = title;
                block.Replace(paragraph);
            }
            else
            {
                block.Remove();
            }
        }
        foreach (var img in body.QuerySelectorAll("img").ToList())
        {
            var src = img.GetAttribute("src") ?? "";
            if (img.ParentElement is { LocalName: "a" } link && isOldUpload(link.GetAttribute("href") ?? ""))
            {
                link.Replace([.. link.ChildNodes]);
            }
            if (!isOldUpload(src))
            {
                if (!src.StartsWith("/media/", StringComparison.Ordinal))
                {
                    warnings.Add($"зображення з іншого сайту не перенесено: {src}");
                }
                continue;
            }
            var image = picture(img);
            if (image is null)
            {
                var figure = img.Closest("figure");
                (figure ?? img).Remove();
                continue;
            }
            var width = image.BestWidth(960);
            var alt = img.GetAttribute("alt") is { Length: > 0 } given ? given : image.Alt;
            foreach (var attribute in img.Attributes.Select(a => a.Name).ToList())
            {
                img.RemoveAttribute(attribute);
            }
            img.SetAttribute("src", image.Url(width, "jpg"));
            img.SetAttribute("alt", alt);
            img.SetAttribute("width", width.ToString());
            img.SetAttribute("height", image.HeightAt(width).ToString());
            // A picture alone in a paragraph is a figure, as the editor makes it.
            if (img.ParentElement is { LocalName: "p" } paragraph && paragraph.TextContent.Trim().Length == 0 && paragraph.Children.Length == 1)
            {
                var figure = paragraph.Owner!.CreateElement("figure");
                figure.AppendChild(img);
                paragraph.Replace(figure);
            }
        }
        return body.InnerHtml;
    }

    // The excerpt, or else the body's first paragraph, as plain text of a sensible length.
    public static string Summary(string excerpt, string cleanBody)
    {
        var text = excerpt.Trim().Length > 0
            ? new HtmlParser().ParseDocument($"<body>{excerpt}</body>").Body!.TextContent
            : new HtmlParser().ParseDocument($"<body>{cleanBody}</body>").QuerySelector("p")?.TextContent ?? "";
        text = Spaces().Replace(WebUtility.HtmlDecode(text), " ").Trim();
        if (text.Length <= 300)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', 299);
        return (cut > 100 ? text[..cut] : text[..299]).TrimEnd(',', ';', ':', ' ') + "…";
    }

    [GeneratedRegex(@"<!--\s*/?wp:[\s\S]*?-->")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[caption([^\]]*)\]([\s\S]*?)\[/caption\]", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)\s*([\s\S]*?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionParts();

    [GeneratedRegex(@"caption=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

    [GeneratedRegex(@"\[gallery\b([^\]]*)\]", RegexOptions.IgnoreCase)]
    private static partial Regex GalleryShortcode();

    [GeneratedRegex(@"\bids\s*=\s*[""']?([\d,\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex GalleryIds();

    [GeneratedRegex(@"\[/?(gallery|embed|video|audio|playlist)\b[^\]]*\]", RegexOptions.IgnoreCase)]
    private static partial Regex OtherShortcode();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"^<(?:p|h[1-6]|ul|ol|li|dl|blockquote|figure|table|div|pre|hr|address|section|article|aside|header|footer|form|fieldset|details|iframe|object|video|audio)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\n(?:[ \t]*\n)+")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
