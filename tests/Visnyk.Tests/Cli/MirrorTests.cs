using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Visnyk.Articles;
using Visnyk.Documents;
using Visnyk.Notices;
using Visnyk.People;
using Visnyk.Cli;
using Visnyk.Mirror;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Search;
using Visnyk.Site;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// `mirror export DIR` against a site with the demo content (pictures, a gallery) and enough
// synthetic news for several list pages; the mirror's files are then crawled like a browser
// opening them from disk would, and compared with what the live site serves.
public class MirrorTests(SiteFactory site) : IClassFixture<SiteFactory>, IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("visnyk-mirror-").FullName;

    public const string PublicUrl = "https://news.example.gov.ua";
    // Article 2 at a stale slug, and an article that never was.
    const string StaleLink = "/news/2-staryi-zaholovok";
    const string MissingLink = "/news/999999-nemaie";
    const string QuotedLink = "/news/%3Cb%3Evstavka%3C/b%3E";
    static readonly string[] LinkAttributes = ["href", "src", "action", "poster"];

    [Fact]
    public async Task Export_writes_every_public_page_with_relative_links_that_resolve_inside_the_mirror()
    {
        var draftId = await ArrangeAsync(site);
        var mirror = Path.Combine(folder, "mirror");

        var (exit, output, errors) = await ExportAsync(site, mirror);

        Assert.True(exit == 0, errors);
        Assert.Matches(@"\d+ сторінок, \d+ файлів, \d+[.,]\d МБ за \d+[.,]\d с", output);
        Assert.True(File.Exists(Path.Combine(mirror, MirrorCommand.Marker)));
        Assert.Contains($"Увага: сайт посилається на {MissingLink}, але відповідає «не знайдено»", errors);
        Assert.Empty(Directory.GetDirectories(folder, ".mirror.*")); // the temporary copy is gone
        var files = Directory.GetFiles(mirror, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(mirror, f).Replace('\\', '/')).ToHashSet();

        // Every link, picture (src, srcset, <picture><source>), script, style and form in every page
        // leads to a file of the mirror, by a relative path; or, for what only the live site can do, to it.
        var pages = files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)).ToList();
        var checkedLinks = 0;
        var redirects = new List<string>();
        foreach (var page in pages)
        {
            var document = await Html.ParseAsync(await File.ReadAllTextAsync(Path.Combine(mirror, page)));
            foreach (var (element, value) in Links(document))
            {
                Assert.False(value.StartsWith('/'), $"{page}: root-relative {element.LocalName} {value} breaks from disk and under a prefix");
                if (Regex.IsMatch(value, "^[a-z]+:") || value.StartsWith('#'))
                {
                    Assert.DoesNotContain("127.0.0.1", value);
                    continue;
                }
                var file = Resolve(page, value);
                if (file == MirrorPaths.FileFor(MissingLink))
                {
                    continue; // reported, below
                }
                Assert.True(files.Contains(file), $"{page}: {element.LocalName} {value} → {file} is not in the mirror");
                checkedLinks++;
            }
            if (document.QuerySelector("meta[http-equiv=refresh]") is not null)
            {
                redirects.Add(page);
                continue;
            }
            var notice = document.QuerySelector("main > p.mirror-notice:first-child");
            Assert.True(notice is not null, $"{page} has no notice that it is a copy");
            Assert.Equal("note", notice!.GetAttribute("role"));
            Assert.Contains("копія сайту станом на", notice.TextContent);
            // Search is in Ukrainian only so far: its form is on the Ukrainian pages.
            if (document.DocumentElement.GetAttribute("lang") == "uk")
            {
                Assert.Equal($"{PublicUrl}/search", document.QuerySelector("form.site-search")!.GetAttribute("action"));
            }
        }
        Assert.True(checkedLinks > 1000, $"only {checkedLinks} links checked");
        Assert.Contains(files, f => f.StartsWith("media/", StringComparison.Ordinal) && f.EndsWith(".webp", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("css/site.", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("js/site.", StringComparison.Ordinal));
        // Nothing anywhere names the loopback site the copy was made from.
        foreach (var file in files.Where(f => Regex.IsMatch(f, @"\.(html|xml|rss|atom|json|txt)$")))
        {
            Assert.DoesNotContain("127.0.0.1", await File.ReadAllTextAsync(Path.Combine(mirror, file)));
        }

        // Every published article has its page; the draft has none.
        await using (var scope = site.Scope(out var db))
        {
            // Text that looks like a link stays text: what the mirror writes in its place is escaped.
            var linking = await db.Articles.OrderBy(a => a.Id).FirstAsync();
            var quoting = await Html.ParseAsync(await File.ReadAllTextAsync(Path.Combine(mirror, $"news/{linking.Id}-{linking.Slug}/index.html")));
            Assert.Contains("Приклад розмітки: href=", quoting.Body!.TextContent);
            Assert.Contains("vstavka", quoting.Body.TextContent);
            Assert.DoesNotContain(quoting.QuerySelectorAll("main b"), b => b.TextContent.Contains("vstavka"));

            var every = await db.Articles.Published(DateTime.UtcNow).Select(a => new { a.Id, a.Slug, a.Language }).ToListAsync();
            // In every language, each at its language's address (the English ones by the language switch).
            Assert.All(every, a => Assert.Contains($"{Visnyk.Site.SiteLanguage.Of(a.Language).PathOf($"/news/{a.Id}-{a.Slug}")[1..]}/index.html", files));
            Assert.Contains(every, a => a.Language == "en");
            var published = every.Where(a => a.Language == "uk").ToList();
            Assert.True(published.Count > 60);
            Assert.DoesNotContain(files, f => f.StartsWith($"news/{draftId}-", StringComparison.Ordinal));
            var pagesOfNews = (published.Count + Paging.PageSize - 1) / Paging.PageSize;
            Assert.Contains($"news/page/{pagesOfNews}/index.html", files);
            Assert.DoesNotContain($"news/page/{pagesOfNews + 1}/index.html", files);
            Assert.DoesNotContain("news/page/1/index.html", files);
            foreach (var department in await db.Departments.Select(d => d.Slug).ToListAsync())
            {
                Assert.Contains($"departments/{department}/index.html", files);
                Assert.Contains($"feeds/departments/{department}.rss", files);
            }
            foreach (var tag in await db.Tags.Select(t => t.Slug).ToListAsync())
            {
                Assert.Contains($"tags/{tag}/index.html", files);
            }
            // Every page of the site's tree (the demo's, all published), at its address; the translated ones in English too.
            var sitePages = await db.SitePages.Where(p => p.Status == ArticleStatus.Published).Select(p => new { Path = p.PagePath!, p.Language }).ToListAsync();
            Assert.True(sitePages.Count(p => p.Language == "uk") >= 10);
            Assert.Contains(sitePages, p => p.Language == "en");
            Assert.All(sitePages, p => Assert.Contains($"{Visnyk.Site.SiteLanguage.Of(p.Language).PathOf(p.Path)[1..]}/index.html", files));
            // Every person's page, every public document's page and its signed files, byte for byte.
            Assert.Contains("people/index.html", files);
            foreach (var person in await db.People.Select(p => p.Slug).ToListAsync())
            {
                Assert.Contains($"people/{person}/index.html", files);
            }
            var documents = await db.Documents.Where(d => d.Status == ArticleStatus.Published).Include(d => d.Files).ToListAsync();
            Assert.True(documents.Count >= 4);
            Assert.Contains("documents/index.html", files);
            foreach (var document in documents)
            {
                Assert.Contains($"{document.Path[1..]}/index.html", files);
                foreach (var file in document.Files)
                {
                    var bytes = await db.FileContents.Where(c => c.Key == file.Key).Select(c => c.Data).SingleAsync();
                    Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(mirror, file.Path[1..])));
                }
            }
        }
        Assert.Contains(files, f => Regex.IsMatch(f, "^(departments|tags)/[^/]+/page/2/index.html$"));

        // The stale address is a page that sends readers on to the article's own.
        await using (var scope = site.Scope(out var db))
        {
            var slug = await db.Articles.Where(a => a.Id == 2).Select(a => a.Slug).SingleAsync();
            var stub = await Html.ParseAsync(await File.ReadAllTextAsync(Path.Combine(mirror, MirrorPaths.FileFor(StaleLink)!)));
            Assert.Equal($"0; url=../2-{slug}/index.html", stub.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        }

        // Feeds, sitemaps, robots.txt, the 404 page and the open data are there too.
        foreach (var file in (string[])["feeds/news.rss", "feeds/news.atom", "feeds/notices.atom", "api/v1/notice.json", "sitemap.xml", "sitemaps/pages.xml", "sitemaps/news-1.xml", "robots.txt", "404.html", "sitemap/index.html", "accessibility/index.html", "index.html", "news/index.html"])
        {
            Assert.Contains(file, files);
        }
        Assert.Contains($"{PublicUrl}/news/", await File.ReadAllTextAsync(Path.Combine(mirror, "sitemaps/news-1.xml")));
        Assert.Contains(Visnyk.Text.NotFoundTitle, await File.ReadAllTextAsync(Path.Combine(mirror, "404.html")));
        using var departments = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(mirror, "api/v1/departments.json")));
        using (var notices = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(mirror, "api/v1/notice.json"))))
        {
            Assert.Equal(MirrorNotice, Assert.Single(notices.RootElement.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        }
        foreach (var page in new[] { "index.html", "news/index.html" })
        {
            var copy = await Html.ParseAsync(await File.ReadAllTextAsync(Path.Combine(mirror, page)));
            Assert.Equal(MirrorNotice, copy.QuerySelector("body > section.site-notice--danger .site-notice__text span")?.TextContent);
        }
        Assert.True(departments.RootElement.GetProperty("items").GetArrayLength() > 0);

        // Each page's main content is what the live site serves, its links leading to the same pages.
        var live = site.Client();
        Assert.Equal([MirrorPaths.FileFor(StaleLink)!], redirects);
        foreach (var page in pages.Where(p => p != "404.html" && !redirects.Contains(p)))
        {
            var address = AddressOf(page);
            var copy = (await Html.ParseAsync(await File.ReadAllTextAsync(Path.Combine(mirror, page)))).QuerySelector("main")!;
            copy.QuerySelector(".mirror-notice")!.Remove();
            var original = (await live.GetDocumentAsync(address)).QuerySelector("main")!;
            // Related news and documents come from each process's own search index (as on two
            // instances of the site): the live one has deletions (and English articles' updates) in
            // its statistics, the mirror's is fresh, so close scores can order differently, and a
            // document at the threshold of shared words can be related in one and not the other.
            // Both have the related news or neither.
            Assert.Equal(original.QuerySelector(".related:not(.related-documents)") is null, copy.QuerySelector(".related:not(.related-documents)") is null);
            foreach (var related in original.QuerySelectorAll(".related").Concat(copy.QuerySelectorAll(".related")).ToList())
            {
                related.Remove();
            }
            Assert.True(Text(original) == Text(copy), $"{address}: main content differs from the live site's\n{Text(original)}\n{Text(copy)}");
            var originalLinks = original.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
            var copyLinks = copy.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Equal(originalLinks.Count, copyLinks.Count);
            foreach (var (was, now) in originalLinks.Zip(copyLinks))
            {
                if (was.StartsWith('/') && MirrorPaths.FileFor(was.Split('#')[0]) is { } expected)
                {
                    Assert.Equal(expected, Resolve(page, now));
                }
            }
        }
    }

    [Fact]
    public async Task A_target_whose_parent_is_a_file_fails_with_a_clear_message_and_writes_nothing()
    {
        var blocker = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");

        var (exit, _, errors) = await ExportAsync(site, Path.Combine(blocker, "mirror"));

        Assert.Equal(1, exit);
        Assert.Contains("Помилка: не вдалося створити тимчасову теку", errors);
        Assert.Contains("Дзеркало не створено.", errors);
        Assert.Equal("x", await File.ReadAllTextAsync(blocker));
        Assert.Equal([blocker], Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task A_folder_of_other_files_is_not_replaced()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "чужі файли");

        var (exit, _, errors) = await ExportAsync(site, folder);

        Assert.Equal(1, exit);
        Assert.Contains("не порожня й не є дзеркалом", errors);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.*"));
    }

    [Fact]
    public async Task With_background_jobs_off_the_site_runs_none_of_its_own_hosted_services()
    {
        // The application is this binary, not the test host (its pages and static assets).
        string[] args = [.. site.DataArgs, "--Visnyk:DemoContent=false", "--applicationName=Visnyk"];
        await using var normal = SiteApp.Build(args);
        await using var serving = SiteApp.Build([.. args, "--Visnyk:BackgroundJobs=false"]);

        var ours = typeof(SiteApp).Assembly;
        var jobs = normal.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.Contains(typeof(Visnyk.Newsletter.MailSender), jobs);
        Assert.Contains(typeof(Visnyk.Newsroom.ScheduledPublisher), jobs);
        Assert.Contains(typeof(SearchIndexer), jobs);
        var left = serving.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.DoesNotContain(left, t => t.Assembly == ours);
        // Kestrel's own hosted service stays: the pages are still served.
        Assert.Contains(left, t => t.Name == "GenericWebHostService");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // Demo content plus synthetic news for several pages of every list; one article is a draft.
    public const string MirrorNotice = "Загроза ракетного удару: пройдіть в укриття.";

    public static async Task<int> ArrangeAsync(SiteFactory site)
    {
        await using var scope = site.Scope(out var db);
        if (await db.Articles.CountAsync() < 50)
        {
            await SyntheticContent.AddAsync(db, scope.ServiceProvider.GetRequiredService<ImagePipeline>(), 60, DateTime.UtcNow.AddMinutes(-1), null, CancellationToken.None);
        }
        var draft = await db.Articles.OrderBy(a => a.Id).LastAsync();
        draft.Status = ArticleStatus.Draft;
        // An editor's links in a body: to an article by its old title's address (the site
        // redirects), and to one that no longer exists.
        var linking = await db.Articles.OrderBy(a => a.Id).FirstAsync();
        if (!linking.Body.Contains(StaleLink))
        {
            linking.Body += $"<p><a href=\"{StaleLink}\">Раніше</a> і <a href=\"{MissingLink}\">зникле</a>.</p>";
            // Markup quoted in the text, as the sanitizer leaves it (quotes as they are): an address
            // of the site whose path, unescaped, is a tag.
            linking.Body += $"<p>Приклад розмітки: href=\"{QuotedLink}\"</p>";
        }
        // An urgent notice: the copy carries it on every page and in its open data, as a site that falls in an attack would want.
        if (!await db.Notices.AnyAsync())
        {
            db.Notices.Add(new Notice { Level = NoticeLevel.Danger, Text = MirrorNotice, Link = "/news",
                StartsAt = DateTime.UtcNow.AddMinutes(-5), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
        // The live site's search index (related news) up to date, as the mirror's own is.
        await site.Services.GetRequiredService<SearchIndexer>().CatchUpAsync();
        return draft.Id;
    }

    public static async Task<(int Exit, string Output, string Errors)> ExportAsync(SiteFactory site, string target)
    {
        var run = await CommandRun.RunAsync(["mirror", "export", target, .. site.DataArgs, $"--Visnyk:PublicUrl={PublicUrl}"]);
        return (run.Exit, run.Out, run.Error);
    }

    public static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    static IEnumerable<(IElement Element, string Value)> Links(IDocument document)
    {
        foreach (var element in document.All)
        {
            foreach (var name in LinkAttributes)
            {
                if (element.GetAttribute(name) is { } value)
                {
                    yield return (element, value);
                }
            }
            if (element.GetAttribute("srcset") is { } srcset)
            {
                foreach (var candidate in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    yield return (element, candidate.Split(' ')[0]);
                }
            }
        }
    }

    // The mirror file a relative link from a mirror file leads to.
    static string Resolve(string fromFile, string link)
    {
        var path = Uri.UnescapeDataString(link.Split('#')[0].Split('?')[0]);
        var full = Path.GetFullPath(Path.Combine("/m", Path.GetDirectoryName(fromFile) ?? "", path));
        return Path.GetRelativePath("/m", full).Replace('\\', '/');
    }

    // news/page/2/index.html → /news?page=2
    static string AddressOf(string file)
    {
        var path = "/" + file[..^"index.html".Length].TrimEnd('/');
        var paged = Regex.Match(path, "^(.*)/page/([0-9]+)$");
        return paged.Success ? $"{(paged.Groups[1].Value.Length == 0 ? "/" : paged.Groups[1].Value)}?page={paged.Groups[2].Value}" : path;
    }

    static string Text(IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}

// A new export replaces the mirror whole. The site breaks during an export (an article that
// cannot be read): the export stops, exits non-zero with a clear message, and the mirror made
// before stays exactly as it was.
public class MirrorFailureTests(SiteFactory site) : IClassFixture<SiteFactory>, IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("visnyk-mirror-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_new_export_replaces_the_mirror_and_one_failing_mid_export_leaves_it_untouched()
    {
        await MirrorTests.ArrangeAsync(site);
        var mirror = Path.Combine(folder, "mirror");
        var (first, _, firstErrors) = await MirrorTests.ExportAsync(site, mirror);
        Assert.True(first == 0, firstErrors);
        // A second export replaces the first whole: what the site no longer has goes too.
        await File.WriteAllTextAsync(Path.Combine(mirror, "news", "gone.html"), "знята новина");
        var (second, _, secondErrors) = await MirrorTests.ExportAsync(site, mirror);
        Assert.True(second == 0, secondErrors);
        Assert.False(File.Exists(Path.Combine(mirror, "news", "gone.html")));
        Assert.True(File.Exists(Path.Combine(mirror, "index.html")));
        Assert.Equal(["mirror"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        var before = MirrorTests.Snapshot(mirror);

        // The oldest article's time of change becomes unreadable (the year 20000: a time either
        // database keeps, and .NET cannot read): the home page still renders (and
        // the search index builds: it does not read that column), but the news sitemap, the last
        // page of the news list and the article's own page fail with 500.
        await using (var scope = site.Scope(out var db))
        {
            var broken = await db.Articles.Published(DateTime.UtcNow).OrderBy(a => a.PublishedAt).Select(a => a.Id).FirstAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"Articles\" SET \"UpdatedAt\" = '20000-01-01 00:00:00+00' WHERE \"Id\" = {broken}");
        }
        Assert.Equal(System.Net.HttpStatusCode.OK, (await site.Client().GetAsync("/")).StatusCode);

        var (exit, _, errors) = await MirrorTests.ExportAsync(site, mirror);

        Assert.Equal(1, exit);
        Assert.True(Regex.IsMatch(errors, "Помилка: сайт відповів 500 на /"), errors);
        Assert.Contains($"Дзеркало не оновлено; попереднє в {mirror} лишилося як було.", errors);
        Assert.Equal(before, MirrorTests.Snapshot(mirror));
        Assert.Equal(["mirror"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }
}

// `mirror export DIR --site ID`: another site of the installation, crawled on its primary host.
// Its mirror holds its own news and none of site 1's, links to its own https address, and names
// it in the marker; site 1's mirror still works where unknown names get 404; a site without a
// host (or none at all) is refused with nothing written.
public class MirrorSiteTests(SiteFactory site) : IClassFixture<SiteFactory>, IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("visnyk-mirror-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Another_sites_mirror_has_its_pages_on_its_address_and_none_of_the_default_sites()
    {
        var other = await Visnyk.Tests.Site.OtherSite.CreateAsync(site, 2, "hromada-mirror.test");
        string defaultTitle;
        await using (site.Scope(out var db))
        {
            defaultTitle = (await db.Articles.Published(DateTime.UtcNow).OrderByDescending(a => a.PublishedAt).FirstAsync()).Title;
        }
        var mirror = Path.Combine(folder, "hromada");

        var run = await CommandRun.RunAsync(["mirror", "export", mirror, "--site", "2", .. site.DataArgs]);

        Assert.True(run.Exit == 0, run.Error);
        Assert.StartsWith("Дзеркало https://hromada-mirror.test,", await File.ReadAllTextAsync(Path.Combine(mirror, MirrorCommand.Marker)));
        var pages = Directory.GetFiles(mirror, "*.html", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.DoesNotContain(pages, page => page.Contains(defaultTitle));
        var article = await Html.ParseAsync(Assert.Single(pages, page => page.Contains($"<h1 id=\"article-title\">{other.ArticleTitle}</h1>")));
        Assert.StartsWith("https://hromada-mirror.test/news/", article.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        var home = await Html.ParseAsync(await File.ReadAllTextAsync(Path.Combine(mirror, "index.html")));
        Assert.Contains(other.Name, home.Title);

        // Site 1's mirror where names no site has get 404 (as many sites are configured): the
        // crawl's own loopback name must still reach site 1.
        var defaultMirror = Path.Combine(folder, "default");
        var oblast = await CommandRun.RunAsync(["mirror", "export", defaultMirror, .. site.DataArgs,
            $"--Visnyk:PublicUrl={MirrorTests.PublicUrl}", "--Visnyk:Sites:UnknownHost=NotFound"]);
        Assert.True(oblast.Exit == 0, oblast.Error);
        Assert.Contains(defaultTitle, await File.ReadAllTextAsync(Path.Combine(defaultMirror, "index.html")));

        var missing = await CommandRun.RunAsync(["mirror", "export", Path.Combine(folder, "none"), "--site", "99", .. site.DataArgs]);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("сайт 99 не має основного домену", missing.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "none")));
    }
}

// Where addresses go in the mirror: pages as folders, list pages under page/N, files as they
// are; what only the live site can answer, or what tries to climb out of the mirror, nowhere.
public class MirrorPathsTests
{
    [Theory]
    [InlineData("/", "index.html")]
    [InlineData("/news", "news/index.html")]
    [InlineData("/news?page=3", "news/page/3/index.html")]
    [InlineData("/news/12-slug", "news/12-slug/index.html")]
    [InlineData("/tags/sport?page=2", "tags/sport/page/2/index.html")]
    [InlineData("/sitemap", "sitemap/index.html")]
    [InlineData("/media/abc-480.webp", "media/abc-480.webp")]
    [InlineData("/css/site.a9qxhyczbg.css", "css/site.a9qxhyczbg.css")]
    [InlineData("/feeds/tags/sport.atom", "feeds/tags/sport.atom")]
    [InlineData("/error/404", "404.html")]
    [InlineData("/api/v1/tags", "api/v1/tags.json")]
    [InlineData("/en/news?page=2", "en/news/page/2/index.html")]
    [InlineData("/api/v1/notice", "api/v1/notice.json")]
    public void Public_addresses_have_files(string address, string file)
    {
        Assert.Equal(file, MirrorPaths.FileFor(address));
        // And back (MirrorSync reads what the mirror holds as addresses to bring up to date).
        Assert.Equal(address, MirrorPaths.AddressOf(file));
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=пенсії")]
    [InlineData("/feeds/search.rss?q=x")]
    [InlineData("/en/search?q=x")]
    [InlineData("/en/feeds/search.rss")]
    [InlineData("/en/subscribe")]
    [InlineData("/subscribe")]
    [InlineData("/subscribe/manage/token")]
    [InlineData("/admin/articles")]
    [InlineData("/preview/token")]
    [InlineData("/news?from=2025-01-01")]
    [InlineData("/news?page=2&q=x")]
    [InlineData("/news?page=-1")]
    [InlineData("/media/x.jpg?v=1")]
    [InlineData("/api/v1/news?page=7")]
    [InlineData("/news/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/media/..%2f..%2fvisnyk.db")]
    [InlineData("/media/a%5c..%5c..%5cx.jpg")]
    public void Live_only_and_hostile_addresses_have_none(string address) => Assert.Null(MirrorPaths.FileFor(address));

    [Theory]
    [InlineData("news/12-slug/index.html", "index.html", "../../index.html")]
    [InlineData("news/12-slug/index.html", "news/13-other/index.html", "../13-other/index.html")]
    [InlineData("index.html", "media/a-480.jpg", "media/a-480.jpg")]
    [InlineData("news/index.html", "news/index.html", "index.html")]
    [InlineData("news/page/2/index.html", "css/site.css", "../../../css/site.css")]
    [InlineData("index.html", "tags/ukraïna/index.html", "tags/ukra%C3%AFna/index.html")]
    public void Links_between_files_are_relative(string from, string to, string link) => Assert.Equal(link, MirrorPaths.Link(from, to));
}
