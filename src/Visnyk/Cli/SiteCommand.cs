using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Cli;

// `site create --host H --name N [--alias A]` and `site list`: the sites this installation serves.
// A new site answers on its host as soon as the running instances re-read their hosts (seconds,
// no restart), empty: its own settings (the name given), no news, departments or tags.
public static partial class SiteCommand
{
    public static async Task<int> CreateAsync(string host, string name, string? alias, string[] configArgs)
    {
        var hosts = new[] { host, alias }.OfType<string>().Select(Normalize).ToList();
        if (hosts.Any(h => h is null))
        {
            Console.Error.WriteLine($"Помилка: «{(Normalize(host) is null ? host : alias)}» — не доменне ім'я (наприклад, hromada.gov.ua).");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            Console.Error.WriteLine("Помилка: вкажіть --name, назву сайту (до 200 символів).");
            return 2;
        }
        using var app = Build(configArgs);
        await app.Services.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var taken = await db.SiteHosts.Where(h => hosts.Contains(h.Host)).Select(h => h.Host).ToListAsync();
        if (taken.Count > 0)
        {
            Console.Error.WriteLine($"Помилка: {string.Join(", ", taken)} уже належить іншому сайту.");
            return 1;
        }
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var site = new Site.Site { Name = name.Trim(), CreatedAt = now, Hosts = hosts.Select((h, i) => new SiteHost { Host = h!, IsPrimary = i == 0 }).ToList() };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        await using (var own = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(site.Id))
        {
            var siteDb = own.ServiceProvider.GetRequiredService<VisnykDb>();
            siteDb.SiteSettings.Add(new SiteSettings { BodyName = site.Name, UpdatedAt = now });
            await siteDb.SaveChangesAsync();
        }
        Console.WriteLine($"Сайт {site.Id} «{site.Name}» створено: https://{hosts[0]}/{(hosts.Count > 1 ? $" (і {hosts[1]}, з переходом на {hosts[0]})" : "")}.");
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
            Console.WriteLine($"{site.Id}\t{site.Name}\t{(hosts.Count > 0 ? string.Join(" ", hosts) : "(будь-яка адреса)")}");
        }
        return 0;
    }

    static IHost Build(string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        var options = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(options);
        return builder.Build();
    }

    // A host as SiteHosts stores it (lower case, punycode); null when it is not a domain name.
    static string? Normalize(string? host) =>
        string.IsNullOrWhiteSpace(host) || SiteHosts.Normalize(host) is not { Length: <= 253 } ascii || !HostName().IsMatch(ascii) ? null : ascii;

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostName();
}
