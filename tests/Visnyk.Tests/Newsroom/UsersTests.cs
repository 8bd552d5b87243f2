using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// /admin/users: an administrator invites a person, who takes the link, sets a password and a
// second factor and works in the role given; roles change, never leaving the newsroom without
// an administrator; all of it in the audit log.
public class UsersTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Education = "departament-osvity-i-nauky";

    async Task<int> DepartmentAsync(string slug)
    {
        await using var scope = site.Scope(out var db);
        return (await db.Departments.SingleAsync(d => d.Slug == slug)).Id;
    }

    async Task<IList<string>> RolesOfAsync(string userId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(userId))!);
    }

    async Task<List<AuditEntry>> AuditAsync(string action, string userId)
    {
        await using var scope = site.Scope(out var db);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.Subject == AuditActions.User(userId)).ToListAsync();
    }

    // Every administrator but this one blocked, as in a newsroom with one administrator left.
    async Task OnlyAdministratorAsync(string adminId)
    {
        await using var scope = site.Scope(out var db);
        var others = await db.Users.Where(u => u.Id != adminId && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Administrator))).ToListAsync();
        foreach (var other in others)
        {
            other.LockoutEnd = DateTimeOffset.MaxValue;
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_invited_editor_sets_a_password_with_the_link_enrols_two_factor_and_works_in_their_department()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var education = await DepartmentAsync(Education);
        var email = $"invited-{Guid.NewGuid():N}@example.gov.ua";
        var invited = await admin.PostFormAsync("/admin/users", "/admin/users",
            ("Invite.Email", email), ("Invite.Name", "Олена Запрошена"), ("Invite.Role", Roles.Editor), ("Invite.Departments", education.ToString()));
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var link = (await Html.ParseAsync(await invited.Content.ReadAsStringAsync())).QuerySelector("code.invitation-link")!.TextContent.Trim();
        Assert.StartsWith("/admin/setup?", link);

        string id;
        await using (var scope = site.Scope(out var db))
        {
            var user = await db.Users.Include(u => u.Departments).SingleAsync(u => u.Email == email);
            (id, var departments) = (user.Id, user.Departments.Select(d => d.Slug).ToList());
            Assert.Null(user.PasswordHash);
            Assert.Equal([Education], departments);
        }
        Assert.Equal([Roles.Editor], await RolesOfAsync(id));
        Assert.Contains(await AuditAsync(AuditActions.UserInvited, id), e => e.Details.Contains(email) && e.Details.Contains("Редактор"));

        // The invited person, in a browser of their own: the link, a password, then an authenticator.
        var person = site.Client();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), link).Query);
        var set = await person.PostFormAsync(link, link, ("user", query["user"]!), ("Token", query["token"]!),
            ("Password", "пароль запрошеної редакторки 2026"), ("Repeat", "пароль запрошеної редакторки 2026"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/admin/account/two-factor", set.Headers.Location!.OriginalString);
        var enrol = await Html.ParseAsync(await person.GetStringAsync("/admin/account/two-factor"));
        var key = enrol.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var enrolled = await person.PostFormAsync("/admin/account/two-factor", "/admin/account/two-factor", ("Code", Newsroom.Code(key)));
        Assert.True(enrolled.IsSuccessStatusCode || enrolled.StatusCode == HttpStatusCode.Redirect, $"{(int)enrolled.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/admin/articles")).StatusCode);
        var users = await person.GetAsync("/admin/users"); // an editor, not an administrator
        Assert.Equal("/admin/denied", users.Headers.Location?.AbsolutePath);

        // The link was for one use.
        Assert.Equal(HttpStatusCode.Gone, (await site.Client().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_invitation_is_refused_with_a_message_for_an_address_already_in_use_an_unknown_role_or_an_editor_without_department()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var existing = await site.CreateAsync(Roles.ChiefEditor);
        var email = $"refused-{Guid.NewGuid():N}@example.gov.ua";
        (string Field, string Value)[][] attempts =
        [
            [("Invite.Email", existing.Email), ("Invite.Role", Roles.ChiefEditor)],
            [("Invite.Email", email), ("Invite.Role", "Owner")],
            [("Invite.Email", email), ("Invite.Role", Roles.Editor)],
        ];
        string[] messages = [string.Format(AdminText.UserExists, existing.Email), AdminText.RoleUnknown, AdminText.EditorNeedsDepartment];
        for (var i = 0; i < attempts.Length; i++)
        {
            var refused = await admin.PostFormAsync("/admin/users", "/admin/users", attempts[i]);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
            Assert.Null(page.QuerySelector("code.invitation-link"));
            Assert.Contains(messages[i], page.Body!.TextContent);
        }
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.Equal([Roles.ChiefEditor], await RolesOfAsync(existing.Id));
    }

    [Fact]
    public async Task Changing_a_role_takes_effect_at_once_ends_the_sessions_and_is_audited()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var editor = await site.CreateAsync(Roles.Editor, [Education]);
        var (_, cookie) = await site.SignInAsync(editor);
        var session = site.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/articles")).StatusCode);

        var changed = await admin.PostFormAsync($"/admin/users/edit/{editor.Id}", $"/admin/users/edit/{editor.Id}?handler=Role",
            ("role", Roles.ChiefEditor), ("departments", (await DepartmentAsync(Education)).ToString()));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal([Roles.ChiefEditor], await RolesOfAsync(editor.Id));
        await using (var scope = site.Scope(out var db))
        {
            Assert.Empty((await db.Users.Include(u => u.Departments).SingleAsync(u => u.Id == editor.Id)).Departments); // a chief edits every department
        }
        var stale = await session.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Equal("/admin/signin", stale.Headers.Location!.AbsolutePath);
        Assert.Contains(await AuditAsync(AuditActions.RolesChanged, editor.Id), e => e.Details.StartsWith("Редактор;") && e.Details.Contains("→ Головний редактор;"));

        // A role the site does not have is refused and changes nothing.
        var unknown = await admin.PostFormAsync($"/admin/users/edit/{editor.Id}", $"/admin/users/edit/{editor.Id}?handler=Role", ("role", "Owner"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal([Roles.ChiefEditor], await RolesOfAsync(editor.Id));
    }

    [Fact]
    public async Task The_only_administrator_cannot_take_any_other_role()
    {
        // Only an administrator changes roles, so the only one left is the only one who could try.
        var last = await site.CreateAsync(Roles.Administrator);
        var other = await site.CreateAsync(Roles.Administrator);
        var client = await site.SignedInAsync(last);
        await OnlyAdministratorAsync(last.Id);
        var education = (await DepartmentAsync(Education)).ToString();
        foreach (var role in new[] { Roles.Editor, Roles.ChiefEditor })
        {
            var demoted = await client.PostFormAsync($"/admin/users/edit/{last.Id}", $"/admin/users/edit/{last.Id}?handler=Role", ("role", role), ("departments", education));
            Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
            Assert.Contains(AdminText.LastAdministratorDemote, await demoted.Content.ReadAsStringAsync());
        }
        Assert.Equal([Roles.Administrator], await RolesOfAsync(last.Id));
        Assert.Empty(await AuditAsync(AuditActions.RolesChanged, last.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        // With a second active administrator, the same change goes through.
        await using (var scope = site.Scope(out var db))
        {
            (await db.Users.SingleAsync(u => u.Id == other.Id)).LockoutEnd = null;
            await db.SaveChangesAsync();
        }
        var allowed = await client.PostFormAsync($"/admin/users/edit/{last.Id}", $"/admin/users/edit/{last.Id}?handler=Role", ("role", Roles.ChiefEditor));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal([Roles.ChiefEditor], await RolesOfAsync(last.Id));
    }

    [Fact]
    public async Task An_administrator_still_invited_does_not_count_as_another_one()
    {
        var last = await site.CreateAsync(Roles.Administrator);
        var client = await site.SignedInAsync(last);
        await OnlyAdministratorAsync(last.Id);
        var email = $"invited-admin-{Guid.NewGuid():N}@example.gov.ua";
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/admin/users", "/admin/users", ("Invite.Email", email), ("Invite.Role", Roles.Administrator))).StatusCode);
        string invited;
        await using (var scope = site.Scope(out var db))
        {
            invited = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        }

        // Until the invited one sets a password, the one who can sign in may not step down or be blocked.
        var demoted = await client.PostFormAsync($"/admin/users/edit/{last.Id}", $"/admin/users/edit/{last.Id}?handler=Role", ("role", Roles.ChiefEditor));
        Assert.Contains(AdminText.LastAdministratorDemote, await demoted.Content.ReadAsStringAsync());
        var blocked = await client.PostFormAsync($"/admin/users/edit/{last.Id}", $"/admin/users/edit/{last.Id}?handler=Block", ("blocked", "true"));
        Assert.Contains(AdminText.LastAdministratorBlock, await blocked.Content.ReadAsStringAsync());
        Assert.Equal([Roles.Administrator], await RolesOfAsync(last.Id));

        // The invited one can still be changed: that leaves the one who signs in.
        var changed = await client.PostFormAsync($"/admin/users/edit/{invited}", $"/admin/users/edit/{invited}?handler=Role", ("role", Roles.ChiefEditor));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal([Roles.ChiefEditor], await RolesOfAsync(invited));
    }
}
