using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Cli;

// `site create --host H --name N [--alias A] [--admin E]` and `site list`: the sites this
// installation serves. A new site answers on its host as soon as the running instances re-read
// their hosts (seconds, no restart), empty: its own settings (the name given), no news,
// departments or tags; with --admin, its first administrator (a new account gets a one-time
// set-up link on the site's own address; an existing one signs in with its password).
public static partial class SiteCommand
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
        if (admin is not null && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(admin.Trim()))
        {
            Console.Error.WriteLine($"Помилка: «{admin}» — не адреса електронної пошти.");
            return 2;
        }
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
        if (parentId is { } above && !await db.Sites.AnyAsync(s => s.Id == above))
        {
            Console.Error.WriteLine($"Помилка: сайту {above} немає (див. site list).");
            return 1;
        }
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var site = new Site.Site { Name = name.Trim(), ParentId = parentId, CreatedAt = now, Hosts = hosts.Select((h, i) => new SiteHost { Host = h!, IsPrimary = i == 0 }).ToList() };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value;
        var origin = PublicUrl.Origin(options, hosts[0]!);
        string? link = null;
        await using (var own = app.Services.GetRequiredService<IServiceScopeFactory>().CreateSiteScope(site.Id))
        {
            var siteDb = own.ServiceProvider.GetRequiredService<VisnykDb>();
            siteDb.SiteSettings.Add(new SiteSettings { BodyName = site.Name, UpdatedAt = now });
            await siteDb.SaveChangesAsync();
            if (admin is not null)
            {
                link = await FirstAdministratorAsync(own.ServiceProvider, admin.Trim(), origin, now);
            }
        }
        Console.WriteLine($"Сайт {site.Id} «{site.Name}» створено: {origin}/{(hosts.Count > 1 ? $" (і {hosts[1]}, з переходом на {hosts[0]})" : "")}.");
        if (admin is not null)
        {
            Console.WriteLine(link is null
                ? $"Адміністратор: {admin.Trim()} (обліковий запис уже був; вхід з його паролем на {origin}/admin)."
                : $"Адміністратор: {admin.Trim()}. Одноразове посилання для встановлення пароля (дійсне 2 доби):\n{link}");
        }
        return 0;
    }

    // The site's first administrator, in the site's scope (the role and the audit entry are the
    // site's). The set-up link when the account has no password yet, else null.
    static async Task<string?> FirstAdministratorAsync(IServiceProvider site, string email, string origin, DateTime now)
    {
        var users = site.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = now };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        await users.AddToRoleAsync(user, Roles.Administrator);
        await site.GetRequiredService<AuditLog>().WriteAsync(AuditActions.UserCreated, AuditActions.User(user.Id),
            $"роль: {Roles.Name(Roles.Administrator)}; командою site create", actor: user);
        return user.PasswordHash is null ? await Invitations.LinkAsync(users, user, origin) : null;
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

    static IHost Build(string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        var options = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(options);
        builder.Services.AddVisnykIdentity(options);
        builder.Services.AddScoped<AuditLog>();
        return builder.Build();
    }

    // A host as SiteHosts stores it (lower case, punycode); null when it is not a domain name.
    static string? Normalize(string? host) =>
        string.IsNullOrWhiteSpace(host) || SiteHosts.Normalize(host) is not { Length: <= 253 } ascii || !HostName().IsMatch(ascii) ? null : ascii;

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostName();
}
