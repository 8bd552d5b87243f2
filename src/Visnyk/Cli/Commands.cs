using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Cli;

// Commands of the site's own binary: `dotnet run --project src/Visnyk -- seed --synthetic 10000`.
// They read the same configuration as the site (appsettings, Visnyk__* environment variables).
public static class Commands
{
    // Each command's usage is shown with its --help and when its arguments do not fit.
    static readonly CommandSpec[] Specs =
    [
        new("seed", """
              Visnyk seed --synthetic N [--demo] [--site ID]
                                               додати N синтетичних новин (для вимірювань швидкості);
                                               з --demo спершу демонстраційні новини, якщо новин у базі ще немає
            """, Options: ["--synthetic", "--site"], Flags: ["--demo"]),
        new("reindex", """
              Visnyk reindex [--site ID]       перебудувати пошуковий індекс (якщо сайт працює — попросити його);
                                               --site: лише новини одного сайту, решта індексу лишається
            """, Options: ["--site"]),
        new("admin create", """
              Visnyk admin create --email E [--name "Ім'я"] [--site ID]
                                               створити адміністратора й надрукувати посилання для встановлення пароля
            """, Options: ["--email", "--name", "--site"]),
        new("import wordpress", """
              Visnyk import wordpress FILE.xml [--uploads DIR] [--categories departments|tags] [--department АДРЕСА|"Назва"] [--dry-run] [--site ID]
                                               перенести новини з експорту WordPress (WXR) і копії wp-content/uploads (фото);
                                               --department: підрозділ (наявний за адресою або новий за назвою) для записів без рубрики;
                                               новини, змінені в редакції після імпорту, наступні імпорти не чіпають;
                                               --dry-run: показати, що змінилося б, нічого не записуючи
            """, Arguments: ["FILE.xml"], Options: ["--uploads", "--categories", "--department", "--site"], Flags: ["--dry-run"]),
        new("backup", """
              Visnyk backup FILE [--encrypt]   зберегти базу (з ключами) і медіафайли в один архів (сайт може працювати);
                                               з --encrypt фраза-пароль береться зі змінної VISNYK_BACKUP_PASSPHRASE
            """, Arguments: ["FILE"], Flags: ["--encrypt"]),
        new("restore", """
              Visnyk restore FILE [--force]    відновити копію в налаштовану теку даних (і базу); --force замінює наявні дані
            """, Arguments: ["FILE"], Flags: ["--force"]),
        new("site create", """
              Visnyk site create --host ДОМЕН --name "Назва" [--alias ДОМЕН] [--admin АДРЕСА] [--parent ID]
                                               створити ще один сайт на цій установці (громади, наприклад); працюючі
                                               екземпляри починають відповідати на ДОМЕН за кілька секунд, без перезапуску;
                                               --admin: його перший адміністратор (нового — з одноразовим посиланням);
                                               --parent: сайт області над ним, чиї «адміністратори сайту і сайтів громад»
                                               адмініструють і цей
            """, Options: ["--host", "--name", "--alias", "--admin", "--parent"]),
        new("site export", """
              Visnyk site export ID FILE [--encrypt]
                                               зберегти один сайт (новини, медіа, підписників, налаштування, ролі редакції)
                                               в один файл — щоб перенести його на іншу установку або мати копію саме цього сайту;
                                               з --encrypt фраза-пароль береться зі змінної VISNYK_BACKUP_PASSPHRASE
            """, Arguments: ["ID", "FILE"], Flags: ["--encrypt"]),
        new("site import", """
              Visnyk site import FILE [--host ДОМЕН [--alias ДОМЕН]] [--name "Назва"] [--parent ID]
                                               створити з файлу site export новий сайт цієї установки (на його доменах або
                                               --host); номери новин зберігаються, де вільні, інакше старі адреси ведуть на нові;
                                               новим обліковим записам редакції — посилання для встановлення пароля
              Visnyk site import FILE --replace ID [--subscribers] [--force]
                                               відновити сайт ID з його копії (site export) на місці: новини, медіа, налаштування
                                               й ролі стають такими, як у копії; домени, журнал змін і підписники залишаються
                                               (--subscribers: підписники й історія розсилки — з копії); сеанси редакції сайту
                                               завершуються; інші сайти працюють далі; --force — якщо копія іншого сайту
            """, Arguments: ["FILE"], Options: ["--host", "--alias", "--name", "--parent", "--replace"], Flags: ["--force", "--subscribers"]),
        new("site list", """
              Visnyk site list                 сайти цієї установки та їхні домени
            """),
        new("mirror export", """
              Visnyk mirror export DIR [--site ID]
                                               записати весь публічний сайт статичними файлами в теку DIR (дзеркало для CDN);
                                               --site: сайт громади (за його основним доменом), а не сайт 1
            """, Arguments: ["DIR"], Options: ["--site"]),
    ];

    const string Settings = """
          --site ID (seed, admin create, import wordpress): сайт, у якому працює команда (номер з site list); без нього — сайт 1.
          Налаштування — як для сайту: --Visnyk:DataDirectory=ТЕКА, --Visnyk:PostgreSql=..., --Logging:LogLevel:Default=Warning
          (або змінні середовища Visnyk__DataDirectory тощо). Довідка про команду: Visnyk КОМАНДА --help
        """;

    static string Usage(IEnumerable<CommandSpec> specs) =>
        "Використання:\n" + (specs.Count() == Specs.Length ? "  Visnyk                           запустити сайт\n" : "")
        + string.Join("\n", specs.Select(s => s.Usage)) + "\n" + Settings;

    public static bool IsCommand(string name) => name is "help" or "--help" or "-h" || Specs.Any(s => s.Words.Split(' ')[0] == name);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [] or ["help" or "--help" or "-h", ..])
        {
            Console.WriteLine(Usage(Specs));
            return 0;
        }
        var spec = Specs.FirstOrDefault(s => s.Words.Split(' ') is var words && args.Length >= words.Length && words.SequenceEqual(args[..words.Length]));
        if (spec is null)
        {
            var family = Specs.Where(s => s.Words.Split(' ')[0] == args[0]).ToList();
            Console.Error.WriteLine($"Помилка: невідома команда «{string.Join(' ', args.Take(2))}».");
            Console.Error.WriteLine(Usage(family.Count > 0 ? family : Specs));
            return 2;
        }
        var command = CommandLine.Parse(spec, args[spec.Words.Split(' ').Length..], out var error);
        if (command is { Help: true })
        {
            Console.WriteLine(Usage([spec]));
            return 0;
        }
        error ??= spec.Words switch
        {
            "seed" when !int.TryParse(command!.Option("--synthetic"), out var n) || n <= 0 => "вкажіть --synthetic N, де N — кількість новин (більше нуля).",
            "admin create" when string.IsNullOrWhiteSpace(command!.Option("--email")) => "вкажіть --email АДРЕСА адміністратора.",
            _ when command!.Option("--site") is { } site && !(int.TryParse(site, out var id) && id > 0) => $"--site — номер сайту (див. site list), не «{site}».",
            "site export" when !(int.TryParse(command!.Arguments[0], out var exported) && exported > 0) => $"ID — номер сайту (див. site list), не «{command.Arguments[0]}».",
            "site import" when command!.Option("--parent") is { } parent && !(int.TryParse(parent, out var above) && above > 0) => $"--parent — номер сайту (див. site list), не «{parent}».",
            "site import" when command!.Option("--alias") is not null && command.Option("--host") is null => "--alias можна лише разом із --host.",
            "site import" when command!.Option("--replace") is { } replace && !(int.TryParse(replace, out var replaced) && replaced > 0) => $"--replace — номер сайту (див. site list), не «{replace}».",
            "site import" when command!.Option("--replace") is not null && (command.Option("--host") ?? command.Option("--name") ?? command.Option("--parent")) is not null =>
                "--replace відновлює наявний сайт на його доменах: без --host, --name і --parent.",
            "site import" when command!.Option("--replace") is null && (command.Flags.Contains("--force") || command.Flags.Contains("--subscribers")) => "--force і --subscribers — лише разом із --replace.",
            "site create" when string.IsNullOrWhiteSpace(command!.Option("--host")) || string.IsNullOrWhiteSpace(command.Option("--name")) => "вкажіть --host ДОМЕН і --name \"Назва\" сайту.",
            _ => null,
        };
        if (command is null || error is not null)
        {
            Console.Error.WriteLine($"Помилка: {error}");
            Console.Error.WriteLine(Usage([spec]));
            return 2;
        }
        string[] settings = [.. command.Settings];
        return spec.Words switch
        {
            "seed" => await SeedAsync(int.Parse(command.Option("--synthetic")!), command.Flags.Contains("--demo"), SiteOf(command), settings),
            "reindex" => await ReindexCommand.RunAsync(command.Option("--site") is null ? null : SiteOf(command), settings),
            "admin create" => await AdminCommand.CreateAsync(command.Option("--email")!, command.Option("--name"), SiteOf(command), settings),
            "import wordpress" => await WordPressImportCommand.RunAsync(command.Arguments[0], command),
            "backup" => await BackupCommand.RunAsync(command.Arguments[0], command.Flags.Contains("--encrypt"), settings),
            "restore" => await RestoreCommand.RunAsync(command.Arguments[0], command.Flags.Contains("--force"), settings),
            "mirror export" => await MirrorCommand.ExportAsync(command.Arguments[0], SiteOf(command), settings),
            "site create" => await SiteCommand.CreateAsync(command.Option("--host")!, command.Option("--name")!, command.Option("--alias"), command.Option("--admin"), command.Option("--parent"), settings),
            "site list" => await SiteCommand.ListAsync(settings),
            "site export" => await SiteExport.RunAsync(int.Parse(command.Arguments[0]), command.Arguments[1], command.Flags.Contains("--encrypt"), settings),
            "site import" => await SiteImport.RunAsync(new SiteImport.Request(command.Arguments[0], command.Option("--host"), command.Option("--alias"),
                command.Option("--name"), command.Option("--parent") is { } parent ? int.Parse(parent) : null,
                command.Option("--replace") is { } replace ? int.Parse(replace) : null, command.Flags.Contains("--force"), command.Flags.Contains("--subscribers")), settings),
            _ => throw new InvalidOperationException(spec.Words),
        };
    }

    // --site ID (checked to be a number above); site 1 without it.
    internal static int SiteOf(ParsedCommand command) => command.Option("--site") is { } site ? int.Parse(site) : Site.Site.Default;

    // A scope of that site, or null (said why) when the installation has no such site.
    internal static async Task<AsyncServiceScope?> SiteScopeAsync(IServiceProvider services, int siteId)
    {
        var scope = services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(siteId);
        if (await scope.ServiceProvider.GetRequiredService<VisnykDb>().Sites.AnyAsync(s => s.Id == siteId))
        {
            return scope;
        }
        await scope.DisposeAsync();
        Console.Error.WriteLine($"Помилка: сайту {siteId} немає (див. site list).");
        return null;
    }

    static async Task<int> SeedAsync(int count, bool demo, int siteId, string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(site);
        using var host = builder.Build();
        await host.Services.PrepareDatabaseAsync(demoContent: demo);

        if (await SiteScopeAsync(host.Services, siteId) is not { } scope)
        {
            return 1;
        }
        await using var _ = scope;
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var pipeline = scope.ServiceProvider.GetRequiredService<ImagePipeline>();
        var took = Stopwatch.StartNew();
        var added = await SyntheticContent.AddAsync(db, pipeline, count, host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            done => Console.Error.Write($"\r{done}/{count} новин ({100 * done / count}%)"), CancellationToken.None);
        Console.Error.WriteLine();
        Console.WriteLine($"Додано {added} новин за {took.Elapsed.TotalSeconds:F1} с у {site.DatabasePath}");
        return 0;
    }
}
