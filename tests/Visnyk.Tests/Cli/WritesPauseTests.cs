using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Site;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cli;

// While a site is restored from a copy (`site import --replace`), its newsroom takes no changes:
// every page says so, every change is answered 503 with Retry-After and writes nothing, signing
// out still works; a pause whose lease ran out (a restore that died) holds nothing back.
public class WritesPauseTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    internal const string Notice = "Сайт відновлюють із резервної копії";

    [Fact]
    public async Task A_paused_newsroom_says_so_and_refuses_changes_until_the_pause_ends_or_its_lease_runs_out()
    {
        var other = await OtherSite.CreateAsync(site, 71, "hromada-paused.test");
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator, siteId: other.Id), other.Client(site));
        var tag = await AddTagAsync(site, other.Id, "водогони", "vodohony");
        await PauseAsync(other.Id, DateTime.UtcNow.AddMinutes(5));

        Assert.Contains(Notice, await admin.GetStringAsync("/admin/tags"));
        var refused = await TagRenameTests.RenameAsync(admin, tag, "Водопостачання");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Contains("сайт відновлюють із копії", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("водогони", await TagNameAsync(site, other.Id, tag));
        // Another site's newsroom is not paused.
        Assert.DoesNotContain(Notice, await (await site.SignedInAsync(await site.CreateAsync(Roles.Administrator))).GetStringAsync("/admin/tags"));
        // The scheduler leaves the paused site's due article for later.
        int due;
        await using (site.Scope(other.Id, out var db))
        {
            var article = new Visnyk.Articles.Article
            {
                Title = "Заплановано під час відновлення", Slug = "zaplanovano", Body = "<p>Текст.</p>", Summary = "Коротко",
                Status = Visnyk.Articles.ArticleStatus.Scheduled, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow.AddMinutes(-1),
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            due = article.Id;
        }
        var publisher = ActivatorUtilities.CreateInstance<Visnyk.Newsroom.ScheduledPublisher>(site.Services);
        await publisher.PublishDueAsync(default);
        Assert.Equal(Visnyk.Articles.ArticleStatus.Scheduled, await StatusAsync(other.Id, due));

        // A lease that ran out holds nothing back.
        await PauseAsync(other.Id, DateTime.UtcNow.AddMinutes(-1));
        Assert.DoesNotContain(Notice, await admin.GetStringAsync("/admin/tags"));
        Assert.Equal(HttpStatusCode.Redirect, (await TagRenameTests.RenameAsync(admin, tag, "Водопостачання")).StatusCode);
        Assert.Equal("Водопостачання", await TagNameAsync(site, other.Id, tag));
        await publisher.PublishDueAsync(default);
        Assert.Equal(Visnyk.Articles.ArticleStatus.Published, await StatusAsync(other.Id, due));

        // Signing out works while paused.
        await PauseAsync(other.Id, DateTime.UtcNow.AddMinutes(5));
        var signedOut = await admin.PostFormAsync("/admin/tags", "/admin/signout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/admin/signin", (await admin.GetAsync("/admin/tags")).Headers.Location!.OriginalString);
    }

    Task PauseAsync(int siteId, DateTime until) => PauseAsync(site, siteId, until);

    // As the restore command does, from outside the site.
    internal static async Task PauseAsync(SiteFactory site, int siteId, DateTime until)
    {
        await using var db = TestDatabase.Open(site.DataDirectory, site.PostgreSql);
        await WritesPause.PauseAsync(db, siteId, until, default);
    }

    internal static async Task<int> AddTagAsync(SiteFactory site, int siteId, string name, string slug)
    {
        await using var scope = site.Scope(siteId, out var db);
        var tag = new Visnyk.Tags.Tag { Name = name, Slug = slug };
        db.Tags.Add(tag);
        await db.SaveChangesAsync();
        return tag.Id;
    }

    internal static async Task<string> TagNameAsync(SiteFactory site, int siteId, int tag)
    {
        await using var scope = site.Scope(siteId, out var db);
        return await db.Tags.Where(t => t.Id == tag).Select(t => t.Name).SingleAsync();
    }

    async Task<Visnyk.Articles.ArticleStatus> StatusAsync(int siteId, int article)
    {
        await using var scope = site.Scope(siteId, out var db);
        return await db.Articles.Where(a => a.Id == article).Select(a => a.Status).SingleAsync();
    }
}
