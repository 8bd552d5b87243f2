using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Cli;

// `admin create --email ADDRESS [--name "Ім'я"]`: the first administrator. There is no default
// password anywhere; this prints a one-time set-up link (valid two days) where the administrator
// chooses a password and then sets up two-factor authentication. Later users are invited from
// the back office.
public static class AdminCommand
{
    public static async Task<int> CreateAsync(string email, string? name, int siteId, string[] configArgs)
    {
        var builder = Host.CreateApplicationBuilder(configArgs);
        var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(site);
        builder.Services.AddVisnykIdentity(site);
        builder.Services.AddScoped<AuditLog>();
        using var host = builder.Build();
        await host.Services.PrepareDatabaseAsync();

        // The role and the audit entry are the site's (--site); the account is global.
        if (await Commands.SiteScopeAsync(host.Services, siteId) is not { } siteScope)
        {
            return 1;
        }
        await using var scope = siteScope;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            Console.Error.WriteLine($"Користувач {email} уже є. Щоб видати нове посилання, скористайтеся редакцією (Користувачі).");
            return 1;
        }
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                Console.Error.WriteLine(error.Description);
            }
            return 1;
        }
        await users.AddToRoleAsync(user, Roles.Administrator);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        await audit.WriteAsync(AuditActions.UserCreated, AuditActions.User(user.Id), $"роль: {Roles.Name(Roles.Administrator)}; командою admin create", actor: user);

        // On the site's own address: another site's primary host, or the default site's as before.
        var primary = siteId == Site.Site.Default ? null
            : await scope.ServiceProvider.GetRequiredService<VisnykDb>().SiteHosts.Where(h => h.SiteId == siteId && h.IsPrimary).Select(h => h.Host).FirstOrDefaultAsync();
        var link = await Invitations.LinkAsync(users, user, primary is not null ? PublicUrl.Origin(site, primary) : site.PublicUrl ?? ListeningAddress(builder.Configuration));
        Console.WriteLine($"Адміністратора {email} створено.");
        Console.WriteLine("Одноразове посилання для встановлення пароля (дійсне 2 доби):");
        Console.WriteLine(link);
        return 0;
    }

    // Without Visnyk:PublicUrl, the link opens where the site listens: `Urls` (--urls, or
    // ASPNETCORE_URLS as the site reads it), its first address, a wildcard host read as this machine.
    internal static string ListeningAddress(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://localhost:5000";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5000";
        var address = new UriBuilder(first.Replace("://*", "://localhost").Replace("://+", "://localhost"));
        if (address.Host is "0.0.0.0" or "[::]" or "::")
        {
            address.Host = "localhost";
        }
        return address.Uri.GetLeftPart(UriPartial.Authority);
    }
}
