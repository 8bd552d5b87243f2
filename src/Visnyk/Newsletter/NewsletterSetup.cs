using System.Threading.RateLimiting;
using Visnyk.Site;

namespace Visnyk.Newsletter;

public static class NewsletterSetup
{
    public const string SignUpRateLimit = "signup";

    public static IServiceCollection AddVisnykNewsletter(this IServiceCollection services, SiteOptions site, MailOptions mail)
    {
        services.AddOptions<MailOptions>().BindConfiguration(SiteOptions.Section + ":Mail").ValidateDataAnnotations()
            .Validate(o => !o.IsConfigured || !string.IsNullOrEmpty(site.PublicUrl), "Visnyk:PublicUrl must be set when Visnyk:Mail:Host is: links in mail need the site's public address")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Visnyk:Mail:From must be an address, e.g. \"Полтавська ОВА <news@example.gov.ua>\"")
            .ValidateOnStart();
        services.AddSingleton<MailTokens>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(s => s.GetRequiredService<MailSender>());
        services.AddRateLimiter(o =>
            // Sign-up and confirmation posts per client address; showing the pages is not limited.
            o.AddPolicy(SignUpRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "signup:" + (http.Connection.RemoteIpAddress?.ToString() ?? ""),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = mail.SignUpsPerHour, Window = TimeSpan.FromHours(1) })
                : RateLimitPartition.GetNoLimiter("signup-form")));
        return services;
    }
}
