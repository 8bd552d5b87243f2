using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;

namespace Visnyk.Tests.Newsroom;

public class EditorFieldsTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Pinned_news_and_library_photos_are_set_by_number_or_address_and_publishing_refreshes_cached_lists()
    {
        int department, first, second, photo;
        string secondPath;
        await using (var scope = site.Scope(out var db))
        {
            department = (await db.Departments.SingleAsync(d => d.Slug == "departament-osvity-i-nauky")).Id;
            var newest = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishedAt).Take(2).ToListAsync();
            (first, second, secondPath) = (newest[0].Id, newest[1].Id, newest[1].Path);
            photo = (await db.Images.OrderBy(i => i.Id).FirstAsync()).Id;
        }
        var reader = site.Browserless();
        Assert.DoesNotContain("Новина з закріпленими", await reader.GetStringAsync("/news")); // cached now

        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var published = await chief.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Publish",
            ("Form.Title", "Новина з закріпленими"), ("Form.Departments", department.ToString()),
            ("Form.Pinned", $"https://example.gov.ua{secondPath}, {first}"), ("Form.GalleryFromLibrary", photo.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var id = int.Parse(published.Headers.Location!.OriginalString.Split('/').Last());

        Article article;
        await using (var scope = site.Scope(out var db))
        {
            article = await db.Articles.AsNoTracking().Include(a => a.PinnedRelated).Include(a => a.Gallery).SingleAsync(a => a.Id == id);
        }
        Assert.Equal([second, first], article.PinnedRelated.OrderBy(p => p.Position).Select(p => p.RelatedId));
        Assert.Equal([photo], article.Gallery.Select(g => g.ImageId));

        // The cached list was evicted by the publication; the page shows the pinned news first.
        Assert.Contains("Новина з закріпленими", await reader.GetStringAsync("/news"));
        var page = new HtmlParser().ParseDocument(await reader.GetStringAsync(article.Path));
        var related = page.QuerySelectorAll("section.related a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(secondPath, related[0]);

        // An unknown number is reported, nothing saved.
        var edit = $"/admin/articles/edit/{id}";
        var refused = await chief.PostFormAsync(edit, $"{edit}?handler=Save", ("Form.Title", "Новина з закріпленими"),
            ("Form.Departments", department.ToString()), ("Form.Pinned", "999999"));
        Assert.Contains("Новини №999999 немає.", await refused.Content.ReadAsStringAsync());

        // Too long: said in Ukrainian, not "The field Pinned must be a string or array type...".
        var tooLong = await chief.PostFormAsync(edit, $"{edit}?handler=Save", ("Form.Title", "Новина з закріпленими"),
            ("Form.Departments", department.ToString()), ("Form.Pinned", new string('1', 1001)), ("Form.Tags", new string('т', 1001)),
            ("Form.GalleryFromLibrary", new string('1', 501)), ("Form.LeadAlt", new string('о', 1001)));
        var html = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("«Новина за темою» — до 1000 символів.", html);
        Assert.Contains("Теги — до 1000 символів.", html);
        Assert.Contains("Номери фото з бібліотеки — до 500 символів.", html);
        Assert.DoesNotContain("maximum length", html);
    }
}
