using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Newsletter;

namespace Visnyk.Site;

// /healthz: the process answers (liveness; restart it if not). /readyz: it can serve (readiness;
// send it traffic): the database answers and the data folder has room (else 503); mail that cannot
// go and a search index still building are reported as degraded, which still answers 200, since
// the site can serve pages without them.
public static class Health
{
    const string Ready = "ready";

    public static IServiceCollection AddVisnykHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            // The list of sites: it belongs to no site, so the answer depends on no site's rows.
            .AddDbContextCheck<VisnykDb>("database", tags: [Ready], customTestQuery: async (db, ct) =>
            {
                await db.Sites.AnyAsync(ct);
                return true;
            })
            .AddCheck<DiskCheck>("disk", tags: [Ready])
            .AddCheck<MailCheck>("mail", tags: [Ready])
            .AddCheck<SearchCheck>("search", tags: [Ready])
            .AddCheck<CacheCheck>("cache", tags: [Ready])
            .AddCheck<IsolationCheck>("isolation", tags: [Ready]);
        return services;
    }

    public static void MapVisnykHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    // Each check's state and a plain reason; never an exception's text (it can name paths or hosts).
    static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            // A check that threw says only that it failed; the exception goes to the log.
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Exception is null ? e.Value.Description : "failed (see the log)",
            }),
        }));
    }

    // Room in the data folder (database and media) and that it can be written to.
    sealed class DiskCheck(IOptions<SiteOptions> site) : IHealthCheck
    {
        const long LowBytes = 500L << 20, CriticalBytes = 50L << 20;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var folder = site.Value.FullDataDirectory;
            try
            {
                var probe = Path.Combine(folder, $".health-{Environment.ProcessId}");
                await File.WriteAllTextAsync(probe, "ok", ct);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy("the data folder cannot be written");
            }
            var free = new DriveInfo(folder).AvailableFreeSpace;
            var text = $"{free >> 20} MB free";
            return free < CriticalBytes ? HealthCheckResult.Unhealthy(text)
                : free < LowBytes ? HealthCheckResult.Degraded(text)
                : HealthCheckResult.Healthy(text);
        }
    }

    sealed class MailCheck(IOptions<MailOptions> options, MailSender sender) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(!options.Value.IsConfigured ? HealthCheckResult.Degraded("no SMTP server configured: mail waits")
                : sender.UnreachableSince is { } since ? HealthCheckResult.Degraded($"SMTP server unreachable since {since:u}: mail waits")
                : HealthCheckResult.Healthy("sending"));
    }

    // The page cache: in memory, or shared in Redis; without Redis pages are served uncached
    // (slower, still right), so that is degraded, not unhealthy.
    sealed class CacheCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (services.GetService<PeerEviction>() is not { } shared)
            {
                return HealthCheckResult.Healthy("in memory");
            }
            // Through the breaker: skipped while pages skip Redis; after the back-off, a ping may find it back.
            return await shared.PingAsync() is { } answer
                ? HealthCheckResult.Healthy($"Redis, {answer.TotalMilliseconds:F1} ms")
                : HealthCheckResult.Degraded("Redis unreachable: pages are served uncached");
        }
    }

    sealed class SearchCheck(Search.NewsIndex index) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(index.IsReady ? HealthCheckResult.Healthy("ready")
                : index.IsOpen ? HealthCheckResult.Degraded("dictionary loading: searches of words the index knows")
                : HealthCheckResult.Degraded("index building"));
    }

    // On PostgreSQL, whether row-level security holds for the role that serves requests (not when
    // it is a superuser or BYPASSRLS), and whether the maintenance role sees every site, which the
    // jobs that work across sites need (AllSites). Either is degraded, not down: pages still serve.
    sealed class IsolationCheck(VisnykDb db, AllSites allSites) : IHealthCheck
    {
        // Whether the context's role is exempt from row-level security.
        static async Task<bool> ExemptAsync(VisnykDb db, CancellationToken ct) =>
            await db.Database.SqlQueryRaw<bool>("""SELECT rolsuper OR rolbypassrls AS "Value" FROM pg_roles WHERE rolname = current_user""").SingleAsync(ct);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (!db.Database.IsNpgsql())
            {
                return HealthCheckResult.Healthy("one database file: sites kept apart by the query filter");
            }
            if (await ExemptAsync(db, ct))
            {
                return HealthCheckResult.Degraded("the site's database role is exempt from row-level security (superuser or BYPASSRLS)");
            }
            await using var all = allSites.Open();
            if (await all.Sites.CountAsync(ct) > 1 && !await ExemptAsync(all, ct))
            {
                return HealthCheckResult.Degraded("the maintenance role cannot see every site (give it BYPASSRLS): scheduled news and search stop for all but site 1");
            }
            return HealthCheckResult.Healthy("row-level security holds");
        }
    }
}
