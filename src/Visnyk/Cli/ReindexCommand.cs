using System.Diagnostics;
using Microsoft.Extensions.Options;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Search;
using Visnyk.Site;

namespace Visnyk.Cli;

// `Visnyk reindex`: builds the search index again from the database, with a progress bar. If
// a running site holds the index, it asks instead: a rebuild request in ArticleChanges, which
// every running instance answers by rebuilding its own index. With --site, one site's news only:
// a WholeSite change, which the running instances (or this command, when none is) answer by
// putting that site's documents again, the others' left as they are.
public static class ReindexCommand
{
    public static async Task<int> RunAsync(int? siteId, string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(site);
        builder.Services.AddSingleton<NewsIndex>();
        builder.Services.AddSingleton<SearchIndexer>();
        using var host = builder.Build();
        await host.Services.PrepareDatabaseAsync();

        if (siteId is { } one)
        {
            if (await Commands.SiteScopeAsync(host.Services, one) is not { } siteScope)
            {
                return 1;
            }
            await using (siteScope)
            {
                var db = siteScope.ServiceProvider.GetRequiredService<VisnykDb>();
                db.ArticleChanges.Add(new ArticleChange { ArticleId = ArticleChange.WholeSite, At = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync();
            }
            if (NewsIndex.IsInUse(site.FullSearchIndexDirectory))
            {
                Console.WriteLine($"Сайт працює й тримає індекс: записано запит на переіндексацію сайту {one}; кожен екземпляр зробить це за кілька секунд.");
                return 0;
            }
            var timer = Stopwatch.StartNew();
            UkrainianStems.Shared.Load();
            var updated = await host.Services.GetRequiredService<SearchIndexer>().CatchUpAsync();
            host.Services.GetRequiredService<NewsIndex>().Dispose();
            Console.WriteLine($"Сайт {one} переіндексовано: {updated} новин за {timer.Elapsed.TotalSeconds:F1} с.");
            return 0;
        }
        if (NewsIndex.IsInUse(site.FullSearchIndexDirectory))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.ArticleChanges.Add(new ArticleChange { ArticleId = ArticleChange.Everything, At = now });
            await db.SaveChangesAsync();
            Console.WriteLine("Сайт працює й тримає індекс: записано запит на перебудову; кожен екземпляр сайту перебудує свій індекс за кілька секунд.");
            return 0;
        }

        var indexer = host.Services.GetRequiredService<SearchIndexer>();
        var index = host.Services.GetRequiredService<NewsIndex>();
        var clock = Stopwatch.StartNew();
        Console.Error.Write("Завантаження словника…");
        UkrainianStems.Shared.Load();
        Console.Error.WriteLine($" {clock.Elapsed.TotalSeconds:F1} с");
        var count = await indexer.RebuildAsync((done, total) => ProgressBar.Show(done, total, "новин"), CancellationToken.None);
        Console.Error.WriteLine();
        Console.WriteLine($"Проіндексовано {count} новин за {clock.Elapsed.TotalSeconds:F1} с; індекс {index.SizeOnDisk / 1048576.0:F1} МБ у {site.FullSearchIndexDirectory}");
        index.Dispose();
        return 0;
    }
}
