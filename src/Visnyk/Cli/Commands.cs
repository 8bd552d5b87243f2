using System.Diagnostics;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Cli;

// Commands of the site's own binary: `dotnet run --project src/Visnyk -- seed --synthetic 10000`.
// They read the same configuration as the site (appsettings, Visnyk__* environment variables).
public static class Commands
{
    const string Usage = """
        Використання:
          Visnyk                           запустити сайт
          Visnyk seed --synthetic N        додати N синтетичних новин (для вимірювань швидкості)
          Visnyk reindex                   перебудувати пошуковий індекс (якщо сайт працює — попросити його)
          Visnyk admin create --email E [--name "Ім'я"]
                                           створити адміністратора й надрукувати посилання для встановлення пароля
          Visnyk import wordpress FILE.xml --uploads DIR [--categories departments|tags] [--department SLUG]
                                           перенести новини з експорту WordPress (WXR) і копії wp-content/uploads
          Visnyk backup FILE [--encrypt]   зберегти базу (з ключами) і медіафайли в один архів (сайт може працювати);
                                           з --encrypt фраза-пароль береться зі змінної VISNYK_BACKUP_PASSPHRASE
          Visnyk restore FILE [--force]    відновити копію в налаштовану теку даних (і базу); --force замінює наявні дані
          Visnyk mirror export DIR         записати весь публічний сайт статичними файлами в теку DIR (дзеркало для CDN)
        """;

    public static bool IsCommand(string name) => name is "seed" or "reindex" or "admin" or "import" or "backup" or "restore" or "mirror" or "help" or "--help";

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["seed", "--synthetic", var n, .. var rest] when int.TryParse(n, out var count) && count > 0:
                return await SeedAsync(count, rest);
            case ["reindex", .. var rest]:
                return await ReindexCommand.RunAsync(rest);
            case ["admin", "create", "--email", var email, "--name", var name, .. var rest]:
                return await AdminCommand.CreateAsync(email, name, rest);
            case ["admin", "create", "--email", var email, .. var rest]:
                return await AdminCommand.CreateAsync(email, null, rest);
            case ["import", "wordpress", var file, .. var rest] when !file.StartsWith("--", StringComparison.Ordinal):
                return await WordPressImportCommand.RunAsync(file, rest);
            case ["backup", var file, .. var rest] when !file.StartsWith("--"):
                return await BackupCommand.RunAsync(file, rest.Contains("--encrypt"), [.. rest.Where(a => a != "--encrypt")]);
            case ["restore", var file, .. var rest] when !file.StartsWith("--"):
                return await RestoreCommand.RunAsync(file, rest.Contains("--force"), [.. rest.Where(a => a != "--force")]);
            case ["mirror", "export", var dir, .. var rest] when !dir.StartsWith("--", StringComparison.Ordinal):
                return await MirrorCommand.ExportAsync(dir, rest);
            case ["help" or "--help", ..]:
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    static async Task<int> SeedAsync(int count, string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(site);
        using var host = builder.Build();
        await host.Services.PrepareDatabaseAsync(site);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var pipeline = scope.ServiceProvider.GetRequiredService<ImagePipeline>();
        var clock = Stopwatch.StartNew();
        var added = await SyntheticContent.AddAsync(db, pipeline, count, DateTime.UtcNow,
            done => Console.Error.Write($"\r{done}/{count} новин ({100 * done / count}%)"), CancellationToken.None);
        Console.Error.WriteLine();
        Console.WriteLine($"Додано {added} новин за {clock.Elapsed.TotalSeconds:F1} с у {site.DatabasePath}");
        return 0;
    }
}
