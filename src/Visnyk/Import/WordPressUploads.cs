using System.Text.RegularExpressions;
using Visnyk.Media;

namespace Visnyk.Import;

// The old site's wp-content/uploads folder, copied next to the export (--uploads): finds the file
// behind an address or an attachment, and puts each picture once through the site's own checks
// (ImageUpload) and image pipeline, as an upload from the newsroom would be. Without the folder (a
// text-only export, or the pictures later) every picture is a warning, and a later run with the
// folder adds them.
// With `dryRun`, a picture is only looked for: no file is made and none is returned.
public partial class WordPressUploads(string? root, string siteUrl, ImagePipeline pipeline, MediaOptions limits, DateTime now, bool dryRun = false)
{
    const string Marker = "/wp-content/uploads/";
    readonly string? root = root is null ? null : Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
    readonly Dictionary<string, (Media.Image? Picture, string? Problem)> pictures = [];

    // Pictures made in this run (a picture used twice counts once); in a dry run, the ones found.
    public int Made => dryRun ? found.Count : pictures.Values.Count(p => p.Picture is not null);
    readonly HashSet<string> found = [];

    // The picture, or null with a warning (missing, broken, too big, outside the folder).
    public Media.Image? Picture(string relativePath, string alt, string caption, List<string> warnings)
    {
        if (root is null)
        {
            warnings.Add($"зображення «{relativePath}» не перенесено: не вказано --uploads");
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            warnings.Add($"шлях до зображення «{relativePath}» виходить за межі теки --uploads; пропущено");
            return null;
        }
        if (!pictures.TryGetValue(full, out var known))
        {
            known = pictures[full] = Make(full, relativePath, alt, caption);
        }
        if (known.Problem is not null)
        {
            // Said again for every post that shows the picture.
            warnings.Add(known.Problem);
        }
        return known.Picture;
    }

    (Media.Image?, string?) Make(string full, string relativePath, string alt, string caption)
    {
        if (!File.Exists(full))
        {
            return (null, $"зображення «{relativePath}» немає в теці --uploads");
        }
        if (dryRun)
        {
            found.Add(full);
            return (null, null);
        }
        try
        {
            var data = File.ReadAllBytes(full);
            using var decoded = ImageUpload.Decode(data, Path.GetFileName(full), limits.MaxUploadBytes, limits.MaxPixels);
            return (pipeline.Save(decoded, Clip(alt), Clip(caption), now, avif: true), null);
        }
        catch (ImageUpload.Rejected e)
        {
            return (null, e.Message);
        }
    }

    // The original behind an address of the old site's uploads ("…/2024/04/ward-1024x682.jpg" →
    // "2024/04/ward.jpg" when the original is there), or null for any other address.
    public string? RelativePath(string src)
    {
        if (!Uri.TryCreate(new Uri(siteUrl + "/"), src, out var url) || url.Scheme is not ("http" or "https")
            || !string.Equals(Bare(url.Host), Bare(new Uri(siteUrl).Host), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var at = url.AbsolutePath.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var path = Uri.UnescapeDataString(url.AbsolutePath[(at + Marker.Length)..]);
        var original = ResizedCopy().Replace(path, "");
        return original != path && root is not null && File.Exists(Path.Combine(root, original)) ? original : path;
    }

    static string Bare(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    static string Clip(string text) => text.Trim() is var t && t.Length > 500 ? t[..500] : text.Trim();

    // WordPress names its resized copies name-300x200.jpg.
    [GeneratedRegex(@"-\d+x\d+(?=\.[A-Za-z0-9]+$)")]
    private static partial Regex ResizedCopy();
}
