using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Media;

namespace Visnyk.Tests.Media;

// A crash between writing a picture's files and saving its row leaves files nothing refers to
// (issue 13, finding 18): they are collected once older than the grace period; everything else stays.
public class MediaCollectorTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Files_no_picture_refers_to_are_deleted_after_the_grace_period_and_nothing_else()
    {
        var media = Path.Combine(site.DataDirectory, "media");
        string known;
        await using (var scope = site.Scope(out var db))
        {
            known = (await db.Images.FirstAsync()).Key;
        }
        var old = DateTime.UtcNow - MediaCollector.Grace - TimeSpan.FromHours(1);
        string Write(string name, DateTime at)
        {
            var path = Path.Combine(media, name);
            File.WriteAllBytes(path, [1, 2, 3]);
            File.SetLastWriteTimeUtc(path, at);
            return path;
        }
        // What a crashed import leaves: every variant of a picture without a row.
        string[] litter = [Write("0123456789abcdef0123-480.jpg", old), Write("0123456789abcdef0123-480.webp", old), Write("0123456789abcdef0123-960.avif", old)];
        // Another site's picture: the media folder is the installation's, its library is not site 1's.
        await site.EnsureSiteAsync(2, "Громада");
        await using (var scope = site.Scope(2, out var other))
        {
            other.Images.Add(new Image { Key = "abcdefabcdefabcdef01", Width = 480, Height = 320, Widths = "480", CreatedAt = DateTime.UtcNow });
            await other.SaveChangesAsync();
        }
        // Kept: a picture in the library (its files made old too), one being written now, and files that are not variants.
        string[] kept =
        [
            Write("abcdefabcdefabcdef01-480.jpg", old), Write("abcdefabcdefabcdef01-480.webp", old),
            .. Directory.GetFiles(media, $"{known}-*").Select(f => { File.SetLastWriteTimeUtc(f, old); return f; }),
            Write("fedcba9876543210fedc-480.jpg", DateTime.UtcNow),
            Write("static-article.html", old),
            Write("0123456789abcdef0123-480.jpg.tmp", old),
        ];
        Assert.True(kept.Length > 3);

        var deleted = await site.Services.GetRequiredService<MediaCollector>().CollectAsync(CancellationToken.None);

        Assert.Equal(litter.Length, deleted);
        Assert.All(litter, f => Assert.False(File.Exists(f), f));
        Assert.All(kept, f => Assert.True(File.Exists(f), f));
        // And the library's picture still serves.
        var url = $"/media/{Path.GetFileName(kept[2])}";
        Assert.Equal(System.Net.HttpStatusCode.OK, (await site.Browserless().GetAsync(url)).StatusCode);
    }
}
