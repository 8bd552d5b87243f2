using AngleSharp.Html.Parser;
using Visnyk.Media;

namespace Visnyk.Tests.Media;

// The <picture> of a card or a lead photo: every variant in each format's srcset, the <img>'s
// own file the narrowest at least as wide as shown, its height in proportion, and the alt text
// encoded. Read back with an HTML parser, and compared whole with the markup it has always had.
public class PictureMarkupTests
{
    static Image Photo(bool avif) => new()
    {
        Key = "abc123", Width = 1600, Height = 1067, Alt = "Зустріч \"у залі\" & <нарада>", Widths = "480,960,1440", HasAvif = avif,
    };

    [Fact]
    public void A_picture_offers_every_variant_in_each_format_and_the_narrowest_wide_enough_as_its_img()
    {
        var html = PictureMarkup.Html(Photo(avif: true), "(min-width: 40em) 20em, 100vw", 600, lazy: true);

        Assert.Equal(
            "<picture><source type=\"image/avif\" srcset=\"/media/abc123-480.avif 480w, /media/abc123-960.avif 960w, /media/abc123-1440.avif 1440w\" sizes=\"(min-width: 40em) 20em, 100vw\">" +
            "<source type=\"image/webp\" srcset=\"/media/abc123-480.webp 480w, /media/abc123-960.webp 960w, /media/abc123-1440.webp 1440w\" sizes=\"(min-width: 40em) 20em, 100vw\">" +
            "<img src=\"/media/abc123-960.jpg\" srcset=\"/media/abc123-480.jpg 480w, /media/abc123-960.jpg 960w, /media/abc123-1440.jpg 1440w\" sizes=\"(min-width: 40em) 20em, 100vw\" " +
            "width=\"960\" height=\"640\" alt=\"Зустріч &quot;у залі&quot; &amp; &lt;нарада&gt;\" loading=\"lazy\" decoding=\"async\"></picture>",
            html);
        var img = new HtmlParser().ParseDocument(html).QuerySelector("picture > img")!;
        Assert.Equal("Зустріч \"у залі\" & <нарада>", img.GetAttribute("alt"));
        Assert.Equal("/media/abc123-960.jpg", img.GetAttribute("src"));
    }

    [Fact]
    public void Wider_than_every_variant_it_takes_the_widest_and_without_AVIF_or_alt_it_says_so()
    {
        var html = PictureMarkup.Html(Photo(avif: false), "100vw", 2000, lazy: false, decorative: true);

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("source[type='image/avif']"));
        var img = document.QuerySelector("picture > img")!;
        Assert.Equal(("/media/abc123-1440.jpg", "1440", "960", ""), (img.GetAttribute("src"), img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
        Assert.False(img.HasAttribute("loading"));
        Assert.Equal("/media/abc123-480.webp 480w, /media/abc123-960.webp 960w, /media/abc123-1440.webp 1440w", document.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"));
    }
}
