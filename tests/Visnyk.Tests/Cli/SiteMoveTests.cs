using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Cli;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Import;
using Visnyk.Newsletter;
using Visnyk.Newsroom;
using Visnyk.Notices;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Search;
using Visnyk.Tests.Site;

namespace Visnyk.Tests.Cli;

// Moving one site between installations: `site export` on one, `site import` on another. The
// site answers there on its own host with the same pages at the same addresses, the same media
// bytes, subscribers and old addresses, and its newsroom; ids another site holds there are
// renumbered with their old addresses redirecting; a bad or wrong file, or a taken host, is
// refused with nothing written.
public class SiteMoveTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Host = "hromada-moving.test";

    [Fact]
    public async Task A_site_moved_to_another_installation_serves_the_same_pages_media_subscribers_and_old_addresses()
    {
        var (id, file, editor) = await ExportedSiteAsync();
        // A new installation (its own database and folder), not started yet: an empty default site.
        using var target = new SiteFactory();
        var import = await Backups.RunAsync(null, ["site", "import", file, .. target.CommandArgs]);
        Assert.True(import.Exit == 0, import.Errors + import.Output);
        Assert.False(import.Output.Contains("нові номери"), import.Output); // every id was free: the addresses are the same
        Assert.Contains($"Роль на сайті з копії: {editor.Email} — {Roles.Editor}", import.Output); // what the archive grants, said
        var link = Regex.Match(import.Output, @$"Новий обліковий запис {Regex.Escape(editor.Email)}: .*\n(\S+)").Groups[1].Value;
        Assert.StartsWith($"https://{Host}/admin/setup?", link);
        var moved = int.Parse(Regex.Match(import.Output, @"Сайт (\d+)").Groups[1].Value);

        // The same rows, read the same way on both sides.
        var before = await SnapshotAsync(site, id, editor.Email);
        var after = await SnapshotAsync(target, moved, editor.Email);
        Assert.NotEmpty(before.Articles);
        Assert.NotEmpty(before.Subscribers);
        Assert.Equal(before.Articles, after.Articles);
        Assert.Equal(before.Subscribers, after.Subscribers);
        Assert.Equal(before.OldAddresses, after.OldAddresses);
        Assert.Equal(before.Revisions, after.Revisions);
        Assert.Equal(before.Settings, after.Settings);
        Assert.NotEmpty(before.Reports);
        Assert.Equal(before.Reports, after.Reports);
        Assert.NotEmpty(before.Notices);
        Assert.Equal(before.Notices, after.Notices);

        // Media byte for byte: every file of the site's pictures.
        Assert.NotEmpty(before.MediaFiles);
        Assert.Equal(Fingerprint(site, before.MediaFiles), Fingerprint(target, before.MediaFiles));

        // The pages: each published article's <article> the same at the same address; an old
        // address still redirects. Its related news only links the site's own articles: which ones
        // depends on how rare each word is in the whole index, and the source holds other sites.
        await site.CaughtUpAsync();
        await target.CaughtUpAsync();
        var source = OtherSite.ClientOf(site, Host);
        var destination = await HostReadyAsync(target);
        await using (site.Scope(id, out var db))
        {
            foreach (var path in (await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id).Take(5).ToListAsync()).Select(a => a.Path))
            {
                var (page, related) = await ArticleAsync(destination, path);
                Assert.Equal((await ArticleAsync(source, path)).Page, page);
                Assert.All(related, link => Assert.Contains(link, before.Articles.Keys));
            }
        }
        var old = await destination.GetAsync("/staryi-sait/novyna.html");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal((await source.GetAsync("/staryi-sait/novyna.html")).Headers.Location, old.Headers.Location);
        // Nothing of it on the target's own site 1, and its search finds its articles on its host only.
        Assert.Equal(HttpStatusCode.NotFound, (await target.Browserless().GetAsync(before.Articles.Keys.First())).StatusCode);
        Assert.NotEmpty(await destination.TitlesAsync("/search?q=" + SearchSite.Q(before.SearchWord)));

        // The newsroom: the editor's account (new here, no password) has its role and department on this site only.
        await using (target.Scope(moved, out var db))
        {
            var user = await db.Users.Include(u => u.Departments).SingleAsync(u => u.Email == editor.Email);
            Assert.Null(user.PasswordHash);
            Assert.Equal([Roles.Editor], await SiteRoles.HereAsync(db, user.Id, default));
            Assert.NotEmpty(before.EditorDepartments);
            Assert.Equal(before.EditorDepartments, user.Departments.Select(d => d.Slug).Order().ToList());
        }
        await using (target.Scope(out var db))
        {
            Assert.Empty(await SiteRoles.HereAsync(db, (await db.Users.SingleAsync(u => u.Email == editor.Email)).Id, default));
        }
    }

    [Fact]
    public async Task Ids_taken_there_get_new_ones_with_redirects_and_a_wrong_file_or_taken_host_writes_nothing()
    {
        var (id, file, editor) = await ExportedSiteAsync();
        using var target = new SiteFactory();
        // The target's own site (demo content and drafts) has used the ids the moving site's articles have.
        await using (site.Scope(id, out var source))
        await using (target.Scope(out var db))
        {
            var top = await source.Articles.MaxAsync(a => a.Id);
            while (await db.Articles.MaxAsync(a => a.Id) < top)
            {
                db.Articles.AddRange(Enumerable.Range(0, 50).Select(i => new Article { Title = "Чернетка", Slug = "chernetka", Status = ArticleStatus.Draft, UpdatedAt = DateTime.UtcNow }));
                await db.SaveChangesAsync();
            }
            // And its departments and tags, which subscriptions and editors refer to.
            var departments = await source.Departments.MaxAsync(d => d.Id);
            for (var i = 0; await db.Departments.MaxAsync(d => d.Id) < departments; i++)
            {
                db.Departments.Add(new Visnyk.Departments.Department { Name = $"Відділ {i}", Slug = $"viddil-{i}" });
                await db.SaveChangesAsync();
            }
            var tags = await source.Tags.MaxAsync(t => t.Id);
            for (var i = 0; await db.Tags.MaxAsync(t => t.Id) < tags; i++)
            {
                db.Tags.Add(new Visnyk.Tags.Tag { Name = $"Тег {i}", Slug = $"teh-{i}" });
                await db.SaveChangesAsync();
            }
        }

        // Refused, nothing written: a cut file, a whole-installation backup, a host taken there.
        var sites = await SitesAsync(target);
        var cut = file + ".cut";
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);
        var refused = await Backups.RunAsync(null, ["site", "import", cut, .. target.CommandArgs]);
        Assert.Equal(1, refused.Exit);
        var whole = Path.Combine(Path.GetDirectoryName(file)!, "whole.tar.zst");
        Assert.Equal(0, (await Backups.RunAsync(null, ["backup", whole, .. target.CommandArgs])).Exit);
        refused = await Backups.RunAsync(null, ["site", "import", whole, .. target.CommandArgs]);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("командою restore", refused.Errors);
        refused = await Backups.RunAsync(null, ["site", "import", file, "--host", "localhost", .. target.CommandArgs]);
        Assert.Contains("Сайт не перенесено", refused.Errors);
        // The default site's public address, as the command reads the configuration.
        refused = await Backups.RunAsync(null, ["site", "import", file, "--host", "oblast-moving.test", .. target.CommandArgs, "--Visnyk:PublicUrl=https://oblast-moving.test"]);
        Assert.Contains("уже належить іншому сайту", refused.Errors);
        Assert.Equal(sites, await SitesAsync(target));

        var import = await Backups.RunAsync(null, ["site", "import", file, .. target.CommandArgs]);
        Assert.True(import.Exit == 0, import.Errors + import.Output);
        Assert.Contains("нові номери", import.Output);
        var moved = int.Parse(Regex.Match(import.Output, @"Сайт (\d+)").Groups[1].Value);
        var (before, after) = (await SnapshotAsync(site, id, editor.Email), await SnapshotAsync(target, moved, editor.Email));
        Assert.Equal(before.Articles.Values.Order(), after.Articles.Values.Order());
        Assert.Equal(before.Subscribers, after.Subscribers);
        Assert.Equal(before.Revisions, after.Revisions);
        Assert.Equal(before.EditorDepartments, after.EditorDepartments);
        Assert.Subset(after.OldAddresses.ToHashSet(), before.OldAddresses.ToHashSet());

        // The article's old address leads to its new one.
        var destination = await HostReadyAsync(target);
        string oldPath;
        await using (site.Scope(id, out var source))
        {
            oldPath = (await source.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).FirstAsync()).Path;
        }
        var redirect = await destination.GetAsync(oldPath);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        var newPath = redirect.Headers.Location!.OriginalString;
        Assert.NotEqual(oldPath, newPath);
        Assert.Equal(HttpStatusCode.OK, (await destination.GetAsync(newPath)).StatusCode);

        // The same file again: its host is taken now.
        var again = await Backups.RunAsync(null, ["site", "import", file, .. target.CommandArgs]);
        Assert.Equal(1, again.Exit);
        Assert.Contains("уже належить іншому сайту", again.Errors);
    }

    [Fact]
    public async Task A_file_from_elsewhere_is_input_scripts_unsafe_links_and_foreign_files_do_not_arrive()
    {
        var (_, file, _) = await ExportedSiteAsync();
        // The same archive, altered as someone could before handing it over (a valid manifest: they can make one).
        var folder = Backups.TempFolder();
        var staged = Path.Combine(folder, "staged");
        var manifest = BackupReader.Stage(file, staged, (_, _) => { });
        var articles = Path.Combine(staged, SiteArchive.Entry(SiteArchive.Tables.Articles));
        var lines = await File.ReadAllLinesAsync(articles);
        var first = System.Text.Json.Nodes.JsonNode.Parse(lines[0])!;
        first["Body"] = "<p>Текст</p><script>alert(1)</script><img src=x onerror=alert(2)>";
        lines[0] = first.ToJsonString();
        await File.WriteAllLinesAsync(articles, lines);
        var siteJson = Path.Combine(staged, BackupArchive.SiteEntry);
        var header = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(siteJson))!;
        header["Settings"]!["SocialLinks"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = "X", ["Url"] = "javascript:alert(3)" });
        await File.WriteAllTextAsync(siteJson, header.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(staged, "media", "evil.html"), "<script>alert(4)</script>");
        await File.WriteAllTextAsync(Path.Combine(staged, "media", "0123456789abcdef0123-480.jpg"), "not ours");
        // The staged folder packed again, with a valid manifest (whoever altered it can make one).
        Task PackAsync(string file) => BackupArchive.CreateAsync(file, null,
            Directory.GetFiles(staged, "*", SearchOption.AllDirectories).Select(f => (Path.GetRelativePath(staged, f).Replace('\\', '/'), f)),
            _ => { }, written => manifest with { Entries = written });
        var altered = Path.Combine(folder, "altered.site");
        await PackAsync(altered + ".part");
        File.Move(altered + ".part", altered);

        // A site.json that is not one: refused with the reason, nothing written (on an installation of
        // its own: a started one has written its demo news, and the altered file's ids would be new there).
        var broken = Path.Combine(folder, "broken.site");
        var good = await File.ReadAllTextAsync(siteJson);
        await File.WriteAllTextAsync(siteJson, "{\"Name\": 1");
        await PackAsync(broken);
        await File.WriteAllTextAsync(siteJson, good);
        using (var elsewhere = new SiteFactory())
        {
            var sites = await SitesAsync(elsewhere);
            var refused = await Backups.RunAsync(null, ["site", "import", broken, .. elsewhere.CommandArgs]);
            Assert.Equal(1, refused.Exit);
            Assert.Contains("site.json", refused.Errors);
            Assert.Equal(sites, await SitesAsync(elsewhere));
        }

        using var target = new SiteFactory();

        var import = await Backups.RunAsync(null, ["site", "import", altered, .. target.CommandArgs]);
        Assert.True(import.Exit == 0, import.Errors + import.Output);
        Assert.Contains("Пропущено media/evil.html", import.Errors);
        var moved = int.Parse(Regex.Match(import.Output, @"Сайт (\d+)").Groups[1].Value);
        Assert.False(File.Exists(Path.Combine(target.DataDirectory, "media", "evil.html")));
        Assert.False(File.Exists(Path.Combine(target.DataDirectory, "media", "0123456789abcdef0123-480.jpg")));
        await using (target.Scope(moved, out var db))
        {
            var body = (await db.Articles.SingleAsync(a => a.Id == (int)first["Id"]!)).Body;
            Assert.Contains("Текст", body);
            Assert.DoesNotContain("script", body);
            Assert.DoesNotContain("onerror", body);
            var settings = await db.SiteSettings.SingleAsync();
            Assert.NotEmpty(settings.SocialLinks);
            Assert.DoesNotContain(settings.SocialLinks, l => l.Url.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        }
        Directory.Delete(folder, recursive: true);
    }

    // A site of the source installation with news, pictures, a subscriber, an old address, a
    // revision and an editor, exported (once per test class: the host is one).
    static (int Id, string File, Newsroom.Newsroom.Account Editor)? exported;
    static readonly SemaphoreSlim Once = new(1, 1);

    async Task<(int Id, string File, Newsroom.Newsroom.Account Editor)> ExportedSiteAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (exported is { } done)
            {
                return done;
            }
            var created = await CommandRun.RunAsync(["site", "create", "--host", Host, "--name", "Громада, що переїжджає", .. site.CommandArgs]);
            Assert.True(created.Exit == 0, created.Error);
            var id = int.Parse(Regex.Match(created.Out, @"Сайт (\d+)").Groups[1].Value);
            var seeded = await CommandRun.RunAsync(["seed", "--synthetic", "40", "--site", id.ToString(), .. site.CommandArgs]);
            Assert.True(seeded.Exit == 0, seeded.Error);
            string firstDepartment;
            await using (site.Scope(id, out var db))
            {
                firstDepartment = (await db.Departments.OrderBy(d => d.Id).FirstAsync()).Slug;
            }
            var editor = await site.CreateAsync(Roles.Editor, [firstDepartment], siteId: id);
            await using (site.Scope(id, out var db))
            {
                // Bodies as the newsroom saves them (synthetic ones never passed its sanitiser; the import does it again).
                foreach (var each in await db.Articles.ToListAsync())
                {
                    each.Body = BodySanitizer.Clean(each.Body);
                }
                await db.SaveChangesAsync();
                var article = await db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).FirstAsync();
                var department = await db.Departments.OrderBy(d => d.Id).FirstAsync();
                var tag = await db.Tags.OrderBy(t => t.Id).FirstAsync();
                var subscriber = new Subscriber { Email = "reader@example.gov.ua", Stamp = Subscriber.NewStamp(), ConfirmedAt = DateTime.UtcNow.AddDays(-3) };
                // A saved search too (issue 20), filtered by the department: renumbered and filed again there.
                var search = await SavedSearches.FollowAsync(db, new SavedSearch.Spec("субсидія", "uk", [department.Id], [], null, null), DateTime.UtcNow, default);
                subscriber.Choose([(TopicKind.All, 0, Frequency.Daily), (TopicKind.Department, department.Id, Frequency.Immediately), (TopicKind.Tag, tag.Id, Frequency.Weekly),
                    (TopicKind.Search, search.Id!.Value, Frequency.Daily)]);
                db.Subscribers.Add(subscriber);
                db.OldAddresses.Add(new OldAddress { Path = "/staryi-sait/novyna.html", ArticleId = article.Id });
                db.Revisions.Add(new ArticleRevision { ArticleId = article.Id, SavedAt = DateTime.UtcNow, UserId = editor.Id, UserName = editor.Email, Action = "article.save", Title = article.Title, Slug = article.Slug, Body = article.Body });
                var settings = await db.SiteSettings.SingleAsync();
                settings.Phone = "+380 53 000 00 00";
                settings.SocialLinks = [new Visnyk.Site.SocialLink { Name = "Facebook", Url = "https://facebook.com/hromada" }];
                settings.ReportsTo = "admins@hromada.example.gov.ua";
                db.ProblemReports.Add(new Visnyk.Feedback.ProblemReport { Kind = Visnyk.Feedback.ProblemKind.Inaccessible, Page = "/news", Text = "Кнопка без назви",
                    Email = "resident@example.org", ReceivedAt = DateTime.UtcNow.AddHours(-2), HandledAt = DateTime.UtcNow.AddHours(-1), HandledBy = "admin@example.gov.ua" });
                db.Notices.Add(new Notice { Level = NoticeLevel.Warning, Text = "Відключення води в громаді", Link = "/news",
                    StartsAt = DateTime.UtcNow.AddHours(-1), EndsAt = DateTime.UtcNow.AddDays(1), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                    Translations = [new() { Language = "en", Text = "Water cut in the community" }] });
                await db.SaveChangesAsync();
            }
            var folder = Backups.TempFolder();
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "hromada.site");
            var export = await Backups.RunAsync(null, ["site", "export", id.ToString(), file, .. site.CommandArgs]);
            Assert.True(export.Exit == 0, export.Errors);
            Assert.Contains("персональні дані", export.Output);
            exported = (id, file, editor);
            return exported.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    // What must be the same after the move, keyed the way a reader or subscriber sees it.
    record Snapshot(Dictionary<string, string> Articles, List<string> Subscribers, List<string> OldAddresses, List<string> Revisions,
        string Settings, List<string> MediaFiles, List<string> EditorDepartments, string SearchWord, List<string> Reports, List<string> Notices);

    static async Task<Snapshot> SnapshotAsync(SiteFactory installation, int siteId, string editor)
    {
        await using var scope = installation.Scope(siteId, out var db);
        // News and the site's pages (with the page each stands under, by its address).
        var articles = await db.Publications.Include(a => a.Departments).Include(a => a.Tags).Include(a => a.LeadImage).Include(a => a.Gallery).ThenInclude(g => g.Image)
            .AsSplitQuery().ToListAsync();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Slug);
        var tags = await db.Tags.ToDictionaryAsync(t => t.Id, t => t.Slug);
        var searches = await db.SavedSearches.Include(s => s.Terms).ToDictionaryAsync(s => s.Id);
        string Topic(Subscription s) => s.Kind switch
        {
            TopicKind.Department => "d:" + departments[s.TopicId],
            TopicKind.Tag => "t:" + tags[s.TopicId],
            TopicKind.Search => "s:" + string.Join("/", searches[s.TopicId].Text, string.Join(",", searches[s.TopicId].Departments.Select(d => departments[d])),
                string.Join(",", searches[s.TopicId].Terms.Select(t => t.Term).Order())),
            _ => "all",
        };
        var subscribers = await db.Subscribers.Include(s => s.Subscriptions).ToListAsync();
        var images = await db.Images.ToListAsync();
        var slugs = articles.ToDictionary(a => a.Id, a => a.Slug);
        var paths = articles.ToDictionary(a => a.Id, a => a.Path);
        var settings = await db.SiteSettings.SingleAsync();
        // Who saved each revision, by address: account ids differ between installations.
        var emails = await db.Users.Where(u => db.Revisions.Any(r => r.UserId == u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email!);
        var editorDepartments = await db.Users.Where(u => u.Email == editor).SelectMany(u => u.Departments).Select(d => d.Slug).OrderBy(s => s).ToListAsync();
        return new Snapshot(
            articles.ToDictionary(a => a.Path, a => string.Join("|", a.Title, a.Status, a.PublishedAt.Ticks, a.Body.Length, a.Summary, a.LeadImage?.Key,
                a.Kind, a.ParentId is { } parent ? paths[parent] : "", a.Position, a.InMenu,
                string.Join(",", a.Departments.Select(d => d.Slug).Order()), string.Join(",", a.Tags.Select(t => t.Slug).Order()),
                string.Join(",", a.Gallery.OrderBy(g => g.Position).Select(g => g.Image.Key + ":" + g.Caption)))),
            subscribers.Select(s => string.Join("|", s.Email, s.ConfirmedAt.Ticks, s.Stamp, string.Join(",", s.Subscriptions.Select(x => Topic(x) + ":" + x.Frequency).Order()))).Order().ToList(),
            (await db.OldAddresses.ToListAsync()).Select(o => o.Path + "→" + (o.ArticleId is { } a ? slugs[a] : o.Target)).Order().ToList(),
            (await db.Revisions.ToListAsync()).Select(r => string.Join("|", slugs[r.ArticleId], r.UserName, r.Action, r.SavedAt.Ticks, emails.GetValueOrDefault(r.UserId ?? ""))).Order().ToList(),
            string.Join("|", settings.BodyName, settings.Phone, settings.ReportsTo, string.Join(",", settings.SocialLinks.Select(l => l.Name + "=" + l.Url))),
            images.SelectMany(i => i.VariantWidths.SelectMany(w => new[] { i.Url(w, "jpg"), i.Url(w, "webp") })).Select(Path.GetFileName).OfType<string>().Order().ToList(),
            editorDepartments,
            articles.Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id).First().Title.Split(' ').First(w => w.Length > 5),
            (await db.ProblemReports.ToListAsync()).Select(r => string.Join("|", r.Kind, r.Page, r.Text, r.Email, r.ReceivedAt.Ticks, r.HandledAt?.Ticks, r.HandledBy)).Order().ToList(),
            (await db.Notices.ToListAsync()).Select(n => string.Join("|", n.Level, n.Text, n.Link, n.StartsAt.Ticks, n.EndsAt?.Ticks, string.Join(",", n.Translations.Select(t => t.Language + ":" + t.Text)))).Order().ToList());
    }

    static Dictionary<string, string> Fingerprint(SiteFactory installation, List<string> files) =>
        files.ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(installation.DataDirectory, "media", f)))));

    static async Task<List<string>> SitesAsync(SiteFactory installation)
    {
        await using var scope = installation.Scope(out var db);
        return await db.Sites.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Name).ToListAsync();
    }

    // A client of the moved site's host on the target, once the target has read its hosts.
    static async Task<HttpClient> HostReadyAsync(SiteFactory installation)
    {
        await installation.Services.GetRequiredService<Visnyk.Site.SiteHosts>().ReloadAsync();
        return OtherSite.ClientOf(installation, Host);
    }

    // The page's <article> without its related news, and the related news's links.
    static async Task<(string Page, List<string> Related)> ArticleAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        var article = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("article")!;
        var related = article.QuerySelector("section.related");
        var links = related?.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Distinct().ToList() ?? [];
        related?.Remove();
        return (article.OuterHtml, links);
    }
}
