using System.Collections.Concurrent;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// One sending round's hold on the deliveries it claimed. A heartbeat renews the lease while the
// round sends, so a slow SMTP server cannot make the claim run out under it (another instance
// would take the rows and send them again). The round takes new messages only while its time
// budget (half the lease) lasts and the lease is safely ahead, and stops for good once it finds
// that a row it had not finished belongs to someone else.
public sealed class ClaimLease : IAsyncDisposable
{
    readonly AllSites allSites;
    readonly TimeProvider clock;
    readonly ILogger logger;
    readonly TimeSpan lease;
    readonly DateTime takeUntil;
    readonly ConcurrentDictionary<long, byte> unfinished;
    readonly CancellationTokenSource stop = new();
    readonly Task heartbeat;
    // Rows of this claim that may still be sent, as of the last renewal (replaced whole).
    volatile HashSet<long> sendable;
    long heldUntil;
    volatile bool lost;

    public ClaimLease(AllSites allSites, TimeProvider clock, ILogger logger, TimeSpan lease, Guid claim, IEnumerable<long> ids, DateTime claimedAt)
    {
        (this.allSites, this.clock, this.logger, this.lease, Claim) = (allSites, clock, logger, lease, claim);
        sendable = ids.ToHashSet();
        unfinished = new(sendable.Select(id => KeyValuePair.Create(id, (byte)0)));
        heldUntil = (claimedAt + lease).Ticks;
        takeUntil = claimedAt + lease / 2;
        heartbeat = Task.Run(RenewAsync);
    }

    public Guid Claim { get; }

    // The round stopped because the rows were no longer all its own.
    public bool Lost => lost;

    // Whether this round may start sending this row now. False once the time budget is spent,
    // when the lease could run out while the message is in flight (renewals failing), or when the
    // row is no longer this round's to send.
    public bool MaySend(long id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return !lost && now < takeUntil && now + lease / 2 < new DateTime(Interlocked.Read(ref heldUntil)) && sendable.Contains(id);
    }

    // Called before a row's result is handed to the database, so that renewals do not take a row
    // this round just recorded (and so no longer holds) for a lost one.
    public void Finished(long id) => unfinished.TryRemove(id, out _);

    // The database refused a result: the row had been taken over.
    public void Lose(long id)
    {
        if (!lost)
        {
            lost = true;
            logger.LogWarning("Mail claim {Claim} lost delivery {Id} to another sender; this round stops", Claim, id);
        }
    }

    async Task RenewAsync()
    {
        var every = lease / 4;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stop.Token);
                await using var db = allSites.Open();
                var now = clock.GetUtcNow().UtcDateTime;
                var held = await Outbox.RenewAsync(db, Claim, now + lease, stop.Token);
                Interlocked.Exchange(ref heldUntil, (now + lease).Ticks);
                sendable = held.Where(h => h.Value).Select(h => h.Key).ToHashSet();
                // Read after the renewal: a row still unfinished now was not recorded before it, so it must still be ours.
                if (unfinished.Keys.Where(id => !held.ContainsKey(id)).Take(1).ToList() is [var taken])
                {
                    Lose(taken);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The lease is not extended: MaySend stops the round before it could run out.
                logger.LogWarning(e, "Could not renew mail claim {Claim}", Claim);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        await heartbeat;
        stop.Dispose();
    }
}
