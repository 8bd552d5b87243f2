using System.Diagnostics;
using Visnyk.Data;
using Visnyk.Import;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Cli;

// `import wordpress FILE.xml [--uploads DIR] [--categories departments|tags] [--department SLUG|NAME] [--dry-run] [--site ID]`:
// moves a WordPress site (its export from Tools → Export, and a copy of wp-content/uploads) into
// the newsroom. Without --uploads the text comes over and every picture is a warning. Running it
// again with the same file changes nothing; with a newer export it updates the posts that changed.
// An article belongs to the import only until the newsroom changes it; later runs leave it alone.
public static class WordPressImportCommand
{
    public static async Task<int> RunAsync(string file, ParsedCommand command)
    {
        var (uploads, department) = (command.Option("--uploads"), command.Option("--department"));
        var configArgs = command.Settings;
        var categories = command.Option("--categories") switch
        {
            null or "departments" => CategoriesAs.Departments,
            "tags" => CategoriesAs.Tags,
            _ => (CategoriesAs)(-1),
        };
        if (!Enum.IsDefined(categories))
        {
            Console.Error.WriteLine($"Помилка: --categories приймає departments (рубрики стають структурними підрозділами) або tags (рубрики стають мітками), а не «{command.Option("--categories")}».");
            return 2;
        }
        if (uploads is not null && !Directory.Exists(uploads))
        {
            Console.Error.WriteLine($"Помилка: теки «{uploads}» (--uploads) немає.");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        try
        {
            // The whole file is read and checked before the database is opened.
            var export = WordPressExportReader.Read(file);

            var builder = Host.CreateApplicationBuilder([.. configArgs]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
            builder.Services.AddVisnykData(site);
            using var host = builder.Build();
            await host.Services.PrepareDatabaseAsync();
            ImageUpload.ConfigureLibvips();

            // Into one site (--site): its articles, departments, tags, media and old addresses.
            if (await Commands.SiteScopeAsync(host.Services, Commands.SiteOf(command)) is not { } siteScope)
            {
                return 1;
            }
            await using var scope = siteScope;
            var importer = new WordPressImporter(scope.ServiceProvider.GetRequiredService<VisnykDb>(),
                scope.ServiceProvider.GetRequiredService<ImagePipeline>(), site.Media, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            var dryRun = command.Flags.Contains("--dry-run");
            var report = await importer.RunAsync(export, new ImportOptions(uploads, categories, department, dryRun),
                (done, total) => ProgressBar.Show(done, total, "записів"), CancellationToken.None);
            Console.Error.WriteLine();
            foreach (var warning in report.Warnings)
            {
                Console.Error.WriteLine($"Попередження: {warning}");
            }
            // Every change in a dry run; otherwise the posts left alone because the newsroom changed them.
            foreach (var change in report.Changes.Where(c => dryRun || c.EndsWith(WordPressImporter.EditedHereNote, StringComparison.Ordinal)))
            {
                Console.WriteLine(change);
            }
            Console.WriteLine((dryRun ? "Перевірка (--dry-run), нічого не записано. " : "") +
                $"Імпорт з {export.SiteUrl}: нових новин {report.Imported}, оновлено {report.Updated}, без змін {report.Unchanged}, " +
                $"пропущено {report.Skipped}" + (report.EditedHere > 0 ? $", змінено в редакції (не чіпали) {report.EditedHere}" : "") + (report.Withdrawn > 0 ? $", знято з публікації {report.Withdrawn}" : "") +
                $"; зображень {report.Images}; переадресацій {report.Redirects}; нових підрозділів {report.NewDepartments}, міток {report.NewTags}; " +
                $"попереджень {report.Warnings.Count} (за {clock.Elapsed.TotalSeconds:F1} с).");
            return 0;
        }
        catch (ImportRefused e)
        {
            Console.Error.WriteLine($"Помилка: {e.Message} Нічого не імпортовано.");
            return 1;
        }
        catch (Exception e)
        {
            // The transaction was not committed: the database is as it was (picture files made
            // so far stay in media/, named by content, and are reused by the next run).
            Console.Error.WriteLine($"Помилка: імпорт не вдався ({e.GetType().Name}: {e.Message}). Нічого не імпортовано.");
            return 1;
        }
    }
}
