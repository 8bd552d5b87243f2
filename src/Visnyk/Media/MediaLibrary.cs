using Microsoft.Extensions.Options;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Media;

// Adds uploaded pictures to the media library: checked and decoded by ImageUpload, re-encoded
// without metadata by ImagePipeline, recorded with who uploaded it.
public class MediaLibrary(VisnykDb db, ImagePipeline pipeline, ImageQueue queue, IOptions<SiteOptions> options, AuditLog audit, TimeProvider clock)
{
    public MediaOptions Limits => options.Value.Media;

    // The new image (saved), or ImageUpload.Rejected with a message for the editor.
    public async Task<Image> AddAsync(IFormFile file, string? alt, string? caption, string? credit, CancellationToken ct)
    {
        var name = Path.GetFileName(file.FileName);
        if (file.Length > Limits.MaxUploadBytes)
        {
            throw new ImageUpload.Rejected($"Файл «{name}» завеликий: {file.Length / 1_048_576.0:F1} МБ, можна до {Limits.MaxUploadMegabytes} МБ.");
        }
        var data = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(data, ct);
        }
        var image = await queue.RunAsync(() =>
        {
            using var decoded = ImageUpload.Decode(data, name, Limits.MaxUploadBytes, Limits.MaxPixels);
            return pipeline.Save(decoded, Clip(alt, 500), Clip(caption, 500), clock.GetUtcNow().UtcDateTime, avif: true);
        }, ct);
        image.Credit = Clip(credit, 200);
        var existing = db.Images.FirstOrDefault(i => i.Key == image.Key);
        if (existing is not null)
        {
            // The same picture again: reuse it (its files are the same).
            return existing;
        }
        db.Images.Add(image);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(AuditActions.ImageUploaded, $"image:{image.Id}", $"{name}, {image.Width}×{image.Height}", ct: ct);
        return image;
    }

    static string Clip(string? text, int max)
    {
        var value = (text ?? "").Trim();
        return value.Length > max ? value[..max] : value;
    }
}
