using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// Broken and hostile exports, and missing pictures: a clear Ukrainian message, exit code 1, no
// stack trace, and nothing half imported. Each test has its own throwaway data folder.
public class WordPressImportRefusalTests : DataFolder
{
    static readonly string Export = WordPressImportTests.Export;
    static readonly string Uploads = WordPressImportTests.Uploads;

    public static TheoryData<string, string, string> BadFiles => new()
    {
        // A download cut short.
        { "truncated", File.ReadAllText(Export)[..(File.ReadAllText(Export).Length * 3 / 5)], "обірвано" },
        // Billion laughs: entities that expand into gigabytes.
        { "laughs", """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol9;</title><wp:wxr_version>1.2</wp:wxr_version></channel></rss>
            """, "DTD (<!DOCTYPE …>, рядок 2)" },
        // XXE: an external entity that would read a file of the server into a post.
        { "xxe", """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://evil.example</wp:base_site_url>
            <item><title>x</title><content:encoded>&secret;</content:encoded><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
            </channel></rss>
            """, "DTD (<!DOCTYPE …>, рядок 2)" },
        // A feed, but not a WordPress export.
        { "rss", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Новини</title><link>https://example.gov.ua</link>
            <item><title>Новина</title><link>https://example.gov.ua/1</link><description>Текст</description></item></channel></rss>
            """, "не є експортом WordPress" },
        // Not XML at all.
        { "json", """{"posts": [{"title": "Новина"}]}""", "не є правильним XML" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_broken_or_hostile_file_is_refused_with_a_clear_message_and_nothing_imported(string name, string content, string message)
    {
        var file = Path.Combine(data, $"{name}.xml");
        await File.WriteAllTextAsync(file, content);

        var run = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], file, "--uploads", Uploads, "--Visnyk:DemoContent=false");

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error);
        Assert.Contains("Нічого не імпортовано.", run.Error);
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
        Assert.DoesNotContain("root:", run.Error + run.Out);
        Assert.Equal("", run.Out);
        // Refused before the database was even opened.
        Assert.False(File.Exists(Path.Combine(data, "visnyk.db")));
    }

    [Fact]
    public async Task Posts_without_a_department_need_one_named_and_then_nothing_is_imported()
    {
        var run = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], Export, "--uploads", Uploads);
        Assert.Equal(1, run.Exit);
        Assert.Contains("Записів без підрозділу: 1 («Графік особистого прийому громадян на травень»). Вкажіть, куди їх віднести: --department АДРЕСА", run.Error);

        var wrong = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], Export, "--uploads", Uploads, "--department", "nemaie-takoho");
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("Підрозділу з адресою «nemaie-takoho» немає (підрозділів на сайті ще немає). Новий підрозділ вкажіть назвою", wrong.Error);

        await using var db = Database();
        Assert.Equal(0, await db.WordPressPosts.CountAsync());
        Assert.Equal(0, await db.OldAddresses.CountAsync());
        Assert.False(await db.Departments.AnyAsync(d => d.Name == "Управління освіти"));
    }

    // A clean site (a new data folder, no departments yet) takes a text-only export: the departments
    // come from its categories and --department names a new one for the posts without; only what
    // was imported is there (no demo news or photos), and the pictures are warnings, not refusals.
    [Fact]
    public async Task A_clean_site_imports_a_text_only_export_into_new_departments_and_nothing_else()
    {
        var run = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], Export, "--department", "Прес-служба");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("нових новин 8, оновлено 0, без змін 0, пропущено 1; зображень 0", run.Out);
        Assert.Contains("нових підрозділів 3", run.Out);
        Assert.Contains("зображення «2024/03/olympiad.jpg» не перенесено: не вказано --uploads", run.Error);
        await using var db = Database();
        Assert.Equal(8, await db.Articles.CountAsync());
        Assert.Equal(0, await db.Images.CountAsync());
        Assert.False(await db.Articles.AnyAsync(a => a.Title == Visnyk.Data.DemoContent.ReferenceTitle));
        Assert.Equal(["pres-sluzhba", "upravlinnia-okhorony-zdorovia", "upravlinnia-osvity"], (await db.Departments.Select(d => d.Slug).ToListAsync()).Order());
        var articles = await WordPressImportTests.ArticlesAsync(db);
        Assert.Equal(["Прес-служба"], articles[10].Departments.Select(d => d.Name));
        Assert.Equal(["upravlinnia-osvity"], articles[4].Departments.Select(d => d.Slug));
    }

    [Fact]
    public async Task A_missing_picture_is_a_warning_the_post_is_still_imported_and_a_later_run_adds_the_picture()
    {
        var uploads = Path.Combine(data, "uploads");
        CopyFolder(Uploads, uploads);
        File.Delete(Path.Combine(uploads, "2024", "03", "olympiad.jpg"));
        // And a broken one: the body picture's original is not a JPEG any more.
        await File.WriteAllTextAsync(Path.Combine(uploads, "2024", "04", "ward.jpg"), "not a picture");

        var run = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], Export, "--uploads", uploads, "--department", "Департамент освіти і науки");

        Assert.Equal(0, run.Exit);
        Assert.Contains("Попередження: «Пʼятеро учнів Полтавщини вийшли до фіналу олімпіади з української мови» (запис 4): зображення «2024/03/olympiad.jpg» немає в теці --uploads", run.Error);
        Assert.Contains("(запис 6): Файл «ward.jpg» не є зображенням JPEG, PNG, WebP чи HEIC.", run.Error);
        Assert.Contains("нових новин 8, оновлено 0, без змін 0, пропущено 1; зображень 0; переадресацій 22", run.Out);
        Assert.Contains("попереджень 3", run.Out); // the lead photo, and the broken picture in two posts
        await using (var db = Database())
        {
            var articles = await WordPressImportTests.ArticlesAsync(db);
            Assert.Null(articles[4].LeadImage);
            Assert.StartsWith("<p>Пʼятеро учнів", articles[4].Body);
            Assert.DoesNotContain("<img", articles[6].Body);
            Assert.DoesNotContain("Палата нового відділення", articles[6].Body); // the figure went with its picture
            Assert.Contains("<h2>Що є у відділенні</h2>", articles[6].Body);
        }

        // The pictures are back: the posts that missed them are done again, the rest stay.
        CopyFolder(Uploads, uploads);
        var again = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], Export, "--uploads", uploads, "--department", "Департамент освіти і науки");
        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains("нових новин 0, оновлено 3, без змін 5, пропущено 1; зображень 2; переадресацій 0", again.Out);
        await using (var db = Database())
        {
            var articles = await WordPressImportTests.ArticlesAsync(db);
            WordPressImportTests.AssertVariantsExist(data, articles[4].LeadImage!);
            Assert.Contains("<figcaption>Палата нового відділення</figcaption>", articles[6].Body);
        }
    }

    [Fact]
    public async Task A_picture_path_that_leaves_the_uploads_folder_is_not_read()
    {
        var file = Path.Combine(data, "escape.xml");
        var xml = await File.ReadAllTextAsync(Export);
        await File.WriteAllTextAsync(file, xml.Replace("<wp:meta_value><![CDATA[2024/03/olympiad.jpg]]>", "<wp:meta_value><![CDATA[../../../../../../../../etc/passwd]]>"));

        var run = await WordPressImportTests.ImportAsync([$"--Visnyk:DataDirectory={data}"], file, "--uploads", Uploads, "--department", "Департамент освіти і науки");

        Assert.Equal(0, run.Exit);
        Assert.Contains("(запис 4): шлях до зображення «../../../../../../../../etc/passwd» виходить за межі теки --uploads; пропущено", run.Error);
        Assert.DoesNotContain("root:", run.Error + run.Out);
        await using var db = Database();
        Assert.Null((await WordPressImportTests.ArticlesAsync(db))[4].LeadImage);
    }

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
