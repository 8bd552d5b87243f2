using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;

namespace Visnyk.Tests.Newsroom;

// The editor's whole path with photos, through the article form: lead photo and a three-photo
// gallery uploaded with the article, descriptions required before publishing, AVIF/WebP/JPEG on the public page.
public class ArticlePhotosTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static readonly string Photo = Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", "photo-with-gps.jpg");

    static async Task<HttpResponseMessage> PostArticleAsync(HttpClient client, string formPath, string postPath, IEnumerable<(string Name, string Value)> fields, IEnumerable<(string Field, string FileName, byte[] Data)> files)
    {
        var token = await client.AntiforgeryTokenAsync(formPath);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (field, fileName, data) in files)
        {
            form.Add(new ByteArrayContent(data), field, fileName);
        }
        return await client.PostAsync(postPath, form);
    }

    [Fact]
    public async Task Editor_uploads_lead_photo_and_gallery_chief_publishes_only_when_every_photo_is_described()
    {
        var photo = await File.ReadAllBytesAsync(Photo);
        int education;
        await using (var scope = site.Scope(out var db))
        {
            education = (await db.Departments.SingleAsync(d => d.Slug == "departament-osvity-i-nauky")).Id;
        }
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]));
        (string, string)[] text = [("Form.Title", "Випускники склали НМТ"), ("Form.Summary", "Підсумки тестування."), ("Form.Body", "<p>Текст новини.</p>"), ("Form.Departments", education.ToString())];
        var created = await PostArticleAsync(editor, "/admin/articles/edit", "/admin/articles/edit?handler=Save",
            [.. text, ("Form.LeadAlt", "Випускники біля школи"), ("Form.LeadCaption", "Фото: відділ освіти")],
            [("Form.LeadUpload", "lead.jpg", photo), ("Form.GalleryUploads", "1.jpg", Variant(photo, 1)), ("Form.GalleryUploads", "2.jpg", Variant(photo, 2)), ("Form.GalleryUploads", "3.jpg", Variant(photo, 3))]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var edit = $"/admin/articles/edit/{id}";

        await using (var scope = site.Scope(out var db))
        {
            var article = await db.Articles.Include(a => a.LeadImage).Include(a => a.Gallery).ThenInclude(g => g.Image).SingleAsync(a => a.Id == id);
            Assert.Equal("Випускники біля школи", article.LeadImage!.Alt);
            Assert.Equal(3, article.Gallery.Count);
            Assert.All(article.Gallery, g => Assert.Equal("", g.Image.Alt));
        }

        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        // The gallery rows as the form shows them, without descriptions: publishing is refused.
        var form = new HtmlParser().ParseDocument(await chief.GetStringAsync(edit));
        var rows = form.QuerySelectorAll("input[name$='.ImageId']").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(3, rows.Count);
        (string, string)[] Gallery(bool described, bool reversed) => rows.SelectMany((imageId, i) => new[]
        {
            ($"Form.Gallery[{i}].ImageId", imageId),
            ($"Form.Gallery[{i}].Alt", described ? $"Фото {i + 1} з випускниками" : ""),
            ($"Form.Gallery[{i}].Position", (reversed ? 3 - i : i + 1).ToString()),
        }).ToArray();
        var lead = form.QuerySelector("select[name='Form.LeadImageId'] option[selected]")!.GetAttribute("value")!;
        var refused = await PostArticleAsync(chief, edit, $"{edit}?handler=Publish", [.. text, ("Form.LeadImageId", lead), .. Gallery(false, false)], []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("без нього новину не можна опублікувати", await refused.Content.ReadAsStringAsync());

        var published = await PostArticleAsync(chief, edit, $"{edit}?handler=Publish", [.. text, ("Form.LeadImageId", lead), .. Gallery(true, reversed: true)], []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        Article live;
        await using (var scope = site.Scope(out var db))
        {
            live = await db.Articles.Include(a => a.Gallery).ThenInclude(g => g.Image).SingleAsync(a => a.Id == id);
        }
        Assert.Equal(ArticleStatus.Published, live.Status);
        // Reordered: the last row first.
        Assert.Equal(rows.AsEnumerable().Reverse().Select(int.Parse), live.Gallery.OrderBy(g => g.Position).Select(g => g.ImageId));

        var page = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync(live.Path));
        Assert.NotNull(page.QuerySelector("picture source[type='image/avif']"));
        Assert.NotNull(page.QuerySelector("picture source[type='image/webp']"));
        Assert.Contains(page.QuerySelectorAll("img"), img => img.GetAttribute("alt") == "Випускники біля школи");
        Assert.Contains(page.QuerySelectorAll("img"), img => img.GetAttribute("alt") == "Фото 3 з випускниками");
    }

    // The same photo slightly brighter: different pixels, so a separate library entry (the library
    // keys pictures by their pixels and would reuse an identical one).
    static byte[] Variant(byte[] jpeg, int n)
    {
        using var image = NetVips.Image.NewFromBuffer(jpeg);
        using var changed = image.Linear([1.0], [n]);
        return changed.Cast(NetVips.Enums.BandFormat.Uchar).JpegsaveBuffer(q: 85);
    }
}
