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

    public string SrcSet(string format) =>
        string.Join(", ", VariantWidths.Select(w => $"{Url(w, format)} {w}w"));

    // The variant closest to the requested width without going under it (or the largest).
    public int BestWidth(int wanted) =>
        VariantWidths.FirstOrDefault(w => w >= wanted, VariantWidths.LastOrDefault());

    public int HeightAt(int width) => Width == 0 ? 0 : (int)Math.Round((double)Height * width / Width);
}
