namespace Visnyk.Media;

// Configuration section "Visnyk:Media".
public class MediaOptions
{
    // Largest accepted file; phone photos are 2-8 MB.
    public int MaxUploadMegabytes { get; set; } = 20;
    // Largest accepted picture, checked from the header before decoding (decompression bombs).
    public int MaxMegapixels { get; set; } = 50;
    // Files per upload form.
    public int MaxFilesPerUpload { get; set; } = 30;

    public long MaxUploadBytes => MaxUploadMegabytes * 1_048_576L;
    public long MaxPixels => MaxMegapixels * 1_000_000L;
}
