using Microsoft.EntityFrameworkCore;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// Pictures inside imported text: WordPress galleries (the block editor's, [gallery ids="…"] and a
// bare [gallery] of the post's own attachments) become the article's own gallery, in their order,
// with their texts; a picture left in the text is shown as the site's <picture> (AVIF/WebP at the
// width needed, lazily loaded), not as the one JPEG it is stored as.
public class WordPressGalleryTests(SiteFactory site) : IClassFixture<SiteFactory>, IDisposable
{
    const string Fallback = "departament-informatsiinoi-diialnosti-ta-komunikatsii-z-hromadskistiu";
    readonly string folder = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    // What WordPress 6's block editor stores for a gallery of two images, the first with a caption.
    const string BlockGallery = """

        <!-- wp:gallery {"linkTo":"none"} -->
        <figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":5,"sizeSlug":"large","linkDestination":"none"} -->
        <figure class="wp-block-image size-large"><img src="https://oda.example.gov.ua/wp-content/uploads/2024/03/olympiad.jpg" alt="" class="wp-image-5"/><figcaption class="wp-element-caption">Учасники олімпіади</figcaption></figure>
        <!-- /wp:image -->

        <!-- wp:image {"id":7,"sizeSlug":"large","linkDestination":"none"} -->
        <figure class="wp-block-image size-large"><img src="https://oda.example.gov.ua/wp-content/uploads/2024/04/ward-1024x682.jpg" alt="Палата, вид від вікна" class="wp-image-7"/></figure>
        <!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">Фото з відкриття</figcaption></figure>
        <!-- /wp:gallery -->
        """;

    [Fact]
    public async Task Galleries_become_the_articles_gallery_and_pictures_in_the_text_are_the_sites_picture()
    {
        var xml = await File.ReadAllTextAsync(WordPressImportTests.Export);
        xml = xml.ReplaceFirst("Обладнання закуплено коштом обласного бюджету та за підтримки міжнародних партнерів.</p>\n<!-- /wp:paragraph -->",
            "Обладнання закуплено коштом обласного бюджету та за підтримки міжнародних партнерів.</p>\n<!-- /wp:paragraph -->" + BlockGallery);
        xml = xml.ReplaceFirst("Запис за телефоном (0532) 56-00-00.", "Запис за телефоном (0532) 56-00-00.\n\n[gallery ids=\"7,5\" columns=\"2\"]");
        xml = xml.ReplaceFirst("Дякуємо батькам за підтримку.", "Дякуємо батькам за підтримку.\n\n[gallery]");
        Directory.CreateDirectory(folder);
        var export = Path.Combine(folder, "galleries.xml");
        await File.WriteAllTextAsync(export, xml);

        site.Browserless();
        var run = await WordPressImportTests.ImportAsync(site.DataArgs, export, "--uploads", WordPressImportTests.Uploads, "--department", Fallback);
        Assert.True(run.Exit == 0, run.Error);
        Assert.DoesNotContain("шорткоди", run.Error);

        string path;
        await using (site.Scope(out var db))
        {
            var ids = (await WordPressImportTests.ArticlesAsync(db)).ToDictionary(a => a.Key, a => a.Value.Id);
            var articles = await db.Articles.AsNoTracking().Include(a => a.Gallery).ThenInclude(g => g.Image)
                .Where(a => ids.Values.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
            var ward = articles[ids[6]];
            var gallery = ward.Gallery.OrderBy(g => g.Position).ToList();
            Assert.Equal(2, gallery.Count);
            Assert.Equal(("Учасники олімпіади в актовій залі ліцею", "Учасники олімпіади"), (gallery[0].Alt, gallery[0].Caption)); // alt from the attachment
            Assert.Equal("Палата, вид від вікна", gallery[1].Alt);
            Assert.DoesNotContain("wp-block-gallery", ward.Body);
            Assert.Contains("<p>Фото з відкриття</p>", ward.Body);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(ward.Body, "<img ")); // the image block before the gallery stays in the text
            path = ward.Path;

            var reception = articles[ids[10]].Gallery.OrderBy(g => g.Position).Select(g => g.ImageId).ToList();
            Assert.Equal([gallery[1].ImageId, gallery[0].ImageId], reception); // ids="7,5", in that order
            Assert.Equal([gallery[0].ImageId], articles[ids[4]].Gallery.Select(g => g.ImageId)); // [gallery]: the post's own attachment
            Assert.DoesNotContain("[gallery", articles[ids[4]].Body);
        }

        var page = await site.Browserless().GetDocumentAsync(path);
        var picture = Assert.Single(page.QuerySelectorAll(".article__body picture"));
        Assert.NotNull(picture.QuerySelector("source[type='image/webp'][srcset*='480w']"));
        var img = picture.QuerySelector("img")!;
        Assert.Equal("Світла палата з двома ліжками", img.GetAttribute("alt"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Contains("960w", img.GetAttribute("srcset"));
        Assert.Empty(page.QuerySelectorAll(".article__body > img, .article__body figure > img"));
        Assert.Equal(2, page.QuerySelectorAll("section.gallery .gallery__item").Length);
        Assert.Contains("Учасники олімпіади", page.QuerySelector("section.gallery")!.TextContent);
    }
}
