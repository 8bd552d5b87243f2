using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Articles;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Cli;

// An imported article belongs to the import only until the newsroom changes it: later imports
// (a newer export, or the same one with pictures that were missing) leave such articles as the
// newsroom has them, say so, and never bring back a withdrawn or removed article. --dry-run prints
// what would change and writes nothing.
public class WordPressReimportTests(SiteFactory site) : IClassFixture<SiteFactory>, IDisposable
{
    const string Fallback = "departament-informatsiinoi-diialnosti-ta-komunikatsii-z-hromadskistiu";
    readonly string uploads = Path.Combine(Path.GetTempPath(), "visnyk-tests", Guid.NewGuid().ToString("N"), "uploads");

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(uploads)!, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_later_import_leaves_what_the_newsroom_changed_and_never_brings_back_a_removed_article()
    {
        // Post 4's lead photo is missing: a post with a picture warning is tried again by every run.
        foreach (var file in Directory.EnumerateFiles(WordPressImportTests.Uploads, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(uploads, Path.GetRelativePath(WordPressImportTests.Uploads, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        File.Delete(Path.Combine(uploads, "2024", "03", "olympiad.jpg"));
        site.Browserless(); // the site starts: demo content and its departments
        var first = await WordPressImportTests.ImportAsync(site.DataArgs, WordPressImportTests.Export, "--uploads", uploads, "--department", Fallback);
        Assert.True(first.Exit == 0, first.Error);
        Dictionary<long, int> ids;
        await using (var scope = site.Scope(out var db))
        {
            ids = (await WordPressImportTests.ArticlesAsync(db)).ToDictionary(a => a.Key, a => a.Value.Id);
        }

        // The newsroom, through its own path: corrects post 4, removes post 6, withdraws post 12.
        await NewsroomAsync(ids[4], ArticleAction.Correct, a => a.Title = "Пʼятеро учнів вийшли до фіналу олімпіади (виправлено в редакції)");
        await NewsroomAsync(ids[6], ArticleAction.Remove);
        await NewsroomAsync(ids[12], ArticleAction.Withdraw);

        // A newer export: posts 6, 9 and 12 changed on WordPress; now with every picture.
        var xml = await File.ReadAllTextAsync(WordPressImportTests.Export);
        foreach (var title in new[] { "В обласній лікарні відкрили відділення реабілітації", "Шкільні медсестри пройшли навчання з домедичної допомоги", "День донора в обласній лікарні" })
        {
            xml = xml.ReplaceFirst($"<title><![CDATA[{title}]]></title>", $"<title><![CDATA[{title} (оновлено)]]></title>");
        }
        var newer = Path.Combine(Path.GetDirectoryName(uploads)!, "newer.xml");
        await File.WriteAllTextAsync(newer, xml);
        File.Copy(Path.Combine(WordPressImportTests.Uploads, "2024", "03", "olympiad.jpg"), Path.Combine(uploads, "2024", "03", "olympiad.jpg"));

        var revisions = await RevisionCountAsync();
        var dry = await WordPressImportTests.ImportAsync(site.DataArgs, newer, "--uploads", uploads, "--department", Fallback, "--dry-run");
        Assert.True(dry.Exit == 0, dry.Error);
        Assert.Contains("Перевірка (--dry-run), нічого не записано.", dry.Out);
        Assert.Contains("«Шкільні медсестри пройшли навчання з домедичної допомоги (оновлено)» (запис 9): оновлено", dry.Out);
        Assert.Contains("(запис 4): пропущено: змінено в редакції після імпорту", dry.Out);
        Assert.Equal(revisions, await RevisionCountAsync());

        var again = await WordPressImportTests.ImportAsync(site.DataArgs, newer, "--uploads", uploads, "--department", Fallback);
        Assert.True(again.Exit == 0, again.Error);
        foreach (var post in new[] { 4, 6, 12 })
        {
            Assert.Contains($"(запис {post}): пропущено: змінено в редакції після імпорту", again.Out);
        }
        Assert.Contains("оновлено 1, без змін 4, пропущено 1, змінено в редакції (не чіпали) 3", again.Out);
        await using (var scope = site.Scope(out var db))
        {
            var articles = await WordPressImportTests.ArticlesAsync(db);
            Assert.Equal("Пʼятеро учнів вийшли до фіналу олімпіади (виправлено в редакції)", articles[4].Title);
            Assert.Equal(ArticleStatus.Removed, articles[6].Status);
            Assert.Equal("В обласній лікарні відкрили відділення реабілітації", articles[6].Title);
            Assert.Equal(ArticleStatus.Withdrawn, articles[12].Status);
            // What the newsroom did not touch still follows the export.
            Assert.Equal("Шкільні медсестри пройшли навчання з домедичної допомоги (оновлено)", articles[9].Title);
        }
    }

    async Task NewsroomAsync(int id, ArticleAction action, Action<Article>? edit = null)
    {
        await using var scope = site.Scope(out var db);
        var article = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).SingleAsync(a => a.Id == id);
        var publishing = scope.ServiceProvider.GetRequiredService<Publishing>();
        var before = publishing.Start(article);
        edit?.Invoke(article);
        Assert.Equal(Outcome.Done, await publishing.RunAsync(article, action, Actor.Site("Редакція"), before, new ActionRequest(), default));
    }

    async Task<int> RevisionCountAsync()
    {
        await using var scope = site.Scope(out var db);
        return await db.Revisions.CountAsync();
    }
}
