using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using Visnyk.Data;
using Visnyk.Newsletter;

namespace Visnyk.Site;

// OpenTelemetry metrics in Prometheus form at /metrics: ASP.NET Core's requests (rates and
// durations), the runtime, and ours: output-cache hits and misses, mail sent by outcome, and
// deliveries waiting. /metrics answers loopback and Visnyk:MetricsNetworks only (a 404 elsewhere).
public static class Metrics
{
    public const string MeterName = "Visnyk";
    static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>("visnyk.output_cache.lookups", description: "Public page requests the output cache answered (hit) or rendered (miss)");
    public static readonly Counter<long> MailResults = Meter.CreateCounter<long>("visnyk.mail.messages", description: "Messages handed to the SMTP server, by outcome");
    static long waiting;
    static readonly ObservableGauge<long> Waiting = Meter.CreateObservableGauge("visnyk.mail.deliveries_waiting", () => Interlocked.Read(ref waiting), description: "Messages decided and not yet sent");

    public static IServiceCollection AddVisnykMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MeterName)
            .AddPrometheusExporter());
        services.AddHostedService<WaitingGauge>();
        return services;
    }

    public static void UseVisnykMetrics(this IApplicationBuilder app, SiteOptions site)
    {
        var allowed = new Networks(site.MetricsNetworks, loopback: true);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == "/metrics" && allowed.Contain(http.Connection.RemoteIpAddress));
    }

    // Deliveries waiting in the outbox, every site's, counted every 15 s (a scrape must not query the database).
    sealed class WaitingGauge(AllSites allSites, ILogger<WaitingGauge> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var db = allSites.Open();
                    Interlocked.Exchange(ref waiting, await db.Deliveries.IgnoreQueryFilters([VisnykDb.SiteFilter]).LongCountAsync(d => d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending, stoppingToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Counting waiting deliveries failed");
                }
                await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
            }
        }
    }
}
