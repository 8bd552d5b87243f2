using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// Renaming a tag gives it a new address from the new name: the tag page moves there (the old
// address answers 404, as the product keeps no redirects for tags), the article pages link to it
// at once, even when they were cached, and the change is audited.
public class TagRenameTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<(int Tag, string ArticlePath)> TaggedArticleAsync(string name, string slug)
    {
        await using var scope = site.Scope(out var db);
        var tag = new Visnyk.Tags.Tag { Name = name, Slug = slug };
        var article = new Article
        {
            Title = $"Новина з тегом {name}", Slug = "teh", Body = "<p>Текст.</p>", Status = ArticleStatus.Published,
            PublishedAt = DateTime.UtcNow.AddHours(-1), UpdatedAt = DateTime.UtcNow.AddHours(-1), Tags = [tag],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return (tag.Id, article.Path);
    }

    internal static Task<HttpResponseMessage> RenameAsync(HttpClient admin, int tag, string name) =>
        admin.PostFormAsync("/admin/tags", "/admin/tags?handler=Rename", ("TagId", tag.ToString()), ("Name", name));

    [Fact]
    public async Task A_renamed_tag_moves_to_its_new_address_and_cached_article_pages_follow()
    {
        var (tag, articlePath) = await TaggedArticleAsync("водогони", "vodohony");
        var reader = site.Browserless();
        Assert.Contains("href=\"/tags/vodohony\"", await reader.GetStringAsync(articlePath)); // now cached
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/tags/vodohony")).StatusCode);

        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var renamed = await RenameAsync(admin, tag, "  Водопостачання громад ");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var page = await reader.GetAsync("/tags/vodopostachannia-hromad");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await Html.ParseAsync(await page.Content.ReadAsStringAsync());
        Assert.Contains("Водопостачання громад", html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Новина з тегом водогони", html.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/tags/vodohony")).StatusCode);

        var article = await Html.ParseAsync(await reader.GetStringAsync(articlePath));
        var link = article.QuerySelector(".tags__list a")!;
        Assert.Equal("/tags/vodopostachannia-hromad", link.GetAttribute("href"));
        Assert.Equal("Водопостачання громад", link.TextContent);

        await using var scope = site.Scope(out var db);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.TagChanged && e.Subject == $"tag:{tag}");
        Assert.Equal("Назва: «водогони» → «Водопостачання громад»; адреса: «vodohony» → «vodopostachannia-hromad»", entry.Details);
    }

    [Fact]
    public async Task A_name_whose_address_another_tag_has_is_refused_and_nothing_changes()
    {
        var (first, _) = await TaggedArticleAsync("дороги", "dorohy");
        var (second, _) = await TaggedArticleAsync("ремонт доріг", "remont-dorih");
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));

        foreach (var (name, message) in new[] { ("Ремонт доріг", string.Format(AdminText.TagSlugTaken, "remont-dorih")), ("  ", AdminText.TagNameRequired), ("«»", AdminText.TagNameRequired) })
        {
            var refused = await RenameAsync(admin, first, name);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, (await Html.ParseAsync(await refused.Content.ReadAsStringAsync())).Body!.TextContent);
        }
        await using var scope = site.Scope(out var db);
        Assert.Equal(["dorohy", "remont-dorih"], await db.Tags.Where(t => t.Id == first || t.Id == second).OrderBy(t => t.Id).Select(t => t.Slug).ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TagChanged && e.Subject == $"tag:{first}"));
    }
}
