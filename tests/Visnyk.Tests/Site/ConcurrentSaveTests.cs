using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Site;

// Two saves of the same address at once: both forms check it is free, one wins; the other is told
// to save again (409), never shown a failure of the site (500), and nothing is half saved.
public class ConcurrentSaveTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_database_engines_refusal_of_a_second_equal_address_is_recognised()
    {
        await using var scope = site.Scope(out var db);
        var slug = "dvichi-" + Guid.NewGuid().ToString("N")[..8];
        db.Departments.Add(new Department { Name = "Перший", Slug = slug });
        await db.SaveChangesAsync();
        db.Departments.Add(new Department { Name = "Другий", Slug = slug });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(UniqueViolation.Is(refused));
        Assert.Equal(409, UniqueViolation.StatusOf(refused));
        Assert.False(UniqueViolation.Is(new DbUpdateException("other", new InvalidOperationException())));
    }

    [Fact]
    public async Task Departments_saved_at_once_under_one_address_give_one_department_and_no_failure()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var token = await admin.AntiforgeryTokenAsync("/admin/departments/edit");
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 5; round++)
        {
            var slug = $"odnochasno-{round}-{Guid.NewGuid():N}"[..30];
            var posts = Enumerable.Range(0, 8).Select(i => admin.PostAsync("/admin/departments/edit", new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", token), new("Form.Name", $"Відділ {i}"), new("Form.Slug", slug), new("Form.Position", "1"),
            ])));
            var responses = await Task.WhenAll(posts);
            statuses.AddRange(responses.Select(r => r.StatusCode));
            await using var scope = site.Scope(out var db);
            Assert.Equal(1, await db.Departments.CountAsync(d => d.Slug == slug));
        }
        // Saved, refused by the form's own check, or refused by the database's: never a 500.
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Redirect, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Redirect));
    }
}
