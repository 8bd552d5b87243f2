using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// The outbox's sender, one per instance: decides due digests, expands mailings into deliveries,
// then claims due deliveries through the database and sends them over a few SMTP connections at
// the configured rate. A server that cannot be reached pauses sending (everything waits, no
// attempt is counted); a 4xx for one message retries it later with growing pauses; a 5xx for a
// recipient fails it and counts against the address.
//
// One sender for every site: the queue, its claims and results are read and written across sites
// (AllSites); what is a site's own (its digests, the expansion of its mailings into deliveries, its
// messages' name, sender, links and articles) is done in a scope of that site.
public class MailSender(IServiceScopeFactory scopes, AllSites allSites, SiteHosts hosts, IOptions<MailOptions> mailOptions, IOptions<SiteOptions> siteOptions,
    MailTokens tokens, CommitSignal signal, TimeProvider clock, ILogger<MailSender> logger) : BackgroundService
{
    static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);
    readonly SemaphoreSlim wake = new(0, 1);
    readonly Dictionary<int, MailContent?> contents = [];
    readonly Pacer pacer = new(clock);
    TimeSpan outage = TimeSpan.Zero;
    DateTime resumeAt = DateTime.MinValue;
    DateTime prunedAt = DateTime.MinValue;
    // When to look for saved searches filed by another stemming (hourly; every round while a batch comes back full).
    DateTime refileAt = DateTime.MinValue;
    const int RefileBatch = 2_000;
    bool reclaimed;
    // Messages a second this instance managed when a round last ran out of time (a slow server).
    double? observedRate;

    // When this instance last found the SMTP server unreachable, until a round reaches it (/readyz).
    public DateTime? UnreachableSince { get; private set; }

    MailOptions Options => mailOptions.Value;

    // Who this instance is in the outbox's claims, the same across restarts: the configured id,
    // or the host and the search index folder (which no two running instances share).
    public string InstanceId => instanceId ??= Options.InstanceId is { Length: > 0 } id ? id
        : $"{Environment.MachineName}:{siteOptions.Value.FullSearchIndexDirectory}" is var own && own.Length <= 200 ? own
        : $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 100)]}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(own)))}";
    string? instanceId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Committed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var busy = false;
                try
                {
                    busy = await RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Mail sending failed; retrying");
                }
                if (!busy)
                {
                    await wake.WaitAsync(Idle, stoppingToken);
                }
            }
        }
        finally
        {
            signal.Committed -= Wake;
        }
    }

    void Wake(CommitSignal.What what)
    {
        if (what.HasFlag(CommitSignal.What.Mail) && wake.CurrentCount == 0)
        {
            try { wake.Release(); } catch (SemaphoreFullException) { }
        }
    }

    // One round; true if it sent something (more may be waiting).
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await using var db = allSites.Open();
        if (!reclaimed)
        {
            var taken = await Outbox.ReclaimAsync(db, InstanceId, ct);
            if (taken > 0)
            {
                logger.LogInformation("Took back {Count} deliveries this instance ({Instance}) held when it stopped", taken, InstanceId);
            }
            reclaimed = true;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await Digests.DecideDueAsync(db, scopes, Options, now, ct);
        await ExpandAsync(db, now, ct);
        if (now - prunedAt > TimeSpan.FromHours(1))
        {
            await PruneAsync(db, now, ct);
            prunedAt = now;
        }
        if (now >= refileAt)
        {
            refileAt = await RefileAsync(db, now, ct) ? now : now.AddHours(1);
        }
        if (!Options.IsConfigured || now < resumeAt)
        {
            return false;
        }
        var claim = Guid.NewGuid();
        // The lease runs from now, not from the start of this round (expansion may have taken a while).
        now = clock.GetUtcNow().UtcDateTime;
        var lease = TimeSpan.FromSeconds(Options.ClaimSeconds);
        // Sized by time: what this instance can send in the round's budget (half the lease), at the
        // configured rate or, after a round that ran out of time, at the rate the server allowed.
        var perSecond = Math.Min(Options.MessagesPerSecond, observedRate ?? double.MaxValue);
        var batchSize = (int)Math.Clamp(perSecond * lease.TotalSeconds / 2, Options.Connections * 2, 1000);
        var batch = await Outbox.ClaimAsync(db, InstanceId, claim, batchSize, now, lease, ct);
        if (batch.Count == 0)
        {
            return false;
        }
        if (contents.Count > 100)
        {
            contents.Clear();
        }
        var messages = new Dictionary<int, MailMessages>();
        var reports = new Dictionary<(int Site, int Id), Feedback.ProblemReport>();
        foreach (var site in batch.GroupBy(d => d.Site))
        {
            // What the site's messages say, read in a scope of that site: its name, sender and address, its articles.
            await using var scope = scopes.CreateSiteScope(site.Key);
            var siteDb = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            foreach (var id in site.Where(d => d.MailingId is not null).Select(d => d.MailingId!.Value).Distinct())
            {
                if (!contents.ContainsKey(id))
                {
                    contents[id] = await MailContent.LoadAsync(siteDb, id, now, ct);
                }
            }
            var reported = site.Where(d => d.ProblemReportId is not null).Select(d => d.ProblemReportId!.Value).ToList();
            foreach (var report in await siteDb.ProblemReports.AsNoTracking().Where(r => reported.Contains(r.Id)).ToListAsync(ct))
            {
                reports[(site.Key, report.Id)] = report;
            }
            messages[site.Key] = await MessagesAsync(scope.ServiceProvider, site.Key, ct);
            // The saved searches the messages name (Picked), described in them.
            var searches = site.Where(d => d.MailingId is not null).SelectMany(d => Picked.SearchesOf(d.Payload)).Distinct().ToList();
            if (searches.Count > 0)
            {
                messages[site.Key].Searches = await siteDb.SavedSearches.AsNoTracking().Where(s => searches.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            }
        }
        bool reachable;
        int sent;
        await using (var held = new ClaimLease(allSites, clock, logger, lease, claim, batch.Select(d => d.Id), now))
        {
            (reachable, sent) = await SendAsync(batch, messages, reports, held, ct);
            var elapsed = clock.GetUtcNow().UtcDateTime - now;
            observedRate = sent < batch.Count && reachable && !held.Lost ? Math.Max(sent, 1) / Math.Max(elapsed.TotalSeconds, 1) : null;
            logger.LogDebug("Mail round of {Instance}: claimed {Count}, sent {Sent} in {Elapsed}, claim lost: {Lost}", InstanceId, batch.Count, sent, elapsed, held.Lost);
        }
        var released = await Outbox.ReleaseAsync(db, claim, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        if (!reachable)
        {
            outage = outage == TimeSpan.Zero ? TimeSpan.FromSeconds(2) : TimeSpan.FromTicks(Math.Min(outage.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
            resumeAt = clock.GetUtcNow().UtcDateTime + outage;
            UnreachableSince ??= clock.GetUtcNow().UtcDateTime;
            logger.LogWarning("SMTP server {Host}:{Port} unreachable; {Count} messages wait, next try in {Pause}", Options.Host, Options.Port, released, outage);
            return false;
        }
        outage = TimeSpan.Zero;
        UnreachableSince = null;
        return true;
    }

    // Every site's mailings not yet turned into deliveries, each expanded in a scope of its site;
    // those of a site being restored from a copy once the restore is over (WritesPause).
    async Task ExpandAsync(VisnykDb all, DateTime now, CancellationToken ct)
    {
        var restoring = WritesPause.PausedSites(all, now);
        var waiting = await all.Mailings.IgnoreQueryFilters([VisnykDb.SiteFilter])
            .Where(m => m.ExpandedAt == null && !restoring.Contains(EF.Property<int>(m, VisnykDb.SiteColumn)))
            .OrderBy(m => m.Id).Select(m => new { m.Id, Site = EF.Property<int>(m, VisnykDb.SiteColumn) }).ToListAsync(ct);
        foreach (var site in waiting.GroupBy(m => m.Site))
        {
            await using var scope = scopes.CreateSiteScope(site.Key);
            var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
            var ids = site.Select(m => m.Id).ToList();
            foreach (var mailing in await db.Mailings.Where(m => ids.Contains(m.Id) && m.ExpandedAt == null).OrderBy(m => m.Id).ToListAsync(ct))
            {
                await MailingExpander.ExpandAsync(db, mailing, now, ct);
            }
        }
    }

    // Hourly, across sites: what no longer needs keeping.
    static async Task PruneAsync(VisnykDb all, DateTime now, CancellationToken ct)
    {
        var deliveries = all.Deliveries.IgnoreQueryFilters([VisnykDb.SiteFilter]);
        // Confirmation mails are kept a day, for the per-address limit, then forgotten.
        await deliveries.Where(Delivery.IsConfirmation).Where(d => d.CreatedAt < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        // Forwarded problem reports' mails once settled, after as long as a mailing's (the reports stay).
        await deliveries.Where(d => d.ProblemReportId != null && d.CreatedAt < now - MailReport.ArchiveAfter
            && d.Status != DeliveryStatus.Waiting && d.Status != DeliveryStatus.Sending).ExecuteDeleteAsync(ct);
        // A used confirmation link is remembered only until it would have expired anyway.
        await all.UsedConfirmations.Where(u => u.ExpiresAt < now).ExecuteDeleteAsync(ct);
        // Saved searches nobody follows any more.
        await SavedSearches.SweepAsync(all, now, ct);
        // Sent mail's rows (and addresses) after 30 days; the send history keeps the counts.
        await MailReport.ArchiveAsync(all, now, ct);
        // Deliveries decided for a subscriber who left while they were being written.
        await deliveries.Where(d => d.Status == DeliveryStatus.Waiting && d.SubscriberId != null && !all.Set<Subscriber>().Any(s => s.Id == d.SubscriberId))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Cancelled).SetProperty(d => d.To, "").SetProperty(d => d.SubscriberId, (int?)null), ct);
    }

    // Saved searches filed by another stemming (a new dictionary edition, a changed stemmer), filed
    // again a batch per site at a time, each in its site's scope. True if more may be left.
    async Task<bool> RefileAsync(VisnykDb all, DateTime now, CancellationToken ct)
    {
        var filing = Search.UkrainianStems.Shared.Filing;
        // Not a site being restored from a copy (WritesPause): the round after.
        var restoring = all.Sites.IgnoreQueryFilters([VisnykDb.SiteFilter]).Where(x => x.WritesPausedUntil > now).Select(x => x.Id);
        var sites = await all.SavedSearches.IgnoreQueryFilters([VisnykDb.SiteFilter])
            .Where(s => s.FiledBy != filing && !restoring.Contains(EF.Property<int>(s, VisnykDb.SiteColumn)))
            .Select(s => EF.Property<int>(s, VisnykDb.SiteColumn)).Distinct().ToListAsync(ct);
        var more = false;
        foreach (var site in sites)
        {
            await using var scope = scopes.CreateSiteScope(site);
            var refiled = await SavedSearches.RefileAsync(scope.ServiceProvider.GetRequiredService<VisnykDb>(), now, RefileBatch, ct);
            more |= refiled == RefileBatch;
            logger.LogInformation("Filed {Count} saved searches of site {Site} again: the stemming changed", refiled, site);
        }
        return more;
    }

    // A site's messages: its name, its sender (MailFrom), its address in every link (PublicUrl).
    async Task<MailMessages> MessagesAsync(IServiceProvider site, int id, CancellationToken ct)
    {
        var chrome = await site.GetRequiredService<SiteChrome>().GetAsync(ct);
        var settings = chrome.Settings;
        var origin = await PublicUrl.OriginAsync(siteOptions.Value, hosts, id, ct);
        var own = await site.GetRequiredService<VisnykDb>().SiteHosts.Where(h => h.SiteId == id).Select(h => h.Host).ToListAsync(ct);
        return new MailMessages(Options, MailFrom.Of(id, settings, Options, own, siteOptions.Value.PublicUrl), origin, chrome, tokens, clock);
    }

    // False if the server could not be reached (what was not sent stays claimed for release), and
    // how many messages the server took.
    async Task<(bool Reachable, int Sent)> SendAsync(List<Outbox.Claimed> batch, Dictionary<int, MailMessages> messages,
        Dictionary<(int Site, int Id), Feedback.ProblemReport> reports, ClaimLease held, CancellationToken ct)
    {
        var sent = 0;
        var queue = new ConcurrentQueue<Outbox.Claimed>(batch);
        var reachable = true;
        await using (var commit = new GroupCommit(allSites, Options, clock))
        {
            async Task ConnectionAsync()
            {
                using var smtp = new SmtpClient { Timeout = 30_000 };
                while (reachable && !held.Lost && !ct.IsCancellationRequested && queue.TryDequeue(out var item))
                {
                    if (!held.MaySend(item.Id))
                    {
                        // Cancelled meanwhile (skip it), or the round's time is up (what is left is released).
                        continue;
                    }
                    MimeKit.MimeMessage? message;
                    try
                    {
                        var site = messages[item.Site];
                        message = item.MailingId is { } mailingId
                            ? contents.GetValueOrDefault(mailingId) is { } content ? site.News(item, content) : null
                            : item.ProblemReportId is { } reportId
                            ? reports.GetValueOrDefault((item.Site, reportId)) is { } report ? site.Report(item, report) : null
                            : site.Confirmation(item);
                    }
                    catch (Exception e) when (e is FormatException or MimeKit.ParseException or ArgumentException)
                    {
                        // A row that cannot become a message (an address gone bad): failed, not retried forever.
                        held.Finished(item.Id);
                        await commit.RecordAsync(new Outbox.Result(item, Outbox.Outcome.Refused, e.Message));
                        continue;
                    }
                    if (message is null)
                    {
                        held.Finished(item.Id);
                        await using var db = allSites.Open();
                        await Outbox.DropAsync(db, item, ct);
                        continue;
                    }
                    Outbox.Outcome outcome;
                    string? error = null;
                    try
                    {
                        if (!smtp.IsConnected)
                        {
                            await ConnectAsync(smtp, ct);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Refused at the door (no answer, a 421 or 554 greeting, failed TLS or sign-in):
                        // the server's state, not this message's. Stop this round; the rest is released.
                        logger.LogWarning("SMTP {Host}:{Port}: {Error}", Options.Host, Options.Port, e.Message);
                        reachable = false;
                        break;
                    }
                    // The slot is taken once connected, so that the time a connection takes to open
                    // does not bunch the messages up at the server.
                    await pacer.WaitAsync(Options.MessagesPerSecond, ct);
                    // The throttle may have waited: the round's time or its claim may be gone by now.
                    if (!held.MaySend(item.Id))
                    {
                        continue;
                    }
                    try
                    {
                        await smtp.SendAsync(message, ct);
                        outcome = Outbox.Outcome.Sent;
                    }
                    catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && IsNoSuchMailbox(e))
                    {
                        (outcome, error) = (Outbox.Outcome.Rejected, $"{(int)e.StatusCode} {e.Message}");
                    }
                    catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
                    {
                        (outcome, error) = ((int)e.StatusCode >= 500 ? Outbox.Outcome.Refused : Outbox.Outcome.Deferred, $"{(int)e.StatusCode} {e.Message}");
                    }
                    catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException
                        or ServiceNotConnectedException or TimeoutException)
                    {
                        // The sender refused, a 421, a dropped connection: the server, not this message.
                        logger.LogWarning("SMTP {Host}:{Port}: {Error}", Options.Host, Options.Port, e.Message);
                        reachable = false;
                        break;
                    }
                    if (outcome == Outbox.Outcome.Sent)
                    {
                        Interlocked.Increment(ref sent);
                    }
                    held.Finished(item.Id);
                    if (!await commit.RecordAsync(new Outbox.Result(item, outcome, error)))
                    {
                        // Fenced: another sender holds the row now, so its result is not ours to record.
                        held.Lose(item.Id);
                    }
                }
                if (smtp.IsConnected)
                {
                    await smtp.DisconnectAsync(true, CancellationToken.None);
                }
            }
            await Task.WhenAll(Enumerable.Range(0, Math.Min(Options.Connections, batch.Count)).Select(_ => Task.Run(ConnectionAsync, CancellationToken.None)));
        }
        return (reachable, sent);
    }

    // A 5xx that says the mailbox does not exist (550, 551, 553; not a 5.7.x policy or block):
    // only these count against the address, so one provider blocking us cannot unsubscribe its users.
    static bool IsNoSuchMailbox(SmtpCommandException e) =>
        (int)e.StatusCode is 550 or 551 or 553 && !e.Message.Contains("5.7.", StringComparison.Ordinal);

    async Task ConnectAsync(SmtpClient smtp, CancellationToken ct)
    {
        var security = Options.Security switch
        {
            MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        // Our own socket, to turn Nagle's algorithm off: MailKit's own leaves it on, and then each
        // message's last segment waits for the server's delayed ACK (~40 ms a message; bench/mail.sh).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Options.Host, Options.Port, ct);
            await smtp.ConnectAsync(socket, Options.Host, Options.Port, security, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (Options.User.Length > 0)
        {
            await smtp.AuthenticateAsync(Options.User, Options.Password, ct);
        }
    }
}
