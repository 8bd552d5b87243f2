using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Search;

namespace Visnyk.Tests.Cli;

// `backup` of a site that serves and writes meanwhile, `restore` into an empty folder, and a
// second site on the restored data: the same rows as at the snapshot, the same media bytes, the
// same article page, a rebuilt search index, and the old sign-in cookie and mailed link still valid.
public class BackupTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static readonly string Photo = Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", "photo-with-gps.jpg");

    [Fact]
    public async Task A_backup_taken_while_articles_are_saved_restores_into_an_empty_folder_as_the_same_site()
    {
        // Before: a signed-in chief editor (cookie kept), an uploaded photo, a subscriber and their mailed link.
        var cookies = new CookieContainer();
        var editor = site.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var account = await site.CreateAsync(Roles.ChiefEditor);
        await SignInAsync(editor, account);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/articles")).StatusCode);
        await UploadAsync(editor, await File.ReadAllBytesAsync(Photo));
        string manageToken;
        await using (var scope = site.Scope(out var db))
        {
            var subscriber = new Subscriber { Email = "reader@example.gov.ua", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow };
            // Alerts, not a digest: after the digest's time the running site would decide today's
            // digest for them at any moment, perhaps after the snapshot, and the tables would differ.
            subscriber.Choose([(TopicKind.All, 0, Frequency.Immediately)]);
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync();
            manageToken = scope.ServiceProvider.GetRequiredService<MailTokens>().ForManaging(subscriber);
        }

        // The backup runs while articles are being saved, some before its snapshot and some after.
        var folder = Backups.TempFolder();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "visnyk.tar.zst");
        using var stop = new CancellationTokenSource();
        var saved = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = site.Scope(out var db);
                db.Articles.Add(new Article { Title = $"Чернетка під час копії {saved}", Slug = $"chernetka-{saved}", Status = ArticleStatus.Draft, UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
                Interlocked.Increment(ref saved);
            }
        });
        await WaitForAsync(() => Volatile.Read(ref saved) >= 5, writer);
        var backup = await Backups.RunAsync(null, ["backup", file, .. site.CommandArgs]);
        var afterBackup = Volatile.Read(ref saved);
        await WaitForAsync(() => Volatile.Read(ref saved) >= afterBackup + 5, writer);
        await stop.CancelAsync();
        await writer;
        Assert.True(backup.Exit == 0, backup.Errors);
        Assert.Contains("Резервну копію записано", backup.Output);
        Assert.Contains("100%", backup.Errors);

        // Restore into a folder that does not exist yet, then start a site on it.
        using var restored = new SiteFactory();
        var restore = await Backups.RunAsync(null, ["restore", file, .. restored.CommandArgs]);
        Assert.True(restore.Exit == 0, restore.Errors);
        Assert.Contains("Відновлено з", restore.Output);
        Assert.False(Directory.Exists(Path.Combine(restored.DataDirectory, "search"))); // not in the backup
        var reader = restored.Browserless();

        // Every table as at the snapshot: equal, or (the two tables the writer fills) exactly the
        // source's rows up to the last one the snapshot holds, with each draft's change-log row.
        Dictionary<string, HashSet<string>> before, after;
        await using (var scope = site.Scope(out var db))
        {
            before = await Backups.TableKeysAsync(db);
        }
        await using (var scope = restored.Scope(out var db))
        {
            after = await Backups.TableKeysAsync(db);
            var drafts = await db.Articles.Where(a => a.Title.StartsWith("Чернетка під час копії")).Select(a => a.Id).ToListAsync();
            Assert.InRange(drafts.Count, 5, afterBackup);
            Assert.Equal(drafts.Count, await db.ArticleChanges.Where(c => drafts.Contains(c.ArticleId)).Select(c => c.ArticleId).Distinct().CountAsync());
        }
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (table, rows) in after)
        {
            if (rows.SetEquals(before[table]))
            {
                continue;
            }
            Assert.Contains(table, new[] { "Articles", "ArticleChanges" });
            var last = rows.Max(long.Parse);
            Assert.Equal(before[table].Where(id => long.Parse(id) <= last).Order(), rows.Order());
            Assert.True(before[table].Count > rows.Count);
        }

        // Media byte for byte (the keys are a table, compared above); the photo served by the new site.
        var media = Backups.Fingerprint(Path.Combine(site.DataDirectory, "media"));
        Assert.Equal(media, Backups.Fingerprint(Path.Combine(restored.DataDirectory, "media")));
        var picture = media.Keys.First(f => f.EndsWith(".webp"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(site.DataDirectory, "media", picture)), await reader.GetByteArrayAsync("/media/" + picture));

        // An article page with its pictures renders the same, once both indexes have caught up.
        await site.CaughtUpAsync();
        await restored.CaughtUpAsync();
        string path;
        await using (var scope = site.Scope(out var db))
        {
            path = (await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.LeadImageId != null).OrderBy(a => a.Id).FirstAsync()).Path;
        }
        Assert.Equal(await ArticleAsync(site.Browserless(), path), await ArticleAsync(reader, path));
        Assert.NotEmpty(await reader.TitlesAsync("/search?q=" + SearchSite.Q("Полтавщини"))); // the index was rebuilt

        // The keys came along: the sign-in cookie and the mailed link made before the backup still work.
        var sameBrowser = restored.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.OK, (await sameBrowser.GetAsync("/admin/articles")).StatusCode);
        Assert.Contains("reader@example.gov.ua", await reader.GetStringAsync($"/subscribe/manage/{manageToken}"));
        Directory.Delete(folder, recursive: true);
    }

    static async Task<string> ArticleAsync(HttpClient client, string path)
    {
        var article = (await client.GetDocumentAsync(path)).QuerySelector("article")!;
        return article.OuterHtml;
    }

    static async Task WaitForAsync(Func<bool> condition, Task writer)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            if (writer.IsFaulted)
            {
                await writer;
            }
            await Task.Delay(50);
        }
        Assert.True(condition());
    }

    static async Task SignInAsync(HttpClient client, Newsroom.Newsroom.Account account)
    {
        var response = await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", account.Email), ("Password", Newsroom.Newsroom.Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", Newsroom.Newsroom.Code(account.AuthenticatorKey!)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    static async Task UploadAsync(HttpClient client, byte[] photo)
    {
        var token = await client.AntiforgeryTokenAsync("/admin/media");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(photo), "files", "photo.jpg" } };
        var html = await (await client.PostAsync("/admin/media", form)).Content.ReadAsStringAsync();
        Assert.Contains("Завантажено: photo.jpg", new HtmlParser().ParseDocument(html).Body!.TextContent);
    }
}
