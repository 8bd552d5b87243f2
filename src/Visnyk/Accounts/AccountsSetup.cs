using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Newsroom accounts: ASP.NET Core Identity on the site's own database.
public static class AccountsSetup
{
    public const string NewsroomPolicy = "Newsroom";
    public const string AdministrationPolicy = "Administration";
    // Creating the sites under this one (Roles.SitesAdministrator).
    public const string SitesPolicy = "Sites";
    // Site-wide notices (Notices/): administrators and the chief editors they appoint, who are on duty when an alert is declared.
    public const string NoticesPolicy = "Notices";
    public const string SignInRateLimit = "signin";
    // Version 3 of Identity's tables adds passkeys (WebAuthn). DesignTimeFactory uses it too.
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    // Identity and the keys that sign its cookies and tokens; shared by the site and its commands
    // (a set-up link printed by `admin create` must open on the site).
    public static IServiceCollection AddVisnykIdentity(this IServiceCollection services, SiteOptions site)
    {
        // The keys live in the database, so every instance behind the proxy reads the same ones
        // and a backup carries them.
        var keys = services.AddDataProtection()
            .SetApplicationName("Visnyk")
            .PersistKeysToDbContext<VisnykDb>();
        if (site.KeyCertificate is { Length: > 0 } path)
        {
            // Encrypted at rest (Visnyk:KeyCertificate); reading needs the same certificate.
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, site.KeyCertificatePassword);
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddIdentity<User, IdentityRole>(o =>
            {
                // Length over composition rules (NIST SP 800-63B), and no known password (CommonPasswordValidator).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // No lockout by failures, which let anyone shut an account's owner out:
                // SignInThrottle slows guessing instead. Blocking by an administrator still uses LockoutEnd.
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Stores.SchemaVersion = IdentitySchema;
                o.Tokens.AuthenticatorTokenProvider = AuthenticatorCodes.Name;
            })
            .AddEntityFrameworkStores<VisnykDb>()
            .AddUserStore<SiteUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(AuthenticatorCodes.Name)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<UkrainianIdentityErrors>();
        // Set-up and invitation links: valid for two days, and only once (a set password changes the security stamp).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));
        return services;
    }

    public static IServiceCollection AddVisnykAccounts(this IServiceCollection services, SiteOptions site)
    {
        services.AddVisnykIdentity(site);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "visnyk.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/admin";
            // Session timeout: half an hour without a request signs the user out.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(site.Admin.SessionMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/admin/signin";
            o.LogoutPath = "/admin/signout";
            o.AccessDeniedPath = "/admin/denied";
            // Besides the idle timeout: a session row per sign-in, checked with the security stamp
            // on every request, ending at sign-out and after Visnyk:Admin:SessionMaxHours at most.
            Sessions.Use(o.Events);
        });
        // The antiforgery cookie as well: Secure whenever the request came over HTTPS (behind nginx:
        // X-Forwarded-Proto from a trusted proxy). The framework's default sent it without Secure.
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(NewsroomPolicy, p => p.RequireRole(Roles.All))
            .AddPolicy(AdministrationPolicy, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(SitesPolicy, p => p.RequireRole(Roles.SitesAdministrator))
            .AddPolicy(NoticesPolicy, p => p.RequireRole(Roles.Administrator, Roles.ChiefEditor));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in attempts per client address, whatever the account: slows password spraying.
            // Only attempts count (form posts), not showing the form. The partition keys must differ
            // between the two: the middleware keeps one limiter per key, whichever kind came first.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "post:" + (http.Connection.RemoteIpAddress?.ToString() ?? ""),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = site.Admin.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("form"));
        });
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<SignInThrottle>();
        return services;
    }
}
