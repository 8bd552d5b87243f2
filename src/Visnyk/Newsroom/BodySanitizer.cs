using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Visnyk.Newsroom;

// Every article body passes through here on the server, whatever the editor in the browser sent:
// an allow-list of semantic elements (HtmlSanitizer), no styles, no classes, no scripts, links
// only to http(s), mail and phone, pictures only from the site's own media library.
// Before that, the usual dressing of text pasted from Word and Google Docs is taken off, so what
// remains is clean headings, paragraphs, lists, links, emphasis, quotes and tables.
public static class BodySanitizer
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
        // Word's own namespaced elements (<o:p>, <v:shape>, <w:...>) carry nothing worth keeping.
        foreach (var office in body.QuerySelectorAll("*").Where(e => e.LocalName.Contains(':')).ToList())
        {
            office.Remove();
        }
    }
}
