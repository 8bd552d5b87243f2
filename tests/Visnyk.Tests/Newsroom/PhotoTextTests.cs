using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Media;

namespace Visnyk.Tests.Newsroom;

// A photo's text on a published article is the article's: no path lets an editor change what
// readers see on an article they may not change (issue 13, finding 1). Everything through HTTP,
// read back from the public page as an anonymous reader sees it.
public class PhotoTextTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Education = "departament-osvity-i-nauky";
    const string Health = "departament-okhorony-zdorovia";
    const string Alt = "Лікарі обласної лікарні під час прийому";
    const string Caption = "Прийом у новому корпусі";

    // A published article of the health department with a library photo as its lead and in its gallery.
    async Task<(int Article, string Path, int Photo)> HealthArticleAsync()
    {
        await using var scope = site.Scope(out var db);
        var photo = new Image
        {
            Key = $"test-{Guid.NewGuid():N}", Width = 960, Height = 640, Widths = "480,960", Alt = Alt, Caption = Caption, Credit = "Відділ охорони здоров’я",
            CreatedAt = DateTime.UtcNow,
        };
        var article = new Article
        {
            Title = "Новий корпус лікарні відкрито", Slug = "novyi-korpus", Body = "<p>Текст.</p>", Status = ArticleStatus.Published,
            PublishedAt = DateTime.UtcNow.AddHours(-2), UpdatedAt = DateTime.UtcNow.AddHours(-2),
            Departments = [await db.Departments.SingleAsync(d => d.Slug == Health)],
        };
        article.SetLead(photo);
        article.SetGallery([(photo, PhotoText.Keep)]);
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (article.Id, article.Path, photo.Id);
    }

    // The photo's alt texts and captions as an anonymous reader gets them.
    async Task<(List<string> Alts, List<string> Captions)> ReaderSeesAsync(string path)
    {
        var response = await site.Browserless().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (page.QuerySelectorAll("main img").Select(i => i.GetAttribute("alt") ?? "").Where(a => a.Length > 0).ToList(),
            page.QuerySelectorAll("main figcaption").Select(f => f.TextContent.Trim()).ToList());
    }

    static void Unchanged((List<string> Alts, List<string> Captions) seen)
    {
        Assert.Equal([Alt, Alt], seen.Alts);
        Assert.All(seen.Captions, c => Assert.StartsWith(Caption, c));
        Assert.Equal(2, seen.Captions.Count);
    }

    [Fact]
    public async Task Editor_changing_a_library_photo_does_not_change_another_departments_published_article()
    {
        var (articleId, path, photo) = await HealthArticleAsync();
        Unchanged(await ReaderSeesAsync(path));
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Education]));

        // The library's text, and with "also in the articles" asked for.
        foreach (var apply in new[] { "false", "true" })
        {
            var response = await editor.PostFormAsync($"/admin/media/edit/{photo}", $"/admin/media/edit/{photo}",
                ("Alt", "Підмінений опис"), ("Caption", "Підмінений підпис"), ("Credit", "Хтось"), ("ApplyToArticles", apply));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Unchanged(await ReaderSeesAsync(path));
        }

        await using var scope = site.Scope(out var db);
        // The library's text changed (the default for new uses); the refusal to touch the article is audited.
        Assert.Equal("Підмінений опис", (await db.Images.SingleAsync(i => i.Id == photo)).Alt);
        var denied = await db.AuditEntries.Where(e => e.Action == AuditActions.Denied && e.Subject == $"image:{photo}").ToListAsync();
        Assert.Single(denied);
        Assert.Contains($"№{articleId}", denied[0].Details);
    }

    [Fact]
    public async Task Editor_sending_another_departments_photo_in_their_own_gallery_changes_only_their_own_article()
    {
        var (_, path, photo) = await HealthArticleAsync();
        Unchanged(await ReaderSeesAsync(path));
        int education;
        await using (var scope = site.Scope(out var db))
        {
            education = (await db.Departments.SingleAsync(d => d.Slug == Education)).Id;
        }
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Education]));
        var saved = await editor.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save",
            ("Form.Title", "Чернетка освіти"), ("Form.Body", "<p>Текст.</p>"), ("Form.Departments", education.ToString()),
            ("Form.LeadImageId", photo.ToString()), ("Form.LeadAlt", "Підмінений опис"), ("Form.LeadCaption", "Підмінений підпис"),
            ("Form.Gallery[0].ImageId", photo.ToString()), ("Form.Gallery[0].Alt", "Підмінений опис"), ("Form.Gallery[0].Caption", "Підмінений підпис"),
            ("Form.Gallery[0].Position", "1"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Unchanged(await ReaderSeesAsync(path));

        // Their own draft has the text they typed for its photos.
        var draft = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());
        await using (var scope = site.Scope(out var db))
        {
            var own = await db.Articles.Include(a => a.Gallery).SingleAsync(a => a.Id == draft);
            Assert.Equal("Підмінений опис", own.Gallery.Single().Alt);
            Assert.Equal("Підмінений підпис", own.Gallery.Single().Caption);
            Assert.Equal(Alt, (await db.Images.SingleAsync(i => i.Id == photo)).Alt);
        }
    }

    [Fact]
    public async Task Chief_editor_may_put_corrected_library_text_on_the_articles_and_readers_see_it()
    {
        var (articleId, path, photo) = await HealthArticleAsync();
        Unchanged(await ReaderSeesAsync(path));
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));

        // Without the box ticked the article keeps its text; with it, the correction reaches readers.
        await chief.PostFormAsync($"/admin/media/edit/{photo}", $"/admin/media/edit/{photo}", ("Alt", "Виправлений опис"), ("Caption", Caption), ("Credit", ""));
        Unchanged(await ReaderSeesAsync(path));
        var response = await chief.PostFormAsync($"/admin/media/edit/{photo}", $"/admin/media/edit/{photo}",
            ("Alt", "Виправлений опис"), ("Caption", Caption), ("Credit", ""), ("ApplyToArticles", "true"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Виправлений опис", "Виправлений опис"], (await ReaderSeesAsync(path)).Alts);

        await using var scope = site.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ArticleSaved && e.Subject == $"article:{articleId}"));
    }

    [Fact]
    public async Task A_new_caption_and_credit_reach_cached_article_pages_and_each_changed_field_is_audited()
    {
        var (_, path, photo) = await HealthArticleAsync();
        Unchanged(await ReaderSeesAsync(path)); // now cached
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        (string, string)[] corrected = [("Alt", Alt), ("Caption", "Новий корпус обласної лікарні"), ("Credit", "Пресслужба ОВА"), ("ApplyToArticles", "true")];
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync($"/admin/media/edit/{photo}", $"/admin/media/edit/{photo}", corrected)).StatusCode);

        var seen = await ReaderSeesAsync(path);
        Assert.Equal([Alt, Alt], seen.Alts);
        Assert.Equal(2, seen.Captions.Count);
        Assert.All(seen.Captions, c => Assert.Equal($"Новий корпус обласної лікарні {Text.PhotoCredit}: Пресслужба ОВА", c));

        // Saving the same text again changes nothing and records nothing; a photo without a description is refused.
        await chief.PostFormAsync($"/admin/media/edit/{photo}", $"/admin/media/edit/{photo}", corrected);
        var refused = await chief.PostFormAsync($"/admin/media/edit/{photo}", $"/admin/media/edit/{photo}", ("Alt", " "), ("Caption", "Інший підпис"), ("ApplyToArticles", "true"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(AdminText.PhotoAltRequired, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync("/admin/media/edit/999999")).StatusCode);

        await using var scope = site.Scope(out var db);
        var image = await db.Images.SingleAsync(i => i.Id == photo);
        Assert.Equal(("Новий корпус обласної лікарні", "Пресслужба ОВА"), (image.Caption, image.Credit));
        var changed = await db.AuditEntries.Where(e => e.Action == AuditActions.ImageChanged && e.Subject == $"image:{photo}").ToListAsync();
        Assert.Equal($"{AdminText.PhotoCaption}: «{Caption}» → «Новий корпус обласної лікарні»\n{AdminText.PhotoCredit}: «Відділ охорони здоров’я» → «Пресслужба ОВА»", Assert.Single(changed).Details);
    }
}
