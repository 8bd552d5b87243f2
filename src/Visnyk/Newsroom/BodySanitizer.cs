using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Visnyk.Newsroom;

// Every article body passes through here on the server, whatever the editor in the browser sent:
// an allow-list of semantic elements (HtmlSanitizer), no styles, no classes, no scripts, links
// only to http(s), mail and phone, pictures only from the site's own media library.
// Before that, the usual dressing of text pasted from Word and Google Docs is taken off, so what
// remains is clean headings, paragraphs, lists, links, emphasis, quotes and tables.
public static partial class BodySanitizer
{
    static readonly HtmlSanitizer Sanitizer = Create();

    public static string Clean(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var body = document.Body!;
        Unpaste(body);
        var clean = Sanitizer.Sanitize(body.InnerHtml);
        // Paragraphs left empty by the clean-up (Word's &nbsp; spacers) are dropped.
        var result = new HtmlParser().ParseDocument($"<body>{clean}</body>").Body!;
        foreach (var empty in result.QuerySelectorAll("p, h2, h3, h4, li, blockquote").Where(e => e.TextContent.Trim('\u00a0', ' ', '\n', '\r', '\t').Length == 0 && e.QuerySelector("img") is null).ToList())
        {
            empty.Remove();
        }
        return result.InnerHtml.Trim();
    }

    static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "a",
                "ul", "ol", "li", "blockquote", "figure", "figcaption", "img",
                "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "colspan", "rowspan", "scope", "width", "height", "lang",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true, AllowDataAttributes = false };
        // Pictures come from the media library only: no hot-linking, no tracking pixels.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && !(e.SanitizedUrl ?? "").StartsWith("/media/", StringComparison.Ordinal))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            // Never keep what is inside executable or invisible containers, even as text.
            if (e.Tag.TagName is "SCRIPT" or "STYLE" or "TEMPLATE" or "NOSCRIPT" or "IFRAME" or "OBJECT" or "EMBED" or "SVG" or "MATH" or "TEXTAREA" or "SELECT" or "TITLE" or "XMP" or "NOEMBED" or "NOFRAMES" or "PLAINTEXT")
            {
                e.Tag.Remove();
                e.Cancel = true;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { TagName: "IMG" } img && img.GetAttribute("src") is null)
            {
                img.Remove();
            }
            // Sizes belong to pictures only; Word puts them on table cells too.
            if (e.Node is IElement { TagName: not "IMG" } sized)
            {
                sized.RemoveAttribute("width");
                sized.RemoveAttribute("height");
            }
            if (e.Node is IElement { TagName: "A" } link && link.GetAttribute("href") is null)
            {
                link.Replace([.. link.ChildNodes]);
            }
        };
        return sanitizer;
    }

    // Word and Google Docs mark bold and italic with styles, wrap everything in spans and add
    // their own elements (<o:p>); turn the styles into elements before the styles are dropped.
    static void Unpaste(IElement body)
    {
        // Google Docs wraps the whole paste in <b style="font-weight:normal" id="docs-internal-guid-...">.
        foreach (var wrapper in body.QuerySelectorAll("b[id^='docs-internal-guid']").ToList())
        {
            wrapper.Replace([.. wrapper.ChildNodes]);
        }
        foreach (var span in body.QuerySelectorAll("span[style]").ToList())
        {
            var style = span.GetAttribute("style")!.Replace(" ", "").ToLowerInvariant();
            var bold = style.Contains("font-weight:700") || style.Contains("font-weight:bold");
            var italic = style.Contains("font-style:italic");
            if (bold || italic)
            {
                var document = span.Owner!;
                INode inner = document.CreateElement(bold ? "strong" : "em");
                ((IElement)inner).Append([.. span.ChildNodes]);
                if (bold && italic)
                {
                    var em = document.CreateElement("em");
                    em.AppendChild(inner);
                    inner = em;
                }
                span.Replace(inner);
            }
        }
        // Word's headings arrive as <p class="MsoHeading1"> or <h1>; the page has its own h1.
        foreach (var h1 in body.QuerySelectorAll("h1").ToList())
        {
            var h2 = h1.Owner!.CreateElement("h2");
            h2.Append([.. h1.ChildNodes]);
            h1.Replace(h2);
        }
        foreach (var p in body.QuerySelectorAll("p.MsoTitle, p.MsoHeading1, p.MsoHeading2").ToList())
        {
            var h2 = p.Owner!.CreateElement("h2");
            h2.Append([.. p.ChildNodes]);
            p.Replace(h2);
        }
        WordLists(body);
        // Word's own namespaced elements (<o:p>, <v:shape>, <w:...>) carry nothing worth keeping.
        foreach (var office in body.QuerySelectorAll("*").Where(e => e.LocalName.Contains(':')).ToList())
        {
            office.Remove();
        }
    }

    // Word writes list items as paragraphs (class MsoListParagraph…, or mso-list:l0 in the style)
    // with a typed bullet or number in front: bracketed by <![if !supportLists]> … <![endif]>
    // (comments to the HTML parser) or in a span marked mso-list:Ignore. Consecutive ones become one
    // real list, numbered if the marker is a number or letter, as the browser editor does
    // (tools/editor/src/clean-html.js). Nesting is flattened.
    static void WordLists(IElement body)
    {
        var made = new HashSet<IElement>();
        foreach (var p in body.QuerySelectorAll("p").ToList())
        {
            var style = (p.GetAttribute("style") ?? "").Replace(" ", "");
            if (!(p.ClassName ?? "").StartsWith("MsoListParagraph", StringComparison.Ordinal) && !WordListStyle().IsMatch(style))
            {
                continue;
            }
            var marker = TakeMarker(p);
            var tag = NumberedMarker().IsMatch(marker) ? "ol" : "ul";
            var document = p.Owner!;
            var item = document.CreateElement("li");
            item.Append([.. p.ChildNodes]);
            if (item.Descendants<IText>().FirstOrDefault(t => t.Data.Length > 0) is { } text)
            {
                text.Data = text.Data.TrimStart(' ', '\u00a0', '\n', '\r', '\t');
            }
            if (p.PreviousElementSibling is { } previous && made.Contains(previous) && previous.LocalName == tag)
            {
                previous.AppendChild(item);
                p.Remove();
            }
            else
            {
                var list = document.CreateElement(tag);
                list.AppendChild(item);
                p.Replace(list);
                made.Add(list);
            }
        }
    }

    // Removes the typed marker from a Word list paragraph and returns its text.
    static string TakeMarker(IElement p)
    {
        var marker = new StringBuilder();
        foreach (var start in p.Descendants<IComment>().Where(c => c.Data.StartsWith("[if !supportLists]", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            for (var next = start.NextSibling; next is not null && !(next is IComment end && end.Data.StartsWith("[endif]", StringComparison.OrdinalIgnoreCase));)
            {
                var after = next.NextSibling;
                marker.Append(next.TextContent);
                next.RemoveFromParent();
                next = after;
            }
        }
        foreach (var ignore in p.QuerySelectorAll("span[style]").Where(e => e.GetAttribute("style")!.Replace(" ", "").Contains("mso-list:ignore", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            marker.Append(ignore.TextContent);
            ignore.Remove();
        }
        if (marker.Length == 0 && p.Descendants<IText>().FirstOrDefault(t => t.Data.Trim('\u00a0', ' ').Length > 0) is { } first
            && TypedBullet().Match(first.Data) is { Success: true } typed)
        {
            // Only the bullet survived the copy (no comments, no marked span): take it off the text.
            marker.Append(typed.Value);
            first.Data = first.Data[typed.Length..];
        }
        return marker.ToString();
    }

    [GeneratedRegex(@"mso-list:l\d")]
    private static partial Regex WordListStyle();

    [GeneratedRegex(@"^[\s\u00a0]*\(?[0-9a-zа-я]{1,4}[.)]", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedMarker();

    [GeneratedRegex(@"^[\s\u00a0]*[·•○▪§\-–o]([\s\u00a0]+|$)")]
    private static partial Regex TypedBullet();
}
