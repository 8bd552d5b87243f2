using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Newsroom;

namespace Visnyk.Tests.Newsroom;

// Revisions, autosave, restore, change notes, previews and "published in error" (410), through HTTP.
public class RevisionsTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<int> DepartmentAsync()
    {
        await using var scope = site.Scope(out var db);
        return (await db.Departments.SingleAsync(d => d.Slug == "departament-osvity-i-nauky")).Id;
    }

    static (string, string)[] Fields(string title, string body, int department, params (string, string)[] more) =>
        [("Form.Title", title), ("Form.Summary", "Анонс"), ("Form.Body", body), ("Form.Departments", department.ToString()), .. more];

    async Task<Article> ReloadAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        return await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Fact]
    public async Task Every_save_is_a_revision_that_can_be_compared_and_restored_and_autosave_changes_nothing()
    {
        var department = await DepartmentAsync();
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var created = await chief.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save",
            Fields("Ремонт школи", "<p>Перший абзац.</p><p>Другий абзац.</p>", department));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var edit = $"/admin/articles/edit/{id}";
        await chief.PostFormAsync(edit, $"{edit}?handler=Save", Fields("Ремонт школи №5", "<p>Перший абзац.</p><p>Другий абзац, виправлений.</p>", department));

        // Autosave: kept as a revision of this user, the article untouched; a second autosave replaces the first.
        var token = await chief.AntiforgeryTokenAsync(edit);
        foreach (var draft in new[] { "<p>Набираю…</p>", "<p>Набираю далі…</p>" })
        {
            var autosave = await chief.PostAsync($"{edit}?handler=Autosave", new FormUrlEncodedContent([
                KeyValuePair.Create("Form.Title", "Ремонт школи №5"), KeyValuePair.Create("Form.Body", draft),
                KeyValuePair.Create("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.OK, autosave.StatusCode);
            Assert.Contains("savedAt", await autosave.Content.ReadAsStringAsync());
        }
        Assert.Contains("виправлений", (await ReloadAsync(id)).Body);

        List<ArticleRevision> revisions;
        await using (var scope = site.Scope(out var db))
        {
            revisions = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Id).ToListAsync();
        }
        Assert.Equal(3, revisions.Count);
        Assert.Equal([false, false, true], revisions.Select(r => r.IsAutosave));
        Assert.Equal("<p>Набираю далі…</p>", revisions[2].Body);

        // The difference between the two saves: the title and the second paragraph.
        var history = new HtmlParser().ParseDocument(await chief.GetStringAsync($"/admin/articles/history/{id}?a={revisions[0].Id}&b={revisions[1].Id}"));
        var inserted = history.QuerySelectorAll(".diff ins").Select(e => e.TextContent).ToList();
        var deleted = history.QuerySelectorAll(".diff del").Select(e => e.TextContent).ToList();
        Assert.Contains(inserted, t => t.Contains("Ремонт школи №5"));
        Assert.Contains(inserted, t => t.Contains("Другий абзац, виправлений."));
        Assert.Contains(deleted, t => t.Contains("<p>Другий абзац.</p>"));
        Assert.DoesNotContain(inserted.Concat(deleted), t => t.Contains("Перший абзац"));

        // Restore the first: the text comes back, and the restore is itself a revision.
        var restore = await chief.PostFormAsync($"/admin/articles/history/{id}", $"/admin/articles/history/{id}?handler=Restore&revision={revisions[0].Id}");
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var restored = await ReloadAsync(id);
        Assert.Equal("Ремонт школи", restored.Title);
        Assert.Equal("<p>Перший абзац.</p><p>Другий абзац.</p>", restored.Body);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(4, await db.Revisions.CountAsync(r => r.ArticleId == id));
        }

        // Another department's editor cannot read the history.
        var outsider = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-okhorony-zdorovia"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/admin/articles/history/{id}")).StatusCode);
    }

    [Fact]
    public async Task Change_note_shows_under_the_article_and_published_in_error_answers_410()
    {
        var department = await DepartmentAsync();
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var created = await chief.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Publish", Fields("Графік відключень", "<p>Текст.</p>", department));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var edit = $"/admin/articles/edit/{id}";
        await chief.PostFormAsync(edit, $"{edit}?handler=Save", Fields("Графік відключень", "<p>Текст з новим графіком.</p>", department, ("Form.ChangeNote", "Оновлено графік на четвер.")));

        var article = await ReloadAsync(id);
        var page = new HtmlParser().ParseDocument(await site.Browserless().GetStringAsync(article.Path));
        var notes = page.QuerySelector("section.change-notes")!;
        Assert.Contains("Оновлено графік на четвер.", notes.TextContent);
        Assert.NotNull(notes.QuerySelector("time[datetime]"));

        var removed = await chief.PostFormAsync(edit, $"{edit}?handler=Remove", Fields("Графік відключень", "<p>Текст.</p>", department));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var gone = await site.Browserless().GetAsync(article.Path);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("опубліковано помилково", await gone.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Графік відключень", await site.Browserless().GetStringAsync("/news"));
    }

    [Fact]
    public async Task Preview_link_shows_a_draft_to_anyone_who_has_it_until_it_expires_and_cannot_be_forged()
    {
        var department = await DepartmentAsync();
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var created = await chief.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save", Fields("Чернетка для перегляду", "<p>Ще не опубліковано.</p>", department));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var article = await ReloadAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync(article.Path)).StatusCode);

        var editPage = new HtmlParser().ParseDocument(await chief.GetStringAsync($"/admin/articles/edit/{id}"));
        var link = new Uri(editPage.QuerySelector("a.preview-link")!.GetAttribute("href")!).PathAndQuery;
        var anonymous = site.Browserless();
        var preview = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Чернетка для перегляду", html);
        Assert.Contains("noindex", html);
        Assert.Contains("no-store", preview.Headers.CacheControl!.ToString());

        // Forged or tampered tokens: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/preview/CfDJ8forged")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link[..^4] + "AAAA")).StatusCode);

        // A link made eight days ago has expired.
        var eightDaysAgo = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8));
        var old = new Previews(site.Services.GetRequiredService<IDataProtectionProvider>(), eightDaysAgo).Link(article);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(old)).StatusCode);
    }

    async Task<(int Id, string Edit, string Link)> DraftWithPreviewAsync(HttpClient editor, int department, string title)
    {
        var created = await editor.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save", Fields(title, "<p>Ще не опубліковано.</p>", department));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var edit = $"/admin/articles/edit/{id}";
        var link = await PreviewLinkAsync(editor, edit);
        Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync(link)).StatusCode);
        return (id, edit, link);
    }

    static async Task<string> PreviewLinkAsync(HttpClient editor, string edit) =>
        new Uri(new HtmlParser().ParseDocument(await editor.GetStringAsync(edit)).QuerySelector("a.preview-link")!.GetAttribute("href")!).PathAndQuery;

    [Theory]
    [InlineData("Withdraw")]
    [InlineData("Remove")]
    public async Task Preview_links_die_when_the_article_is_withdrawn_or_removed(string handler)
    {
        var department = await DepartmentAsync();
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (_, edit, link) = await DraftWithPreviewAsync(chief, department, $"Помилкова новина ({handler})");
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync(edit, $"{edit}?handler=Publish", Fields($"Помилкова новина ({handler})", "<p>Текст.</p>", department))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync(edit, $"{edit}?handler={handler}", Fields($"Помилкова новина ({handler})", "<p>Текст.</p>", department))).StatusCode);

        var preview = await site.Browserless().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, preview.StatusCode);
        Assert.DoesNotContain("Помилкова новина", await preview.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Editor_revokes_the_preview_links_sent_so_far_and_gets_a_new_one()
    {
        var department = await DepartmentAsync();
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]));
        var (id, edit, link) = await DraftWithPreviewAsync(editor, department, "Чернетка, надіслана не тим");

        var revoked = await editor.PostFormAsync(edit, $"{edit}?handler=RevokePreview");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync(link)).StatusCode);
        var fresh = await PreviewLinkAsync(editor, edit);
        Assert.NotEqual(link, fresh);
        Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync(fresh)).StatusCode);

        // Another department's editor cannot revoke them.
        var stranger = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-okhorony-zdorovia"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostFormAsync("/admin/articles/edit", $"{edit}?handler=RevokePreview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync(fresh)).StatusCode);

        await using var scope = site.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == Visnyk.Audit.AuditActions.PreviewRevoked && e.Subject == $"article:{id}"));
    }
}
