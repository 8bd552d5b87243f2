using System.Security.Cryptography;
using NetVips;

namespace Visnyk.Media;

// Turns a decoded picture into the responsive variants the pages use (WebP and a JPEG fallback at
// a few widths), with no metadata at all in what it writes.
public class ImagePipeline(string mediaDirectory)
{
    public static readonly int[] Widths = [480, 960, 1440];

    public string MediaDirectory { get; } = mediaDirectory;

    // avif: also write AVIF variants (smallest, slowest to encode: about a second a picture here);
    // uploads get them, the demo and synthetic pictures do not.
    public Media.Image Save(NetVips.Image source, string alt, string caption, DateTime now, bool avif = false)
    {
        Directory.CreateDirectory(MediaDirectory);
        // Flatten transparency onto white (JPEG has none) and work in 8-bit sRGB.
        using var flat = source.HasAlpha() ? source.Flatten(background: [255, 255, 255]) : source.Copy();
        using var srgb = flat.Colourspace(Enums.Interpretation.Srgb).Cast(Enums.BandFormat.Uchar);
        var key = KeyOf(srgb);
        var widths = Widths.Where(w => w < srgb.Width).Append(Math.Min(srgb.Width, Widths[^1])).Distinct().Order().ToList();
        foreach (var width in widths)
        {
            using var variant = width == srgb.Width ? srgb.Copy() : srgb.Resize((double)width / srgb.Width);
            variant.Webpsave(PathOf(key, width, "webp"), q: 75, keep: Enums.ForeignKeep.None);
            variant.Jpegsave(PathOf(key, width, "jpg"), q: 80, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
            if (avif)
            {
                variant.Heifsave(PathOf(key, width, "avif"), q: 55, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None);
            }
        }
        return new Media.Image
        {
            Key = key,
            Width = srgb.Width,
            Height = srgb.Height,
            Alt = alt,
            Caption = caption,
            Widths = string.Join(',', widths),
            HasAvif = avif,
            CreatedAt = now,
        };
    }

    string PathOf(string key, int width, string format) => Path.Combine(MediaDirectory, $"{key}-{width}.{format}");

    // Same pixels, same key: re-seeding or re-uploading a picture reuses its files.
    static string KeyOf(NetVips.Image image)
    {
        var hash = SHA256.HashData(image.WriteToMemory<byte>());
        return Convert.ToHexStringLower(hash)[..20];
    }
}
