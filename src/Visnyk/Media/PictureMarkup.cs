using System.Net;
using Microsoft.AspNetCore.Html;

namespace Visnyk.Media;

// <picture> for an image's variants: WebP where the browser takes it, JPEG otherwise; width and
// height always set so the page does not jump while pictures load.
public static class PictureMarkup
{
    public static IHtmlContent Picture(Image image, string sizes, int displayWidth, bool lazy, bool decorative = false)
    {
        var width = image.BestWidth(displayWidth);
        var alt = decorative ? "" : image.Alt;
        var loading = lazy ? " loading=\"lazy\"" : "";
        return new HtmlString(
            $"<picture><source type=\"image/webp\" srcset=\"{image.SrcSet("webp")}\" sizes=\"{sizes}\">" +
            $"<img src=\"{image.Url(width, "jpg")}\" srcset=\"{image.SrcSet("jpg")}\" sizes=\"{sizes}\" " +
            $"width=\"{width}\" height=\"{image.HeightAt(width)}\" alt=\"{WebUtility.HtmlEncode(alt)}\"{loading} decoding=\"async\"></picture>");
    }
}
