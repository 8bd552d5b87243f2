using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Media;

// Deletes picture files that no library entry refers to: what a crashed import or upload left after
// writing its variants and before its database row was saved. Only the pipeline's own file names
// (`{key}-{width}.{webp,jpg,avif}`) are looked at, and only when older than Grace, so a picture whose
// row is still being written (an upload, an import's one transaction) is never touched. Several
// instances sharing the media folder may all run it: a file already gone is skipped.
public sealed partial class MediaCollector(IServiceScopeFactory scopes, IOptions<SiteOptions> options, TimeProvider clock, ILogger<MediaCollector> logger)
    : PeriodicJob(Interval, clock, logger)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(24);
    static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    [GeneratedRegex("^(?<key>[0-9a-f]{20})-[0-9]{1,5}\\.(webp|jpg|avif)$")]
    private static partial Regex VariantName();

    // The picture's key of one of the pipeline's files, or null for any other name.
    public static string? KeyOf(string fileName) => VariantName().Match(fileName) is { Success: true } m ? m.Groups["key"].Value : null;

    protected override Task RunOnceAsync(CancellationToken ct) => CollectAsync(ct);

    // The number of files deleted.
    public async Task<int> CollectAsync(CancellationToken ct)
    {
        var folder = new DirectoryInfo(options.Value.MediaDirectory);
        if (!folder.Exists)
        {
            return 0;
        }
        var cutoff = Clock.GetUtcNow().UtcDateTime - Grace;
        // Old enough candidates first, then their keys checked against the library in one query.
        var candidates = folder.EnumerateFiles()
            .Select(f => (File: f, Match: VariantName().Match(f.Name)))
            .Where(c => c.Match.Success && c.File.LastWriteTimeUtc < cutoff)
            .ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }
        var keys = candidates.Select(c => c.Match.Groups["key"].Value).Distinct().ToList();
        HashSet<string> known;
        // Every site's library: the media folder is one for the installation, and a file of a picture
        // of any site is that site's.
        await using (var scope = scopes.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<AllSites>().Open())
        {
            known = [];
            foreach (var chunk in keys.Chunk(500))
            {
                known.UnionWith(await db.Images.IgnoreQueryFilters([VisnykDb.SiteFilter]).Where(i => chunk.Contains(i.Key)).Select(i => i.Key).ToListAsync(ct));
            }
        }
        var deleted = 0;
        foreach (var (file, match) in candidates.Where(c => !known.Contains(c.Match.Groups["key"].Value)))
        {
            try
            {
                file.Delete();
                deleted++;
            }
            catch (IOException)
            {
                // Gone already (another instance), or in use: the next round sees it again.
            }
        }
        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} media files no picture refers to", deleted);
        }
        return deleted;
    }
}
