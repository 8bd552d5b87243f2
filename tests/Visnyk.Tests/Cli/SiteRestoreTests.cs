using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Search;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cli;

// Restoring one site in place from its own archive (`site import FILE --replace ID`) while the
// installation serves: the site's content and settings become the archive's again at the same
// addresses, its audit log and its subscribers keep what happened meanwhile, its sessions end and
// a role given since is gone, the running site's cached pages and search follow within seconds,
// and the other sites are untouched. An archive of another site,
// or a site that is not there, is refused with nothing changed.
public class SiteRestoreTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Host = "hromada-restored.test";
    const string Defaced = "Сайт зламано";
    const string Planted = "Оголошення жирафоподібного змісту";

    [Fact]
    public async Task A_site_restored_in_place_serves_its_archived_content_again_and_leaves_the_others_alone()
    {
        var created = await CommandRun.RunAsync(["site", "create", "--host", Host, "--name", "Громада, що відновлюється", .. site.CommandArgs]);
        Assert.True(created.Exit == 0, created.Error);
        var id = int.Parse(Regex.Match(created.Out, @"Сайт (\d+)").Groups[1].Value);
        var seeded = await CommandRun.RunAsync(["seed", "--synthetic", "12", "--site", id.ToString(), .. site.CommandArgs]);
        Assert.True(seeded.Exit == 0, seeded.Error);
        await site.Services.GetRequiredService<SiteHosts>().ReloadAsync();
        Article kept, removed;
        await using (site.Scope(id, out var db))
        {
            var published = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).ToListAsync();
            (kept, removed) = (published[0], published[1]);
            db.Subscribers.Add(new Subscriber { Email = "kept@example.gov.ua", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow });
            db.Subscribers.Add(new Subscriber { Email = "left@example.gov.ua", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow });
            (await db.SiteSettings.SingleAsync()).Phone = "+380 53 111 11 11";
            await db.SaveChangesAsync();
        }
        // A neighbour with its own news, subscriber, editor and session.
        var neighbour = await OtherSite.CreateAsync(site, 60, "hromada-neighbour.test");
        var neighbourEditor = await site.CreateAsync(Roles.Editor, siteId: neighbour.Id);
        await using (site.Scope(neighbour.Id, out var db))
        {
            db.Subscribers.Add(new Subscriber { Email = "kept@example.gov.ua", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow });
            db.Sessions.Add(new Session { Id = "neighbour-session", UserId = neighbourEditor.Id, SiteId = neighbour.Id, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var neighbourBefore = await SiteRowsAsync(neighbour.Id);
        var defaultArticles = await CountDefaultAsync();
        var folder = Backups.TempFolder();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "hromada.site");
        var export = await Backups.RunAsync(null, ["site", "export", id.ToString(), file, .. site.CommandArgs]);
        Assert.True(export.Exit == 0, export.Errors);

        // After the copy: an article defaced, one deleted, one planted, the phone and subscribers changed.
        int planted;
        await using (site.Scope(id, out var db))
        {
            (await db.Articles.SingleAsync(a => a.Id == kept.Id)).Title = Defaced;
            db.Articles.Remove(await db.Articles.SingleAsync(a => a.Id == removed.Id));
            var article = new Article { Title = Planted, Slug = "ogoloshennia", Body = "<p>Текст</p>", Summary = "Коротко", Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow.AddMinutes(-1), UpdatedAt = DateTime.UtcNow };
            db.Articles.Add(article);
            // One reader left, one came.
            db.Subscribers.Remove(await db.Subscribers.SingleAsync(x => x.Email == "left@example.gov.ua"));
            db.Subscribers.Add(new Subscriber { Email = "came@example.gov.ua", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow });
            (await db.SiteSettings.SingleAsync()).Phone = "+380 00 666 66 66";
            // Where reports are forwarded, chosen since the copy (the archive has none).
            (await db.SiteSettings.SingleAsync()).ReportsTo = "admins@hromada-restored.test";
            // A correction told to subscribers: its mailing stays with them, its note goes with the content.
            db.Mailings.Add(new Mailing { Kind = MailingKind.Update, Key = "update:restored", ArticleId = kept.Id, CreatedAt = DateTime.UtcNow,
                ChangeNote = new Visnyk.Newsroom.ChangeNote { ArticleId = kept.Id, At = DateTime.UtcNow, Text = "Поправка після копії" } });
            await db.SaveChangesAsync();
            planted = article.Id;
        }
        await site.CaughtUpAsync();
        var client = OtherSite.ClientOf(site, Host);
        // The defaced page is served from the output cache (a hit is proved), and search finds the planted news.
        var before = await Mail.EventuallyAsync(() => client.GetAsync(kept.Path), r => r.Headers.Age is not null, seconds: 10);
        Assert.True(before.Headers.Age is not null, $"{kept.Path} is not served from the output cache");
        Assert.Equal(Defaced, await HeadingAsync(before));
        Assert.Equal([Planted], await client.TitlesAsync("/search?q=" + SearchSite.Q("жирафоподібний")));
        Assert.Equal("+380 00 666 66 66", (await client.GetDocumentAsync("/")).QuerySelector("a.tel")?.TextContent);
        string auditedMeanwhile;
        await using (site.Scope(id, out var db))
        {
            db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = "article.save", Subject = $"article:{kept.Id}", UserName = "intruder@example.com", Details = "після копії" });
            // A resident's report after the copy, its mail to the administrators not yet sent.
            var report = new Visnyk.Feedback.ProblemReport { Kind = Visnyk.Feedback.ProblemKind.Mistake, Text = "Звіт після копії", ReceivedAt = DateTime.UtcNow };
            db.ProblemReports.Add(report);
            await db.SaveChangesAsync();
            db.Deliveries.Add(new Delivery { To = "admins@example.gov.ua", ProblemReportId = report.Id, CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddDays(1) });
            await db.SaveChangesAsync();
            auditedMeanwhile = (await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync()).Details;
        }
        var auditBefore = await AuditAsync(id);
        // An editor given a role since the copy (the intruder's account), signed in on the site.
        var intruder = await site.CreateAsync(Roles.Administrator, siteId: id);
        string stamp;
        await using (site.Scope(id, out var db))
        {
            db.Sessions.Add(new Session { Id = "intruder-session", UserId = intruder.Id, SiteId = id, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            stamp = (await db.Users.SingleAsync(u => u.Id == intruder.Id)).SecurityStamp!;
        }

        var restored = await Backups.RunAsync(null, ["site", "import", file, "--replace", id.ToString(), .. site.CommandArgs]);
        Assert.True(restored.Exit == 0, restored.Errors + restored.Output);
        Assert.Contains($"Сайт {id}", restored.Output);

        // The running site follows within seconds: the cached page is evicted and shows the archived title.
        var after = await Mail.EventuallyAsync(async () => await HeadingAsync(await client.GetAsync(kept.Path)), title => title != Defaced, seconds: 30);
        Assert.Equal(kept.Title, after);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(removed.Path)).StatusCode);
        var plantedPath = $"/news/{planted}-ogoloshennia";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(plantedPath)).StatusCode);
        Assert.Empty(await Mail.EventuallyAsync(() => client.TitlesAsync("/search?q=" + SearchSite.Q("жирафоподібний")), titles => titles.Count == 0, seconds: 30));
        Assert.Equal("+380 53 111 11 11", (await client.GetDocumentAsync("/")).QuerySelector("a.tel")?.TextContent);

        await using (site.Scope(id, out var db))
        {
            // The reports' forwarding address is the site's as it is now, not the archive's empty one.
            Assert.Equal("admins@hromada-restored.test", (await db.SiteSettings.SingleAsync()).ReportsTo);
            // Subscribers as they are now: the one who left is not subscribed again, the one who came stays.
            Assert.Equal(["came@example.gov.ua", "kept@example.gov.ua"], await db.Subscribers.Select(s => s.Email).OrderBy(e => e).ToListAsync());
            // The intruder's role is gone, their session ended, and their other sessions end at their next request.
            Assert.Empty(await SiteRoles.HereAsync(db, intruder.Id, default));
            Assert.False(await db.Sessions.AnyAsync(x => x.SiteId == id));
            Assert.NotEqual(stamp, (await db.Users.SingleAsync(u => u.Id == intruder.Id)).SecurityStamp);
            Assert.Equal(removed.Title, (await db.Articles.SingleAsync(a => a.Id == removed.Id)).Title);
            Assert.False(await db.Articles.AnyAsync(a => a.Id == planted));
            Assert.Null(await db.Mailings.Where(m => m.Key == "update:restored").Select(m => m.ChangeNoteId).SingleAsync());
            // Its newsroom, paused while the restore wrote (WritesPause), takes changes again.
            Assert.Null(await db.Sites.Where(s => s.Id == id).Select(s => s.WritesPausedUntil).SingleAsync());
        }
        // The audit log kept every entry it had (the one after the copy too), once each, and says what happened.
        var auditAfter = await AuditAsync(id);
        Assert.Empty(auditBefore.Except(auditAfter));
        Assert.Equal(auditAfter.Count, auditAfter.Distinct().Count());
        Assert.Contains(auditAfter, e => e.StartsWith(AuditActions.SiteRestored + "|"));
        Assert.Contains(auditAfter, e => e.EndsWith("|" + auditedMeanwhile));
        // The other sites are as they were.
        Assert.Equal(defaultArticles, await CountDefaultAsync());
        Assert.Equal(neighbourBefore, await SiteRowsAsync(neighbour.Id));

        // Residents' reports are the site's record, not its content: a restore keeps them, and their
        // mail, also one that takes the subscribers and their letters from the archive.
        var withSubscribers = await Backups.RunAsync(null, ["site", "import", file, "--replace", id.ToString(), "--subscribers", .. site.CommandArgs]);
        Assert.True(withSubscribers.Exit == 0, withSubscribers.Errors + withSubscribers.Output);
        await using (site.Scope(id, out var db))
        {
            Assert.Equal(["kept@example.gov.ua", "left@example.gov.ua"], await db.Subscribers.Select(s => s.Email).OrderBy(e => e).ToListAsync());
            var report = await db.ProblemReports.SingleAsync(r => r.Text == "Звіт після копії");
            Assert.Equal(DeliveryStatus.Waiting, (await db.Deliveries.SingleAsync(d => d.ProblemReportId == report.Id)).Status);
        }

        // Refused, nothing changed: another site's archive (the default site has no host of it), and a site that is not there.
        var wrong = await Backups.RunAsync(null, ["site", "import", file, "--replace", "1", .. site.CommandArgs]);
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("--force", wrong.Errors);
        Assert.Equal(defaultArticles, await CountDefaultAsync());
        var missing = await Backups.RunAsync(null, ["site", "import", file, "--replace", "9999", .. site.CommandArgs]);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("9999", missing.Errors);
        var mixed = await Backups.RunAsync(null, ["site", "import", file, "--replace", id.ToString(), "--host", "other.test", .. site.CommandArgs]);
        Assert.Equal(2, mixed.Exit);
        Directory.Delete(folder, recursive: true);
    }

    static async Task<string> HeadingAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("h1")!.TextContent.Trim();
    }

    async Task<List<string>> AuditAsync(int id)
    {
        await using var scope = site.Scope(id, out var db);
        return (await db.AuditEntries.OrderBy(e => e.Id).ToListAsync()).Select(e => $"{e.Action}|{e.At.Ticks}|{e.Details}").ToList();
    }

    // What a site holds that a restore of another must not touch.
    async Task<string> SiteRowsAsync(int id)
    {
        await using var scope = site.Scope(id, out var db);
        return string.Join("\n",
            string.Join(",", await db.Articles.OrderBy(a => a.Id).Select(a => a.Id + a.Title).ToListAsync()),
            string.Join(",", await db.Departments.OrderBy(d => d.Id).Select(d => d.Id + d.Name).ToListAsync()),
            string.Join(",", await db.Subscribers.OrderBy(x => x.Id).Select(x => x.Id + x.Email).ToListAsync()),
            string.Join(",", await db.UserRoles.OrderBy(r => r.UserId).Select(r => r.UserId + r.RoleId).ToListAsync()),
            string.Join(",", await db.Set<Dictionary<string, object>>("UserDepartments").Select(r => EF.Property<string>(r, "UserId")).OrderBy(x => x).ToListAsync()),
            string.Join(",", await db.Sessions.Where(x => x.SiteId == id).Select(x => x.Id).ToListAsync()),
            string.Join(",", await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync()));
    }

    async Task<Dictionary<int, string>> CountDefaultAsync()
    {
        await using var scope = site.Scope(out var db);
        return await db.Articles.ToDictionaryAsync(a => a.Id, a => a.Title + "|" + a.UpdatedAt.Ticks);
    }
}
