using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Visnyk.Search;

// The words of an article body (sanitised HTML) as plain text for the index: block elements and
// line breaks become spaces, inline markup joins its text without one (Полтав<b>щина</b> is one word).
public static class PlainText
{
    static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "figure", "figcaption", "table", "tr", "td", "th", "caption", "hr", "pre", "dt", "dd",
    };

    public static string FromHtml(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }
        var text = new StringBuilder(html.Length);
        Append(new HtmlParser().ParseDocument(html).Body!, text);
        return text.ToString().Trim();
    }

    static void Append(INode node, StringBuilder text)
    {
        switch (node)
        {
            case IText t:
                text.Append(t.Data);
                break;
            case IElement e:
                var block = Blocks.Contains(e.LocalName);
                if (block)
                {
                    text.Append(' ');
                }
                foreach (var child in e.ChildNodes)
                {
                    Append(child, text);
                }
                if (block)
                {
                    text.Append(' ');
                }
                break;
        }
    }
}
