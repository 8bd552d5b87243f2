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
    // One form post with several photos (checked by UploadForm; nginx allows the same in deploy/).
    public int MaxRequestMegabytes { get; set; } = 200;
    // Pictures decoded at once (ImageQueue); 0: one per processor core.
    public int DecodeConcurrency { get; set; }

    public long MaxUploadBytes => MaxUploadMegabytes * 1_048_576L;
    public long MaxPixels => MaxMegapixels * 1_000_000L;
    public long MaxRequestBytes => MaxRequestMegabytes * 1_048_576L;
}
