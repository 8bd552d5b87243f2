using System.Text;

namespace Visnyk.Media;

// A picture in the media library. Its files are the variants written by the image pipeline:
// `{Key}-{width}.webp` and `{Key}-{width}.jpg` for each width in Widths.
public class Image
{
    public int Id { get; set; }
    // Content-derived file stem; a changed picture gets a new key, so files can be cached forever.
    public required string Key { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string Alt { get; set; } = "";
    public string Caption { get; set; } = "";
    // Author or source of the picture, shown with the caption ("Фото: ...").
    public string Credit { get; set; } = "";
    // AVIF variants were written too (uploads); demo and synthetic pictures have WebP and JPEG only.
    public bool HasAvif { get; set; }
    // Comma-separated widths of the stored variants, ascending.
    public string Widths { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<int> VariantWidths =>
        Widths.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    public string Url(int width, string format) => $"/media/{Key}-{width}.{format}";

    // "{url} 480w, {url} 960w, …" for these widths, written into markup being made (PictureMarkup).
    public void AppendSrcSet(StringBuilder html, IReadOnlyList<int> widths, string format)
    {
        for (var i = 0; i < widths.Count; i++)
        {
            html.Append(i == 0 ? "" : ", ").Append(Url(widths[i], format)).Append(' ').Append(widths[i]).Append('w');
        }
    }

    // The variant closest to the requested width without going under it (or the largest).
    public int BestWidth(int wanted) => BestOf(VariantWidths, wanted);

    public static int BestOf(IReadOnlyList<int> widths, int wanted) =>
        widths.FirstOrDefault(w => w >= wanted, widths.Count > 0 ? widths[^1] : 0);

    public int HeightAt(int width) => Width == 0 ? 0 : (int)Math.Round((double)Height * width / Width);
}
