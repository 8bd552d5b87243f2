using System.Net;
using Microsoft.AspNetCore.Html;

namespace Visnyk.Media;

// <picture> for an image's variants: AVIF or WebP where the browser takes them, JPEG otherwise; width and
// height always set so the page does not jump while pictures load.
public static class PictureMarkup
{
    public static IHtmlContent Picture(Image image, string sizes, int displayWidth, bool lazy, bool decorative = false) =>
        new HtmlString(Html(image, sizes, displayWidth, lazy, decorative));

    public static string Html(Image image, string sizes, int displayWidth, bool lazy, bool decorative = false)
    {
        var width = image.BestWidth(displayWidth);
        var alt = decorative ? "" : image.Alt;
        var loading = lazy ? " loading=\"lazy\"" : "";
        var avif = image.HasAvif ? $"<source type=\"image/avif\" srcset=\"{image.SrcSet("avif")}\" sizes=\"{sizes}\">" : "";
        return
            $"<picture>{avif}<source type=\"image/webp\" srcset=\"{image.SrcSet("webp")}\" sizes=\"{sizes}\">" +
            $"<img src=\"{image.Url(width, "jpg")}\" srcset=\"{image.SrcSet("jpg")}\" sizes=\"{sizes}\" " +
            $"width=\"{width}\" height=\"{image.HeightAt(width)}\" alt=\"{WebUtility.HtmlEncode(alt)}\"{loading} decoding=\"async\"></picture>";
    }
}
