using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;

namespace Visnyk.Tests.Newsroom;

// An editor can never change or publish another department's article, by the screen or by a
// crafted request; chief editors can. All through HTTP, against the real database.
public class DepartmentBoundaryTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Education = "departament-osvity-i-nauky";
    const string Health = "departament-okhorony-zdorovia";

    async Task<int> ArticleOfAsync(string departmentSlug, ArticleStatus status = ArticleStatus.Draft)
    {
        await using var scope = site.Scope(out var db);
        var department = await db.Departments.SingleAsync(d => d.Slug == departmentSlug);
        var article = new Article
        {
            Title = $"Чернетка відділу {department.Name}", Slug = "chernetka", Body = "<p>Текст.</p>",
            Status = status, PublishedAt = DateTime.UtcNow.AddHours(-1), UpdatedAt = DateTime.UtcNow.AddHours(-1), Departments = [department],
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync();
        return article.Id;
    }

    async Task<Article> ReloadAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        return await db.Articles.AsNoTracking().Include(a => a.Departments).SingleAsync(a => a.Id == id);
    }

    static (string, string)[] Fields(string title, params int[] departments) =>
        [("Form.Title", title), ("Form.Body", "<p>Новий текст</p>"), .. departments.Select(d => ("Form.Departments", d.ToString()))];

    async Task<int> DepartmentIdAsync(string slug)
    {
        await using var scope = site.Scope(out var db);
        return (await db.Departments.SingleAsync(d => d.Slug == slug)).Id;
    }

    [Fact]
    public async Task Editor_cannot_open_save_submit_or_publish_another_departments_article()
    {
        var editor = await site.CreateAsync(Roles.Editor, [Education]);
        var client = await site.SignedInAsync(editor);
        var theirs = await ArticleOfAsync(Health);
        var health = await DepartmentIdAsync(Health);
        var education = await DepartmentIdAsync(Education);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/articles/edit/{theirs}")).StatusCode);
        // Crafted posts: a token from the editor's own "new article" form, aimed at the other article.
        foreach (var handler in new[] { "Save", "Submit", "Publish", "Withdraw" })
        {
            var response = await client.PostFormAsync("/admin/articles/edit", $"/admin/articles/edit/{theirs}?handler={handler}",
                Fields("Захоплений заголовок", health, education));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var after = await ReloadAsync(theirs);
        Assert.Equal("Чернетка відділу Департамент охорони здоров’я", after.Title.Replace('\'', '’'));
        Assert.Equal(ArticleStatus.Draft, after.Status);
        Assert.Equal([Health], after.Departments.Select(d => d.Slug));

        // The list does not show it either.
        var list = await client.GetStringAsync("/admin/articles");
        Assert.DoesNotContain($"/admin/articles/edit/{theirs}\"", list);

        await using var scope = site.Scope(out var db);
        var denied = await db.AuditEntries.Where(e => e.Action == Visnyk.Audit.AuditActions.Denied && e.Subject == $"article:{theirs}").ToListAsync();
        Assert.Equal(4, denied.Count);
        Assert.All(denied, e => Assert.Equal(editor.Email, e.UserName));
    }

    [Fact]
    public async Task Editor_creates_for_own_department_only_and_submits_for_review_when_not_allowed_to_publish()
    {
        var editor = await site.CreateAsync(Roles.Editor, [Education]);
        var client = await site.SignedInAsync(editor);
        var health = await DepartmentIdAsync(Health);
        var education = await DepartmentIdAsync(Education);

        // Only another department asked for: refused with a message, nothing created.
        var refused = await client.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save", Fields("Чужа новина", health));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Позначте принаймні один свій підрозділ", await refused.Content.ReadAsStringAsync());
        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Articles.AnyAsync(a => a.Title == "Чужа новина"));
        }

        // Own and other department asked for: only the own one is kept.
        var created = await client.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save", Fields("Олімпіада з фізики", health, education));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var article = await ReloadAsync(id);
        Assert.Equal([Education], article.Departments.Select(d => d.Slug));
        Assert.Equal(ArticleStatus.Draft, article.Status);

        // Publishing is not theirs (the site setting is off by default); review is.
        var publish = await client.PostFormAsync($"/admin/articles/edit/{id}", $"/admin/articles/edit/{id}?handler=Publish", Fields("Олімпіада з фізики", education));
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        var submit = await client.PostFormAsync($"/admin/articles/edit/{id}", $"/admin/articles/edit/{id}?handler=Submit", Fields("Олімпіада з фізики", education));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Equal(ArticleStatus.InReview, (await ReloadAsync(id)).Status);

        // A chief editor publishes it; it is on the public site at once.
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var published = await chief.PostFormAsync($"/admin/articles/edit/{id}", $"/admin/articles/edit/{id}?handler=Publish", Fields("Олімпіада з фізики", education));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var live = await ReloadAsync(id);
        Assert.Equal(ArticleStatus.Published, live.Status);
        var page = await site.Browserless().GetAsync(live.Path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Олімпіада з фізики", await site.Browserless().GetStringAsync("/news"));

        // Once live, the editor who may not publish cannot change it either.
        var edit = await client.PostFormAsync($"/admin/articles/edit/{id}", $"/admin/articles/edit/{id}?handler=Save", Fields("Олімпіада: виправлено", education));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Fact]
    public async Task Signed_out_requests_and_requests_without_antiforgery_token_change_nothing()
    {
        var id = await ArticleOfAsync(Education);
        var anonymous = site.Client();
        var response = await anonymous.GetAsync($"/admin/articles/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/signin", response.Headers.Location!.ToString());

        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var forged = await chief.PostAsync($"/admin/articles/edit/{id}?handler=Publish",
            new FormUrlEncodedContent([KeyValuePair.Create("Form.Title", "Підроблено"), KeyValuePair.Create("Form.Departments", (await DepartmentIdAsync(Education)).ToString())]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await ReloadAsync(id)).Status);
    }
}
