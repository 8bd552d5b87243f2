using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Slows the guessing of passwords and two-factor codes per client address, per account, and per
// account from one address: after a few free failures each further try waits 1 s, then 2, 4, ...
// up to a limit, and a try made sooner gets 429 without any check. It replaces Identity's lockout,
// which let five anonymous tries shut the owner out for 15 minutes: an account's own delay does not
// apply from an address it has signed in from, so an attacker elsewhere cannot keep the owner out,
// while guessing from anywhere else still crawls. A try is counted before the password is checked
// (and given back when it was right), with a compare-and-set on the row, so parallel requests
// cannot slip past a delay; the counters are in the database, shared by every instance.
public class SignInThrottle(VisnykDb db, TimeProvider clock, IOptions<SiteOptions> options)
{
    // A day without failures forgets them; an address stays known to an account for 90 days.
    static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);
    static readonly TimeSpan TrustFor = TimeSpan.FromDays(90);
    const string AddressPrefix = "address:";

    AdminOptions Admin => options.Value.Admin;

    // Counted: the keys this try was counted on (not the account's own from a known address).
    public sealed record Attempt(string Address, string Account, string Pair, string[] Counted, TimeSpan? RetryAfter);

    // Counts a try at signing in to the account with this address (known or not: the same work and
    // the same answers), or says how long to wait.
    public async Task<Attempt> BeginAsync(string? email, IPAddress? client, CancellationToken ct = default)
    {
        var now = Now;
        var (address, account, pair) = Keys(email, client);
        var rows = await db.SignInCounters.AsNoTracking().Where(c => c.Key == address || c.Key == account || c.Key == pair).ToDictionaryAsync(c => c.Key, ct);
        string[] keys = rows.GetValueOrDefault(pair)?.TrustedUntil > now ? [address, pair] : [address, account, pair];
        // Look first, so that a refused try counts nowhere.
        var wait = keys.Select(k => rows.GetValueOrDefault(k)?.NotBefore - now).Max();
        if (wait > TimeSpan.Zero)
        {
            return new(address, account, pair, [], wait);
        }
        foreach (var key in keys)
        {
            if (await CountAsync(key, rows.GetValueOrDefault(key), now, ct) is { } refused)
            {
                return new(address, account, pair, [], refused);
            }
        }
        // Now and then, drop what no longer matters (not on every try: it is a write).
        if (Random.Shared.Next(100) == 0)
        {
            var forgotten = now - ForgetAfter;
            await db.SignInCounters.Where(c => c.LastFailureAt < forgotten && (c.TrustedUntil == null || c.TrustedUntil < now)).ExecuteDeleteAsync(ct);
        }
        return new(address, account, pair, keys, null);
    }

    // The password was right but a second step follows: the try does not count as a failure.
    public Task ForgiveAsync(Attempt attempt, CancellationToken ct = default) =>
        Decrement(attempt.Counted).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Failures, c => c.Failures - 1).SetProperty(c => c.Version, c => c.Version + 1), ct);

    // Signed in: the account's failures are forgotten and this address becomes known to it. The
    // address's own count only gets this try back (an attacker's own account must not clear it).
    public async Task SucceededAsync(Attempt attempt, CancellationToken ct = default)
    {
        var now = Now;
        await Decrement([attempt.Address]).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Failures, c => c.Failures - 1).SetProperty(c => c.Version, c => c.Version + 1), ct);
        await db.SignInCounters.Where(c => c.Key == attempt.Account || c.Key == attempt.Pair).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Failures, 0).SetProperty(c => c.NotBefore, now).SetProperty(c => c.Version, c => c.Version + 1), ct);
        await db.SignInCounters.Where(c => c.Key == attempt.Pair).ExecuteUpdateAsync(s => s.SetProperty(c => c.TrustedUntil, now + TrustFor), ct);
    }

    // "5 с", "2 хв": how long the refused user waits, in words for the message.
    public static string Describe(TimeSpan wait) => wait.TotalSeconds <= 90
        ? string.Format(CultureInfo.InvariantCulture, Text.SecondsShort, Math.Ceiling(wait.TotalSeconds))
        : string.Format(CultureInfo.InvariantCulture, Text.MinutesShort, Math.Ceiling(wait.TotalMinutes));

    IQueryable<SignInCounter> Decrement(string[] keys) => db.SignInCounters.Where(c => keys.Contains(c.Key) && c.Failures > 0);

    // Null once counted; otherwise how long to wait. Another instance counting the same key at the
    // same moment changes its version: read again and decide again.
    async Task<TimeSpan?> CountAsync(string key, SignInCounter? row, DateTime now, CancellationToken ct)
    {
        var free = key.StartsWith(AddressPrefix, StringComparison.Ordinal) ? Admin.SignInFailuresPerAddress : Admin.SignInFailuresPerAccount;
        for (var tries = 0; tries < 5; tries++)
        {
            if (row is null)
            {
                var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "SignInCounters" ("Key", "Failures", "LastFailureAt", "NotBefore", "Version")
                    VALUES ({key}, 1, {now}, {now + Delay(1, free)}, 1) ON CONFLICT ("Key") DO NOTHING
                    """, ct);
                if (inserted == 1)
                {
                    return null;
                }
            }
            else if (row.NotBefore > now)
            {
                return row.NotBefore - now;
            }
            else
            {
                var failures = now - row.LastFailureAt > ForgetAfter ? 1 : row.Failures + 1;
                var version = row.Version;
                var counted = await db.SignInCounters.Where(c => c.Key == key && c.Version == version).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Failures, failures).SetProperty(c => c.LastFailureAt, now)
                    .SetProperty(c => c.NotBefore, now + Delay(failures, free)).SetProperty(c => c.Version, version + 1), ct);
                if (counted == 1)
                {
                    return null;
                }
            }
            row = await db.SignInCounters.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, ct);
        }
        return TimeSpan.FromSeconds(1);
    }

    // No wait for the first free failures, then 1 s doubling up to the limit.
    TimeSpan Delay(int failures, int free) => failures < free
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures - free, 30)), Admin.SignInMaxDelayMinutes * 60));

    DateTime Now => UtcDateTimeConverter.ToMicroseconds(clock.GetUtcNow().UtcDateTime);

    // The account only as a hash of its normalised address (what people type there is sometimes a
    // password); an IPv6 client by its /64, which one subscriber usually holds whole.
    static (string Address, string Account, string Pair) Keys(string? email, IPAddress? client)
    {
        var name = (email ?? "").Trim().ToUpperInvariant();
        var address = Network(client);
        return (AddressPrefix + address, "account:" + Hash(name), "pair:" + Hash(name + "\n" + address));
    }

    static string Network(IPAddress? client)
    {
        if (client is null)
        {
            return "";
        }
        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4().ToString();
        }
        if (client.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

public static class SignInRefusal
{
    // The page again with status 429, Retry-After and the wait in words.
    public static Microsoft.AspNetCore.Mvc.IActionResult Refuse(this PageModel page, TimeSpan wait)
    {
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        page.ModelState.AddModelError("", string.Format(CultureInfo.InvariantCulture, Text.SignInThrottled, SignInThrottle.Describe(wait)));
        return page.Page();
    }
}
