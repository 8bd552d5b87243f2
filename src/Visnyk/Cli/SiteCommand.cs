using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Cli;

// `site create --host H --name N [--alias A] [--admin E] [--parent ID]` and `site list`: the sites
// this installation serves. Creation itself is SiteCreation's (the newsroom's /admin/sites does
// the same): a new site answers on its host as soon as the running instances re-read their hosts
// (seconds, no restart), empty but for its settings; with --admin, its first administrator (a new
// account gets a one-time set-up link on the site's own address; an existing one signs in with its password).
public static class SiteCommand
{
    public static async Task<int> CreateAsync(string host, string name, string? alias, string? admin, string? parent, string[] configArgs)
    {
        int? parentId = null;
        if (parent is not null)
        {
            if (!int.TryParse(parent, out var id) || id <= 0)
            {
                Console.Error.WriteLine($"Помилка: --parent — номер сайту (див. site list), не «{parent}».");
                return 2;
            }
            parentId = id;
        }
        using var app = Build(configArgs);
        await app.Services.PrepareDatabaseAsync();
        var (created, refusal) = await SiteCreation.CreateAsync(app.Services, new SiteCreation.Request(host, name, alias, admin, parentId), CancellationToken.None);
        if (refusal is not null)
        {
            Console.Error.WriteLine($"Помилка: {refusal.Message}");
            return refusal.Invalid ? 2 : 1;
        }
        var site = created!.Site;
        var hosts = site.Hosts.OrderByDescending(h => h.IsPrimary).Select(h => h.Host).ToList();
        Console.WriteLine($"Сайт {site.Id} «{site.Name}» створено: {created.Origin}/{(hosts.Count > 1 ? $" (і {hosts[1]}, з переходом на {hosts[0]})" : "")}.");
        if (admin is not null)
        {
            Console.WriteLine(created.AdminLink is null
                ? $"Адміністратор: {admin.Trim()} (обліковий запис уже був; вхід з його паролем на {created.Origin}/admin)."
                : $"Адміністратор: {admin.Trim()}. Одноразове посилання для встановлення пароля (дійсне 2 доби):\n{created.AdminLink}");
        }
        return 0;
    }

    public static async Task<int> ListAsync(string[] configArgs)
    {
        using var app = Build(configArgs);
        await app.Services.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        foreach (var site in await db.Sites.Include(s => s.Hosts).OrderBy(s => s.Id).AsNoTracking().ToListAsync())
        {
            var hosts = site.Hosts.OrderByDescending(h => h.IsPrimary).ThenBy(h => h.Host).Select(h => h.Host).ToList();
            Console.WriteLine($"{site.Id}\t{site.Name}\t{(hosts.Count > 0 ? string.Join(" ", hosts) : "(будь-яка адреса)")}{(site.ParentId is { } above ? $"\tпід сайтом {above}" : "")}");
        }
        return 0;
    }

    // The host of the site commands (and `site import`): data, identity and the audit log, with the
    // settings as read here registered as IOptions<SiteOptions>.
    internal static IHost Build(string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(options);
        // The settings as read here (the public address SiteCreation keeps for the default site).
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddVisnykIdentity(options);
        builder.Services.AddScoped<AuditLog>();
        return builder.Build();
    }
}
