using System.Net;

namespace Visnyk.Tests.Site;

// The shipped nginx configuration when no instance answers: the static mirror, as the mirror
// export leaves it (written here by hand: MirrorTests check the export itself).
public class DeployedMirrorTests(DeployedSiteFixture fixture) : IClassFixture<DeployedSiteFixture>
{
    DeployedSite Site => fixture.Site!;

    [Fact]
    public async Task With_the_instances_down_the_mirror_answers_and_its_document_files_are_only_downloaded()
    {
        var mirror = Site.MirrorDirectory;
        Directory.CreateDirectory(Path.Combine(mirror, "documents", "files"));
        await File.WriteAllTextAsync(Path.Combine(mirror, "index.html"), "<!doctype html><html lang=\"uk\"><title>Дзеркало</title><h1>Новини</h1></html>");
        byte[] pdf = [.. "%PDF-1.4\n%âãÏÓ\n"u8, .. new byte[64]];
        byte[] docx = [(byte)'P', (byte)'K', 3, 4, .. new byte[64]];
        await File.WriteAllBytesAsync(Path.Combine(mirror, "documents", "files", "12-abc.pdf"), pdf);
        await File.WriteAllBytesAsync(Path.Combine(mirror, "documents", "files", "13-def.docx"), docx);
        Directory.CreateDirectory(Path.Combine(mirror, "news", "page", "2"));
        await File.WriteAllTextAsync(Path.Combine(mirror, "news", "page", "2", "index.html"), "<!doctype html><title>Новини, сторінка 2</title>");
        // Beside the mirror, not in it: never reachable through a list page's number.
        Directory.CreateDirectory(Path.Combine(mirror, "..", "beside"));
        await File.WriteAllTextAsync(Path.Combine(mirror, "..", "beside", "index.html"), "<!doctype html><title>not the mirror</title>");
        await Site.StopSiteAsync();

        using var reader = Site.Client(DeployedSite.Allowed);
        var home = await reader.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Дзеркало", await home.Content.ReadAsStringAsync());
        Assert.StartsWith("default-src 'self'", Assert.Single(home.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("mirror", Assert.Single(home.Headers.GetValues("X-Visnyk-Source")));
        Assert.Null(home.Content.Headers.ContentDisposition);

        foreach (var (path, bytes, type) in new[]
        {
            ("/documents/files/12-abc.pdf", pdf, "application/pdf"),
            ("/documents/files/13-def.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        })
        {
            var file = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
            Assert.Equal(type, file.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("sandbox; default-src 'none'", Assert.Single(file.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(file.Headers.GetValues("X-Content-Type-Options")));
        }
        Assert.Contains("сторінка 2", await reader.GetStringAsync("/news?page=2"));
        foreach (var page in new[] { "../../../beside", "..%2F..%2F..%2Fbeside", "2/../../../../beside" })
        {
            var response = await reader.GetAsync("/news?page=" + page);
            Assert.DoesNotContain("not the mirror", await response.Content.ReadAsStringAsync());
        }
        // What the mirror does not hold: unavailable, not someone else's page.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await reader.GetAsync("/documents/files/99-zzz.pdf")).StatusCode);

        // The instance back: the live site answers again, not the copy.
        await Site.RestartSiteAsync();
        var live = await reader.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.False(live.Headers.Contains("X-Visnyk-Source"));
        Assert.DoesNotContain("Дзеркало", await live.Content.ReadAsStringAsync());
    }
}
