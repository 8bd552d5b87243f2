using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Site;

// Which site answers a host: every site's domains, kept in memory (a few hundred bytes a site,
// the only thing an idle site costs). Read at the first request, then again in the background
// once Refresh has passed (the request goes on with the map it has), so a site or domain added
// by another instance or the command line is served within seconds, without a restart.
public sealed class SiteHosts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SiteHosts> logger)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    // Primary: where an alias of the site redirects to; null for a primary host, or a site without one.
    public record Entry(int Site, string? Primary);

    // LoadedAt: a timestamp of the clock (GetTimestamp), for the time since.
    // Primaries: each site's canonical host, for the links of mail and pages (PublicUrl).
    // Many: a site other than the default one has a host (the installation serves several sites).
    sealed record Map(FrozenDictionary<string, Entry> Hosts, FrozenDictionary<int, string> Primaries, bool Many, long LoadedAt);

    volatile Map? map;
    readonly SemaphoreSlim first = new(1, 1);
    int reloading;

    // As hosts are stored: lower case, without a port or the root's trailing dot, an international
    // name in its ASCII form (punycode: xn--…), however the request or the command line spelled it.
    public static string Normalize(string host)
    {
        var name = host.Trim().TrimEnd('.');
        if (System.Text.Ascii.IsValid(name))
        {
            return name.ToLowerInvariant();
        }
        try
        {
            return new System.Globalization.IdnMapping().GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return name.ToLowerInvariant(); // not a domain name: matches no site
        }
    }

    public async ValueTask<Entry?> FindAsync(string host, CancellationToken ct) =>
        (await CurrentAsync(ct)).Hosts.GetValueOrDefault(Normalize(host));

    // The site's canonical host; null for a site without hosts (the default site of `dotnet run`).
    public async ValueTask<string?> PrimaryAsync(int site, CancellationToken ct) =>
        (await CurrentAsync(ct)).Primaries.GetValueOrDefault(site);

    // Every site's canonical host, by site (the mirror keeps a folder per host).
    public async ValueTask<IReadOnlyDictionary<int, string>> PrimariesAsync(CancellationToken ct) =>
        (await CurrentAsync(ct)).Primaries;

    // The same, from the map in hand (a request's site was found through it, so it is loaded).
    public string? Primary(int site) => map?.Primaries.GetValueOrDefault(site);

    async ValueTask<Map> CurrentAsync(CancellationToken ct)
    {
        var known = map ?? await FirstAsync(ct);
        if (clock.GetElapsedTime(known.LoadedAt) >= Refresh && Interlocked.CompareExchange(ref reloading, 1, 0) == 0)
        {
            _ = Task.Run(BackgroundReloadAsync, CancellationToken.None);
        }
        return known;
    }

    // More than one site answers here (known once read; a request's site was found through it).
    public bool Many => map?.Many == true;

    // Read at least once: from then on a request never waits for the database here.
    public bool Loaded => map is not null;

    // Now, not in a few seconds: this instance has just added a site or a host.
    public async Task ReloadAsync(CancellationToken ct = default) => map = await LoadAsync(ct);

    async Task<Map> FirstAsync(CancellationToken ct)
    {
        await first.WaitAsync(ct);
        try
        {
            return map ??= await LoadAsync(ct);
        }
        finally
        {
            first.Release();
        }
    }

    async Task BackgroundReloadAsync()
    {
        try
        {
            map = await LoadAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // The map in hand stays; the next request after Refresh tries again.
            logger.LogWarning(e, "Could not reload the sites' hosts");
            if (map is { } kept)
            {
                map = kept with { LoadedAt = clock.GetTimestamp() };
            }
        }
        finally
        {
            Volatile.Write(ref reloading, 0);
        }
    }

    async Task<Map> LoadAsync(CancellationToken ct)
    {
        var loadedAt = clock.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var rows = await db.SiteHosts.AsNoTracking().Select(h => new { h.Host, h.SiteId, h.IsPrimary }).ToListAsync(ct);
        var primaries = rows.Where(r => r.IsPrimary).GroupBy(r => r.SiteId).ToDictionary(g => g.Key, g => Normalize(g.OrderBy(r => r.Host).First().Host));
        var hosts = new Dictionary<string, Entry>();
        foreach (var row in rows)
        {
            var host = Normalize(row.Host);
            var primary = primaries.GetValueOrDefault(row.SiteId);
            hosts[host] = new Entry(row.SiteId, primary is null || primary == host ? null : primary);
        }
        return new Map(hosts.ToFrozenDictionary(), primaries.ToFrozenDictionary(), rows.Any(r => r.SiteId != Site.Default), loadedAt);
    }
}
