using NetVips;

namespace Visnyk.Media;

// Checks and decodes an uploaded picture. Every upload is hostile until decoded: the type is
// taken from the file's first bytes (never from its name or the browser's word), must agree with
// the extension, is decoded only by that format's own loader, and its size is checked from the
// header before a single pixel is decoded (decompression bombs). What is stored is always a
// fresh encoding by ImagePipeline, so nothing of the original file (metadata, a polyglot's
// other half) ever reaches the site.
public static class ImageUpload
{
    public enum Format { Jpeg, Png, WebP, Heif }

    public class Rejected(string message) : Exception(message);

    // The largest picture kept: as wide as the widest variant, and tall infographics up to four
    // times that. Larger uploads are shrunk while they are decoded (Decode).
    public const int MaxWidth = 1440, MaxHeight = 4 * MaxWidth;

    // Process-wide libvips settings: loaders other than the four we call are blocked; no operation
    // cache, which would keep decoded pictures alive after an upload.
    public static void ConfigureLibvips()
    {
        NetVips.NetVips.BlockUntrusted = true;
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
    }

    public static Format? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return Format.Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Format.Png;
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Format.WebP;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            if (brand is "heic" or "heix" or "heim" or "heis" or "mif1" or "msf1" or "avif")
            {
                return Format.Heif;
            }
        }
        return null;
    }

    static readonly Dictionary<string, Format> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = Format.Jpeg, [".jpeg"] = Format.Jpeg, [".png"] = Format.Png, [".webp"] = Format.WebP,
        [".heic"] = Format.Heif, [".heif"] = Format.Heif, [".avif"] = Format.Heif,
    };

    // The decoded picture, upright and at most MaxWidth × MaxHeight; throws Rejected with a message
    // for the editor. Memory stays near the size of the result, whatever the upload's pixel count:
    // the picture is read a strip at a time and shrunk as it comes (JPEG already while decoding).
    public static NetVips.Image Decode(byte[] data, string fileName, long maxBytes, long maxPixels)
    {
        if (data.Length == 0)
        {
            throw new Rejected(string.Format(AdminText.UploadEmpty, fileName));
        }
        if (data.Length > maxBytes)
        {
            throw new Rejected(string.Format(AdminText.UploadTooLarge, fileName, data.Length / 1_048_576.0, maxBytes / 1_048_576));
        }
        var format = Sniff(data.AsSpan(0, Math.Min(data.Length, 32)))
            ?? throw new Rejected(string.Format(AdminText.UploadNotImage, fileName));
        if (!Extensions.TryGetValue(Path.GetExtension(fileName), out var named) || named != format)
        {
            throw new Rejected(string.Format(AdminText.UploadWrongExtension, fileName, format));
        }
        NetVips.Image image;
        try
        {
            // The header only: no pixel is decoded until the size is known to be acceptable.
            image = format switch
            {
                Format.Jpeg => NetVips.Image.JpegloadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
                Format.Png => NetVips.Image.PngloadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
                Format.WebP => NetVips.Image.WebploadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
                _ => NetVips.Image.HeifloadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
            };
        }
        catch (VipsException)
        {
            throw new Rejected(format == Format.Heif
                ? string.Format(AdminText.UploadHeicUnreadable, fileName)
                : string.Format(AdminText.UploadBroken, fileName));
        }
        // The header alone gives the size: refuse before decoding a pixel.
        var (width, height) = (image.Width, image.Height);
        var turned = image.Contains("orientation") && image.Get("orientation") is int o && o >= 5;
        image.Dispose();
        if ((long)width * height > maxPixels || width < 16 || height < 16)
        {
            throw new Rejected(string.Format(AdminText.UploadBadSize, fileName, width, height, maxPixels / 1_000_000));
        }
        // The share of the picture kept, as it will stand upright; JPEG decodes at 1/2, 1/4 or 1/8 by itself.
        var (uprightWidth, uprightHeight) = turned ? (height, width) : (width, height);
        var scale = Math.Min(1.0, Math.Min((double)MaxWidth / uprightWidth, (double)MaxHeight / uprightHeight));
        var shrink = format == Format.Jpeg ? new[] { 8, 4, 2 }.FirstOrDefault(n => 1.0 / n >= scale, 1) : 1;
        try
        {
            using var loaded = format switch
            {
                Format.Jpeg => NetVips.Image.JpegloadBuffer(data, shrink: shrink, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
                Format.Png => NetVips.Image.PngloadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
                Format.WebP => NetVips.Image.WebploadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
                _ => NetVips.Image.HeifloadBuffer(data, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated),
            };
            // Shrunk while it streams in, then decoded whole (a truncated or corrupt file fails
            // here with a clear message), then turned upright by its orientation tag.
            using var fitted = scale * shrink < 1 ? loaded.Resize(scale * shrink) : loaded.Copy();
            using var decoded = fitted.CopyMemory();
            return decoded.Autorot();
        }
        catch (VipsException)
        {
            throw new Rejected(string.Format(AdminText.UploadTruncated, fileName));
        }
    }
}
