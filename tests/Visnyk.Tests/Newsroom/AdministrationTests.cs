using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// Departments, tags, site settings and accounts, edited by an administrator through HTTP:
// the public site follows at once, and every change is in the audit log.
public class AdministrationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var scope = site.Scope(out var db);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }

    [Fact]
    public async Task Department_and_settings_changes_show_on_the_public_site_at_once()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var reader = site.Browserless();
        Assert.DoesNotContain("Гаряча лінія 15-80", await reader.GetStringAsync("/")); // now cached

        var created = await admin.PostFormAsync("/admin/departments/edit", "/admin/departments/edit",
            ("Form.Name", "Управління цифрового розвитку"), ("Form.Description", "Цифрові послуги для мешканців області."),
            ("Form.Phone", "+380 (532) 00-00-00"), ("Form.Email", "digital@example.gov.ua"), ("Form.Position", "50"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var department = await reader.GetStringAsync("/departments/upravlinnia-tsyfrovoho-rozvytku");
        Assert.Contains("Цифрові послуги для мешканців області.", department);

        var settings = await admin.PostFormAsync("/admin/settings", "/admin/settings",
            ("Form.BodyName", "Полтавська обласна військова адміністрація"), ("Form.Tagline", "Офіційний веб-сайт"),
            ("Form.Hotline", "Гаряча лінія 15-80"), ("Form.LicenceUrl", "https://creativecommons.org/licenses/by/4.0/"),
            ("Form.SocialLinks[0].Name", "Telegram"), ("Form.SocialLinks[0].Url", "https://t.me/poltava_oda"));
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        var home = await reader.GetStringAsync("/");
        Assert.Contains("Гаряча лінія 15-80", home);
        Assert.Contains("https://t.me/poltava_oda", home);

        // A social link that is not https is refused with a message; nothing changes.
        var refused = await admin.PostFormAsync("/admin/settings", "/admin/settings",
            ("Form.BodyName", "Полтавська ОВА"), ("Form.SocialLinks[0].Name", "Сайт"), ("Form.SocialLinks[0].Url", "javascript:alert(1)"));
        Assert.Contains("https://", await refused.Content.ReadAsStringAsync());
        Assert.Contains("Полтавська обласна військова адміністрація", await reader.GetStringAsync("/"));

        Assert.NotEmpty(await AuditAsync(AuditActions.DepartmentChanged));
        Assert.Contains(await AuditAsync(AuditActions.SettingsChanged), e => e.Details.Contains("Гаряча лінія"));
    }

    [Fact]
    public async Task Merging_two_tags_moves_the_articles_and_removes_the_first()
    {
        int from, into, shared, onlyFrom;
        await using (var scope = site.Scope(out var db))
        {
            var a = new Visnyk.Tags.Tag { Name = "енергетика області", Slug = "enerhetyka-oblasti" };
            var b = new Visnyk.Tags.Tag { Name = "енергетика", Slug = "enerhetyka-merge" };
            Article Tagged(string title, params Visnyk.Tags.Tag[] tags) => new()
            {
                Title = title, Slug = "merge", Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddHours(-1),
                UpdatedAt = DateTime.UtcNow.AddHours(-1), Tags = [.. tags],
            };
            var both = Tagged("Обидва теги", a, b);
            var first = Tagged("Лише перший тег", a);
            db.Articles.AddRange(both, first);
            await db.SaveChangesAsync();
            (from, into, shared, onlyFrom) = (a.Id, b.Id, both.Id, first.Id);
        }
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var merged = await admin.PostFormAsync("/admin/tags", "/admin/tags?handler=Merge", ("From", from.ToString()), ("Into", into.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);

        await using (var scope = site.Scope(out var db))
        {
            Assert.False(await db.Tags.AnyAsync(t => t.Id == from));
            var tagged = await db.Articles.Where(a => a.Tags.Any(t => t.Id == into)).Select(a => a.Id).OrderBy(i => i).ToListAsync();
            Assert.Equal(new[] { shared, onlyFrom }.Order(), tagged);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync("/tags/enerhetyka-oblasti")).StatusCode);
        Assert.Contains(await AuditAsync(AuditActions.TagsMerged), e => e.Details.Contains("перенесено новин: 1"));
    }

    [Fact]
    public async Task Blocking_an_account_ends_its_sign_in_and_the_last_administrator_cannot_be_blocked()
    {
        var admin = await site.CreateAsync(Roles.Administrator);
        var client = await site.SignedInAsync(admin);
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var blocked = await client.PostFormAsync($"/admin/users/edit/{editor.Id}", $"/admin/users/edit/{editor.Id}?handler=Block", ("blocked", "true"));
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        var attempt = await site.Client().PostFormAsync("/admin/signin", "/admin/signin", ("Email", editor.Email), ("Password", Newsroom.Password));
        Assert.Contains(Text.SignInFailed, await attempt.Content.ReadAsStringAsync()); // the answer to a wrong password: nothing to learn
        Assert.Contains(await AuditAsync(AuditActions.UserDisabled), e => e.Subject == $"user:{editor.Id}");

        // Block every other administrator this test site has, then try the last one.
        await using (var scope = site.Scope(out var db))
        {
            var others = await db.Users.Where(u => u.Id != admin.Id && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Administrator))).ToListAsync();
            foreach (var other in others)
            {
                other.LockoutEnd = DateTimeOffset.MaxValue;
            }
            await db.SaveChangesAsync();
        }
        var self = await client.PostFormAsync($"/admin/users/edit/{admin.Id}", $"/admin/users/edit/{admin.Id}?handler=Block", ("blocked", "true"));
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Contains("останній адміністратор", await self.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Editors_publish_directly_only_when_the_setting_allows_it()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]));
        int department;
        await using (var scope = site.Scope(out var db))
        {
            department = (await db.Departments.SingleAsync(d => d.Slug == "departament-osvity-i-nauky")).Id;
        }
        (string, string)[] article = [("Form.Title", "Новина без перевірки"), ("Form.Departments", department.ToString())];
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Publish", article)).StatusCode);

        await admin.PostFormAsync("/admin/settings", "/admin/settings", ("Form.BodyName", "Полтавська обласна військова адміністрація"), ("Form.EditorsMayPublish", "true"));
        var published = await editor.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Publish", article);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Новина без перевірки", await site.Browserless().GetStringAsync("/news"));
        await admin.PostFormAsync("/admin/settings", "/admin/settings", ("Form.BodyName", "Полтавська обласна військова адміністрація"));
    }
}
