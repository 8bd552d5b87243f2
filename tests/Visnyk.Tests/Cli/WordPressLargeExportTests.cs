using System.Text;
using Microsoft.EntityFrameworkCore;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// An export larger than one of the import's batches (it writes 200 posts at a time and starts each
// batch afresh): departments, tags, the --department department and the old category addresses
// made in one batch are found again by the next instead of being made twice, a post id that comes
// twice is taken once, and the same file imported again changes nothing.
public class WordPressLargeExportTests(SiteFactory site) : IClassFixture<SiteFactory>, IDisposable
{
    const string OldSite = "https://hromada.example.gov.ua";
    const int Posts = 600;
    readonly string folder = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    // Post n (1000 + n): every third has no category (it goes to --department), the rest one of four
    // categories; "Пізня рубрика" first comes in post 10 and then again only in the last batch; each
    // post has two of seven tags. The last post repeats the first one's id.
    static string Item(int n, long id)
    {
        var categories = new StringBuilder();
        if (n % 3 != 0)
        {
            var name = n == 10 || n >= 520 ? "Пізня рубрика" : $"Рубрика {n % 4}";
            categories.Append($"<category domain=\"category\" nicename=\"{Uri.EscapeDataString(name.ToLowerInvariant().Replace(' ', '-')).ToLowerInvariant()}\"><![CDATA[{name}]]></category>");
        }
        foreach (var tag in new[] { $"мітка {n % 7}", $"мітка {(n + 3) % 7}" })
        {
            categories.Append($"<category domain=\"post_tag\" nicename=\"{Uri.EscapeDataString(tag.Replace(' ', '-'))}\"><![CDATA[{tag}]]></category>");
        }
        var date = new DateTime(2020, 1, 1, 8, 0, 0).AddHours(n);
        return $"""
            <item>
            <title><![CDATA[Новина громади номер {n}]]></title>
            <link>{OldSite}/{date:yyyy}/{date:MM}/novyna-{n}/</link>
            <dc:creator><![CDATA[petro]]></dc:creator>
            <guid isPermaLink="false">{OldSite}/?p={id}</guid>
            <content:encoded><![CDATA[Перший абзац новини {n}.

            Другий абзац із <strong>важливим</strong> текстом.]]></content:encoded>
            <excerpt:encoded><![CDATA[]]></excerpt:encoded>
            <wp:post_id>{id}</wp:post_id>
            <wp:post_date><![CDATA[{date.AddHours(2):yyyy-MM-dd HH:mm:ss}]]></wp:post_date>
            <wp:post_date_gmt><![CDATA[{date:yyyy-MM-dd HH:mm:ss}]]></wp:post_date_gmt>
            <wp:post_modified_gmt><![CDATA[{date:yyyy-MM-dd HH:mm:ss}]]></wp:post_modified_gmt>
            <wp:post_name><![CDATA[novyna-{n}]]></wp:post_name>
            <wp:status><![CDATA[publish]]></wp:status>
            <wp:post_type><![CDATA[post]]></wp:post_type>
            <wp:post_password><![CDATA[]]></wp:post_password>
            {categories}
            </item>
            """;
    }

    async Task<string> ExportAsync()
    {
        var fixture = await File.ReadAllTextAsync(WordPressImportTests.Export);
        var header = fixture[..fixture.IndexOf("<item>", StringComparison.Ordinal)]
            .Replace("https://oda.example.gov.ua", OldSite, StringComparison.Ordinal);
        var xml = new StringBuilder(header);
        for (var n = 1; n <= Posts; n++)
        {
            xml.Append(Item(n, n == Posts ? 1001 : 1000 + n));
        }
        xml.Append("</channel></rss>");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "large.xml");
        await File.WriteAllTextAsync(file, xml.ToString());
        return file;
    }

    [Fact]
    public async Task An_export_of_several_batches_makes_each_department_tag_and_old_address_once_and_imports_again_as_unchanged()
    {
        var export = await ExportAsync();
        var first = await WordPressImportTests.ImportAsync(site.DataArgs, export, "--department", "Відділ комунікацій громади");
        Assert.True(first.Exit == 0, first.Error);
        Assert.Contains($"нових новин {Posts - 1}, оновлено 0, без змін 0, пропущено 1;", first.Out);
        Assert.Contains("нових підрозділів 6, міток 7;", first.Out); // four categories, the late one, --department
        Assert.Contains("(запис 1001): запис із цим номером уже був у файлі; узято перший", first.Error);

        await using (var scope = site.Scope(out var db))
        {
            var posts = await db.WordPressPosts.AsNoTracking().Where(p => p.Site == OldSite).ToListAsync();
            Assert.Equal(Posts - 1, posts.Count);
            var articles = await db.Articles.AsNoTracking().Include(a => a.Departments).Include(a => a.Tags)
                .Where(a => posts.Select(p => p.ArticleId).Contains(a.Id)).ToDictionaryAsync(a => a.Title);
            Assert.Equal(Posts - 1, articles.Count);
            Assert.Equal("Новина громади номер 1", Assert.Single(posts, p => p.PostId == 1001) is { } p1 ? articles.Values.Single(a => a.Id == p1.ArticleId).Title : null);

            var departments = await db.Departments.AsNoTracking().ToListAsync();
            Assert.Single(departments, d => d.Name == "Відділ комунікацій громади");
            Assert.Single(departments, d => d.Name == "Пізня рубрика");
            var tags = await db.Tags.AsNoTracking().Where(t => t.Name.StartsWith("мітка ")).ToListAsync();
            Assert.Equal(7, tags.Count);

            // Posts from the first and the last batch share the department and tag rows.
            foreach (var (n, department) in new[] { (3, "Відділ комунікацій громади"), (597, "Відділ комунікацій громади"), (10, "Пізня рубрика"), (598, "Пізня рубрика"), (5, "Рубрика 1"), (505, "Рубрика 1") })
            {
                var article = articles[$"Новина громади номер {n}"];
                Assert.Equal(department, Assert.Single(article.Departments).Name);
                Assert.Equal(new[] { $"мітка {(n + 3) % 7}", $"мітка {n % 7}" }.Order(), article.Tags.Select(t => t.Name).Order());
            }
            // Every third post but the last (the repeated id) went to --department.
            Assert.Equal(199, articles.Values.Count(a => a.Departments.Any(d => d.Name == "Відділ комунікацій громади")));
            Assert.Equal(1, await db.OldAddresses.CountAsync(o => o.Path == "/category/пізня-рубрика"));
            Assert.Equal(1, await db.OldAddresses.CountAsync(o => o.Path == "/tag/мітка-3"));
        }

        var again = await WordPressImportTests.ImportAsync(site.DataArgs, export, "--department", "Відділ комунікацій громади");
        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains($"нових новин 0, оновлено 0, без змін {Posts - 1}, пропущено 1;", again.Out);
        Assert.Contains("нових підрозділів 0, міток 0;", again.Out);
    }
}
