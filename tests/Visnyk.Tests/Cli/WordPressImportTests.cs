using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Import;
using Visnyk.Newsletter;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// `import wordpress` with an export made by a real WordPress 6.1 (Fixtures/wordpress, see its
// make-export/README.md): into the data folder of a running site, then read back through the
// database and the site's own pages.
public class WordPressImportTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    public static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Cli", "Fixtures", "wordpress");
    public static readonly string Export = Path.Combine(Fixture, "export.xml");
    public static readonly string Uploads = Path.Combine(Fixture, "uploads");
    const string OldSite = "https://oda.example.gov.ua";
    const string Fallback = "departament-informatsiinoi-diialnosti-ta-komunikatsii-z-hromadskistiu";

    [Fact]
    public async Task A_WordPress_site_becomes_articles_with_pictures_departments_tags_authors_and_old_addresses()
    {
        var client = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // the site runs, with its demo content
        int mailingsBefore, educationTag;
        await using (site.Scope(out var db))
        {
            mailingsBefore = await db.Mailings.CountAsync();
            educationTag = (await db.Tags.SingleAsync(t => t.Name == "освіта")).Id; // from the demo content
        }
        // One of the two WordPress authors already has a newsroom account (same e-mail address).
        string olenaId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var olena = new User { UserName = "olena@oda.example.gov.ua", Email = "olena@oda.example.gov.ua", DisplayName = "Олена Коваленко" };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<User>>().CreateAsync(olena)).Succeeded);
            olenaId = olena.Id;
        }

        var run = await ImportAsync(site.DataArgs, Export, "--uploads", Uploads, "--department", Fallback);
        Assert.Equal(0, run.Exit);
        Assert.Contains("нових новин 8, оновлено 0, без змін 0, пропущено 1; зображень 2; переадресацій 22; нових підрозділів 2, міток 4; попереджень 0", run.Out);
        Assert.Contains("100% 9/9 записів", run.Error);

        await using (site.Scope(out var db))
        {
            var articles = await ArticlesAsync(db);
            Assert.Equal([4, 6, 9, 10, 11, 12, 15, 16], articles.Keys.Order()); // no trash (13), pages (2, 3, 17), attachments (5, 7) or revisions (8)

            var olympiad = articles[4];
            Assert.Equal("Пʼятеро учнів Полтавщини вийшли до фіналу олімпіади з української мови", olympiad.Title);
            Assert.Equal("piatero-uchniv-poltavshchyny-vyishly-do-finalu-olimpiady-z-ukrainskoi-movy", olympiad.Slug);
            Assert.Equal(ArticleStatus.Published, olympiad.Status);
            Assert.Equal(new DateTime(2024, 3, 12, 8, 30, 0, DateTimeKind.Utc), olympiad.PublishedAt); // post_date_gmt, not Kyiv's 10:30
            Assert.Equal("Пʼятеро учнів представлять область на заключному етапі олімпіади.", olympiad.Summary);
            // The classic editor's blank lines and line breaks, as WordPress shows them.
            Assert.StartsWith("<p>Пʼятеро учнів із Полтави, Кременчука та Лубен", olympiad.Body);
            Assert.Contains("<p><strong>Вітаємо переможців</strong> і їхніх учителів!<br>\nДякуємо батькам за підтримку.</p>", olympiad.Body);
            Assert.Equal(3, new HtmlParser().ParseDocument(olympiad.Body).QuerySelectorAll("p").Length);
            Assert.Equal(["Управління освіти"], olympiad.Departments.Select(d => d.Name));
            Assert.Equal(["олімпіада", "освіта"], olympiad.Tags.Select(t => t.Name).Order());
            Assert.Contains(educationTag, olympiad.Tags.Select(t => t.Id)); // an existing tag is reused
            Assert.Equal("Учасники олімпіади в актовій залі ліцею", olympiad.LeadImage!.Alt);
            Assert.Equal("Учасники олімпіади. Фото: управління освіти", olympiad.LeadImage.Caption);
            AssertVariantsExist(site.DataDirectory, olympiad.LeadImage);

            // Block editor: no block comments left; the image block points at the site's media.
            var clinic = articles[6];
            Assert.DoesNotContain("wp:", clinic.Body);
            Assert.Contains("<h2>Що є у відділенні</h2>", clinic.Body);
            Assert.Contains("<li>зал лікувальної фізкультури;</li>", clinic.Body);
            var picture = new HtmlParser().ParseDocument(clinic.Body).QuerySelector("figure img")!;
            Assert.Matches("^/media/[0-9a-f]{20}-960\\.jpg$", picture.GetAttribute("src"));
            Assert.Equal("Світла палата з двома ліжками", picture.GetAttribute("alt"));
            Assert.Contains("<figcaption>Палата нового відділення</figcaption>", clinic.Body);
            var key = picture.GetAttribute("src")![7..27];
            var ward = await db.Images.SingleAsync(i => i.Key == key); // in the media library
            Assert.Equal(1100, ward.Width); // the original, not WordPress's 1024px copy the post showed
            AssertVariantsExist(site.DataDirectory, ward);
            Assert.Equal("Відділення розраховане на 30 ліжок. Тут лікуватимуть пацієнтів після травм та операцій.", clinic.Summary);
            Assert.Equal(["Управління охорони здоров’я"], clinic.Departments.Select(d => d.Name));

            // Classic editor's [caption] around the 300px copy: a figure with the same picture.
            var training = articles[9];
            Assert.Contains($"<figure><img src=\"/media/{key}-960.jpg\" alt=\"Світла палата з двома ліжками\" width=\"960\" height=\"640\"><figcaption>Заняття в навчальному класі</figcaption></figure>", training.Body);
            Assert.Equal(["Управління освіти", "Управління охорони здоров’я"], training.Departments.Select(d => d.Name).Order());

            Assert.Equal([Fallback], articles[10].Departments.Select(d => d.Slug)); // only "Uncategorized" in WordPress
            Assert.Equal(ArticleStatus.Draft, articles[11].Status);
            Assert.Equal(ArticleStatus.Draft, articles[16].Status); // pending review
            Assert.Equal(ArticleStatus.Scheduled, articles[12].Status);
            Assert.Equal(new DateTime(2030, 6, 10, 5, 0, 0, DateTimeKind.Utc), articles[12].PublishedAt);
            Assert.Equal("Обласний центр здоров'я підбив підсумки кампанії щеплень & скринінгу", articles[15].Title);
            Assert.Equal("vaccination-results-2024", articles[15].Slug); // a Latin slug chosen in WordPress stays

            // Authors: recorded in the revision, as the newsroom records who wrote a version.
            var revisions = await db.Revisions.Where(r => r.ArticleId == olympiad.Id || r.ArticleId == clinic.Id).ToListAsync();
            Assert.Equal(("Олена Коваленко", olenaId), revisions.Where(r => r.ArticleId == olympiad.Id).Select(r => (r.UserName, r.UserId)).Single());
            Assert.Equal(("Петро Мʼязь", (string?)null), revisions.Where(r => r.ArticleId == clinic.Id).Select(r => (r.UserName, r.UserId)).Single());
            Assert.Equal("article.import", revisions[0].Action);
            Assert.Equal(mailingsBefore, await db.Mailings.CountAsync());
            // Logged for the search index of every instance, in the same transaction.
            var imported = articles.Values.Select(a => a.Id).ToList();
            Assert.Equal(imported.Order(), (await db.ArticleChanges.Where(c => imported.Contains(c.ArticleId)).Select(c => c.ArticleId).Distinct().ToListAsync()).Order());
        }

        // The old addresses answer 301 with the new one, and it renders.
        var ids = await ArticleIdsAsync();
        var permalink = await client.GetAsync("/2024/03/%d0%9f%ca%bc%d1%8f%d1%82%d0%b5%d1%80%d0%be-%d1%83%d1%87%d0%bd%d1%96%d0%b2-%d0%9f%d0%be%d0%bb%d1%82%d0%b0%d0%b2%d1%89%d0%b8%d0%bd%d0%b8-%d0%b2%d0%b8%d0%b9%d1%88%d0%bb%d0%b8-%d0%b4%d0%be-%d1%84%d1%96/");
        Assert.Equal(HttpStatusCode.MovedPermanently, permalink.StatusCode);
        Assert.Equal($"/news/{ids[4]}-piatero-uchniv-poltavshchyny-vyishly-do-finalu-olimpiady-z-ukrainskoi-movy", permalink.Headers.Location!.OriginalString);
        var shortLink = await client.GetAsync("/?p=6");
        Assert.Equal(HttpStatusCode.MovedPermanently, shortLink.StatusCode);
        Assert.Equal($"/news/{ids[6]}-v-oblasnii-likarni-vidkryly-viddilennia-reabilitatsii", shortLink.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await client.GetAsync("/2024/05/vaccination-results-2024/")).StatusCode);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(shortLink.Headers.Location));
        Assert.Equal("В обласній лікарні відкрили відділення реабілітації", page.QuerySelector("h1")!.TextContent.Trim());
        var shown = page.QuerySelector("figure img[src^='/media/']")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(shown)).StatusCode);
        var lead = new HtmlParser().ParseDocument(await client.GetStringAsync(permalink.Headers.Location));
        Assert.NotNull(lead.QuerySelector("img[alt='Учасники олімпіади в актовій залі ліцею']"));
        // Unpublished articles keep their secret: the draft's short link is just the home page, unknown addresses 404.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?p=11")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/2024/03/nothing-here/")).StatusCode);

        // The same file again: nothing new, nothing changed.
        var counts = await CountsAsync();
        var again = await ImportAsync(site.DataArgs, Export, "--uploads", Uploads, "--department", Fallback);
        Assert.Equal(0, again.Exit);
        Assert.Contains("нових новин 0, оновлено 0, без змін 8, пропущено 1; зображень 0; переадресацій 0; нових підрозділів 0, міток 0", again.Out);
        Assert.Equal(counts, await CountsAsync());

        // A newer export: the changed posts are updated in place, nobody is mailed (the draft
        // now published just now would otherwise alert subscribers).
        var changed = Path.Combine(site.DataDirectory, "changed.xml");
        var xml = await File.ReadAllTextAsync(Export);
        xml = xml.Replace("<title><![CDATA[Пʼятеро учнів Полтавщини", "<title><![CDATA[Шестеро учнів Полтавщини");
        var now = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss");
        var draft = xml.IndexOf("<wp:post_id>11</wp:post_id>", StringComparison.Ordinal);
        xml = xml[..draft] + xml[draft..].ReplaceFirst("0000-00-00 00:00:00", now).ReplaceFirst("<wp:status><![CDATA[draft]]>", "<wp:status><![CDATA[publish]]>");
        // And the post with a Latin address went to the trash: taken off the site.
        var vaccination = xml.IndexOf("<wp:post_id>15</wp:post_id>", StringComparison.Ordinal);
        xml = xml[..vaccination] + xml[vaccination..].ReplaceFirst("<wp:status><![CDATA[publish]]>", "<wp:status><![CDATA[trash]]>");
        await File.WriteAllTextAsync(changed, xml);
        var update = await ImportAsync(site.DataArgs, changed, "--uploads", Uploads, "--department", Fallback);
        Assert.Equal(0, update.Exit);
        Assert.Contains("нових новин 0, оновлено 2, без змін 5, пропущено 2, знято з публікації 1;", update.Out);
        await using (site.Scope(out var db))
        {
            var articles = await ArticlesAsync(db);
            Assert.Equal(ids[4], articles[4].Id);
            Assert.StartsWith("Шестеро учнів", articles[4].Title);
            // WordPress kept the post's address when the title changed, cut at 200 bytes; so does the import.
            Assert.Equal("piatero-uchniv-poltavshchyny-vyishly-do-fi", articles[4].Slug);
            Assert.Equal(ArticleStatus.Published, articles[11].Status);
            Assert.Equal(ArticleStatus.Withdrawn, articles[15].Status);
            Assert.Equal(mailingsBefore, await db.Mailings.CountAsync());
            Assert.Equal(counts.Articles, await db.Articles.CountAsync());
        }
        var moved = await client.GetAsync("/?p=4");
        Assert.Equal($"/news/{ids[4]}-{(await ArticlesAsync())[4].Slug}", moved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/2024/05/vaccination-results-2024/")).StatusCode);

        // Categories as tags instead: every post goes to the chosen department, its categories become tags.
        var asTags = await ImportAsync(site.DataArgs, changed, "--uploads", Uploads, "--categories", "tags", "--department", Fallback);
        Assert.Equal(0, asTags.Exit);
        Assert.Contains("нових новин 0, оновлено 7, без змін 0, пропущено 2;", asTags.Out);
        var retagged = await ArticlesAsync();
        Assert.Equal([Fallback], retagged[9].Departments.Select(d => d.Slug));
        Assert.Equal(["Управління освіти", "Управління охорони здоров’я", "медицина", "освіта"], retagged[9].Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    // Every width in JPEG, WebP and AVIF, as uploads from the newsroom get them.
    internal static void AssertVariantsExist(string dataDirectory, Visnyk.Media.Image image)
    {
        Assert.NotEmpty(image.VariantWidths);
        Assert.True(image.HasAvif);
        foreach (var width in image.VariantWidths)
        {
            foreach (var format in new[] { "jpg", "webp", "avif" })
            {
                Assert.True(File.Exists(Path.Combine(dataDirectory, "media", $"{image.Key}-{width}.{format}")), $"{image.Key}-{width}.{format}");
            }
        }
    }

    async Task<Dictionary<long, Article>> ArticlesAsync()
    {
        await using var scope = site.Scope(out var db);
        return await ArticlesAsync(db);
    }

    // The imported articles by WordPress post id.
    internal static async Task<Dictionary<long, Article>> ArticlesAsync(VisnykDb db)
    {
        var posts = await db.WordPressPosts.Where(p => p.Site == OldSite).ToDictionaryAsync(p => p.ArticleId, p => p.PostId);
        var articles = await db.Articles.AsNoTracking().Include(a => a.Departments).Include(a => a.Tags).Include(a => a.LeadImage)
            .Where(a => posts.Keys.Contains(a.Id)).ToListAsync();
        return articles.ToDictionary(a => posts[a.Id]);
    }

    async Task<Dictionary<long, int>> ArticleIdsAsync() => (await ArticlesAsync()).ToDictionary(a => a.Key, a => a.Value.Id);

    async Task<(int Articles, int Images, int Revisions, int Addresses, int Tags, int Departments, int Changes)> CountsAsync()
    {
        await using var scope = site.Scope(out var db);
        return (await db.Articles.CountAsync(), await db.Images.CountAsync(), await db.Revisions.CountAsync(), await db.OldAddresses.CountAsync(),
            await db.Tags.CountAsync(), await db.Departments.CountAsync(), await db.ArticleChanges.CountAsync());
    }

    internal static async Task<(int Exit, string Out, string Error)> ImportAsync(string[] dataArgs, params string[] args)
    {
        var run = await CommandRun.RunAsync(["import", "wordpress", .. args, .. dataArgs, "--Logging:LogLevel:Default=Warning"]);
        return (run.Exit, run.Out, run.Error);
    }
}

static class Strings
{
    public static string ReplaceFirst(this string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"not found: {what}") : text[..at] + with + text[(at + what.Length)..];
    }
}
