using System.IO.Hashing;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Media;

// Uploads through the newsroom's own forms: a photo loses every trace of where it was taken,
// and hostile files get a clear message, never a crash or a stored file.
public class UploadTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", "photo-with-gps.jpg");

    async Task<(HttpStatusCode Status, string Html)> UploadAsync(HttpClient client, params (string Name, byte[] Data)[] files)
    {
        var token = await client.AntiforgeryTokenAsync("/admin/media");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, data) in files)
        {
            form.Add(new ByteArrayContent(data), "files", name);
        }
        var response = await client.PostAsync("/admin/media", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    async Task<int> ImageCountAsync()
    {
        await using var scope = site.Scope(out var db);
        return await db.Images.CountAsync();
    }

    [Fact]
    public async Task A_photo_with_gps_exif_xmp_and_iptc_comes_out_upright_and_without_any_metadata()
    {
        var original = await File.ReadAllBytesAsync(Fixture);
        using (var check = NetVips.Image.NewFromBuffer(original))
        {
            // The fixture really carries what must go: GPS in EXIF, XMP, IPTC, and a rotation.
            Assert.Contains("exif-ifd3-GPSLatitude", check.GetFields());
            Assert.Contains("xmp-data", check.GetFields());
            Assert.Contains("iptc-data", check.GetFields());
            Assert.Equal(1200, check.Width);
        }
        var client = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (status, html) = await UploadAsync(client, ("photo.jpg", original));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Завантажено: photo.jpg", html);

        await using var scope = site.Scope(out var db);
        var image = await db.Images.OrderByDescending(i => i.Id).FirstAsync();
        Assert.Equal((800, 1200), (image.Width, image.Height)); // Orientation 6 applied
        Assert.True(image.HasAvif);
        var files = Directory.GetFiles(Path.Combine(site.DataDirectory, "media"), $"{image.Key}-*");
        Assert.Equal(image.VariantWidths.Count * 3, files.Length);
        Assert.Contains(files, f => f.EndsWith(".avif"));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var text = Encoding.Latin1.GetString(bytes);
            // Markers long enough not to occur by chance in compressed pixels.
            Assert.DoesNotContain("Exif\0\0", text);
            Assert.DoesNotContain("TestCam", text);
            Assert.DoesNotContain("Visnyk fixture", text);
            Assert.DoesNotContain("http://ns.adobe.com", text);
            Assert.DoesNotContain("Photoshop 3.0", text);
            using var variant = NetVips.Image.NewFromFile(file);
            Assert.DoesNotContain(variant.GetFields(), f => f.StartsWith("exif") || f is "xmp-data" or "iptc-data");
        }
    }

    [Fact]
    public async Task Hostile_files_get_a_clear_message_and_nothing_is_stored()
    {
        var client = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var photo = await File.ReadAllBytesAsync(Fixture);
        var png = PngHeader(640, 480, withData: true);
        var cases = new (string Name, byte[] Data, string Message)[]
        {
            ("empty.jpg", [], "порожній"),
            ("truncated.jpg", photo[..(photo.Length / 3)], "пошкоджений або обрізаний"),
            ("renamed.jpg", png, "не відповідає його вмісту"),
            ("page.jpg", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "не є зображенням"),
            ("document.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "не є зображенням"),
            ("bomb.png", PngHeader(100_000, 100_000, withData: false), "неприйнятний розмір"),
            ("huge.jpg", [.. photo, .. new byte[21 * 1024 * 1024]], "завеликий"),
        };
        var before = await ImageCountAsync();
        foreach (var (name, data, message) in cases)
        {
            var (status, html) = await UploadAsync(client, (name, data));
            Assert.Equal(HttpStatusCode.OK, status);
            var errors = new HtmlParser().ParseDocument(html).QuerySelector(".form__errors")?.TextContent ?? "";
            Assert.Contains(name, errors);
            Assert.Contains(message, errors);
        }
        Assert.Equal(before, await ImageCountAsync());
    }

    [Fact]
    public async Task A_polyglot_is_stored_as_a_fresh_picture_without_its_other_half()
    {
        var client = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var photo = await File.ReadAllBytesAsync(Fixture);
        // A valid JPEG that is also an HTML page and carries a ZIP after its end.
        byte[] polyglot = [.. photo, .. Encoding.ASCII.GetBytes("<script>alert('polyglot')</script>PK\u0003\u0004payload")];
        var (_, html) = await UploadAsync(client, ("polyglot.jpg", polyglot));
        Assert.Contains("Завантажено: polyglot.jpg", html);
        foreach (var file in Directory.GetFiles(Path.Combine(site.DataDirectory, "media")))
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("polyglot", text);
            Assert.DoesNotContain("payload", text);
        }
    }

    // A PNG header with the given size (and, if asked, a tiny valid image body of that size).
    static byte[] PngHeader(int width, int height, bool withData)
    {
        if (withData)
        {
            using var image = NetVips.Image.Black(width, height, bands: 3);
            return image.PngsaveBuffer();
        }
        static byte[] Chunk(string type, byte[] data)
        {
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            var length = BitConverter.GetBytes(data.Length).Reverse();
            var crc = BitConverter.GetBytes(Crc32.HashToUInt32(typed)).Reverse();
            return [.. length, .. typed, .. crc];
        }
        var ihdr = BitConverter.GetBytes(width).Reverse().Concat(BitConverter.GetBytes(height).Reverse())
            .Concat(new byte[] { 8, 2, 0, 0, 0 }).ToArray();
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }
}
