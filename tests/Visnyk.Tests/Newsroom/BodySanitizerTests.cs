using AngleSharp.Html.Parser;
using Visnyk.Newsroom;

namespace Visnyk.Tests.Newsroom;

public class BodySanitizerTests
{
    static readonly HashSet<string> Allowed =
    [
        "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "a", "ul", "ol", "li", "blockquote",
        "figure", "figcaption", "img", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "hr",
    ];
    static readonly HashSet<string> AllowedAttributes = ["href", "src", "alt", "title", "colspan", "rowspan", "scope", "width", "height", "lang"];

    // Vectors from the OWASP XSS Filter Evasion Cheat Sheet, plus a few of the newer tricks.
    public static readonly TheoryData<string> Vectors = new(
        "<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>",
        "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
        "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
        "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
        "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
        "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        "<IMG DYNSRC=\"javascript:alert('XSS')\">",
        "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
        "<svg/onload=alert('XSS')>",
        "<BODY ONLOAD=alert('XSS')>",
        "<BGSOUND SRC=\"javascript:alert('XSS');\">",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
        "<META HTTP-EQUIV=\"Link\" Content=\"<http://xss.rocks/xss.css>; REL=stylesheet\">",
        "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
        "<STYLE TYPE=\"text/javascript\">alert('XSS');</STYLE>",
        "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
        "<DIV STYLE=\"width: expression(alert('XSS'));\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
        "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
        "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
        "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href=\"vbscript:msgbox('XSS')\">x</a>",
        "<a href=\"&#1;javascript:alert(1)\">x</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<details open ontoggle=alert(1)>",
        "<template><script>alert(1)</script></template>",
        "<p style=\"color:red\" class=\"x\" id=\"y\" data-x=\"1\">стиль</p>",
        "<img src=\"https://tracker.example/pixel.gif\" alt=\"піксель\">");

    [Theory]
    [MemberData(nameof(Vectors))]
    public void No_xss_vector_survives(string vector)
    {
        var clean = BodySanitizer.Clean(vector);
        var body = new HtmlParser().ParseDocument($"<body>{clean}</body>").Body!;
        foreach (var element in body.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, Allowed);
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.LocalName, AllowedAttributes);
            }
            foreach (var url in new[] { element.GetAttribute("href"), element.GetAttribute("src") }.OfType<string>())
            {
                var scheme = url.Trim().Split(':')[0].ToLowerInvariant();
                Assert.True(url.StartsWith('/') || url.StartsWith('#') || scheme is "http" or "https" or "mailto" or "tel" || !url.Contains(':'), url);
            }
        }
        Assert.All(body.QuerySelectorAll("img"), img => Assert.StartsWith("/media/", img.GetAttribute("src")));
        Assert.DoesNotContain("alert(", body.TextContent.Contains("<") ? body.TextContent : "");
    }

    [Fact]
    public void Word_paste_becomes_clean_semantic_html()
    {
        const string word = """
            <!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
            <h1 class=MsoTitle>Звіт про роботу</h1>
            <p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><span style='font-size:12.0pt;font-family:"Times New Roman",serif'>Перший абзац з <b>жирним</b> і <i>курсивом</i>.<o:p></o:p></span></p>
            <p class=MsoNormal><o:p>&nbsp;</o:p></p>
            <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·</span> пункт</p>
            <table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'><tr><td width=300 valign=top style='width:225.6pt'><p class=MsoNormal>Клітинка</p></td></tr></table>
            """;
        var clean = BodySanitizer.Clean(word);
        Assert.DoesNotContain("Mso", clean);
        Assert.DoesNotContain("style", clean);
        Assert.DoesNotContain("o:p", clean);
        Assert.DoesNotContain("<span", clean);
        Assert.DoesNotContain("<h1", clean);
        Assert.Contains("<h2>Звіт про роботу</h2>", clean);
        Assert.Contains("<p>Перший абзац з <b>жирним</b> і <i>курсивом</i>.</p>", clean);
        Assert.Contains("<td><p>Клітинка</p></td>", clean);
        Assert.Contains("<ul><li>пункт</li></ul>", clean);
        Assert.DoesNotContain("<p>&nbsp;</p>", clean);
    }

    // Word's list paragraphs, as Word writes them into HTML (the clipboard, a saved page, a
    // WordPress post pasted from Word): real lists, without the typed bullets and numbers.
    [Fact]
    public void Word_list_paragraphs_become_real_lists()
    {
        const string word = """
            <p class=MsoNormal>Що змінилося:</p>
            <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>графік прийому<o:p></o:p></p>
            <p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>адреса<o:p></o:p></p>
            <p class=MsoNormal>Порядок:</p>
            <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span>подати заяву</p>
            <p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span>отримати відповідь</p>
            """;
        var clean = BodySanitizer.Clean(word);
        Assert.Equal("<p>Що змінилося:</p><ul><li>графік прийому</li><li>адреса</li></ul><p>Порядок:</p><ol><li>подати заяву</li><li>отримати відповідь</li></ol>",
            System.Text.RegularExpressions.Regex.Replace(clean, @">\s+<", "><"));
    }

    [Fact]
    public void Google_docs_paste_keeps_bold_and_italic_as_elements()
    {
        const string docs = """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c"><p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;font-weight:700;">Увага!</span><span style="font-size:11pt;"> Звичайний текст і </span><span style="font-style:italic;">курсив</span>.</p><ul><li dir="ltr"><p dir="ltr"><span>пункт</span></p></li></ul><p><a href="https://www.kmu.gov.ua/" target="_blank" style="text-decoration:none;"><span>Уряд</span></a></p></b>""";
        var clean = BodySanitizer.Clean(docs);
        Assert.Equal("""<p><strong>Увага!</strong> Звичайний текст і <em>курсив</em>.</p><ul><li><p>пункт</p></li></ul><p><a href="https://www.kmu.gov.ua/">Уряд</a></p>""", clean);
    }
}
