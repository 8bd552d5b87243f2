using System.Threading.Channels;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// Records send results in groups: each connection hands over its result and waits until it is
// committed before it sends its next message. So at any instant a connection has at most one
// message that the server may have accepted and the database does not yet know about, which
// bounds the duplicates a crash can cause by the number of connections; and one transaction
// serves all the connections' results of that moment, so the database keeps up with the rate.
public sealed class GroupCommit : IAsyncDisposable
{
    readonly Channel<(Outbox.Result Result, TaskCompletionSource<bool> Done)> pending = Channel.CreateUnbounded<(Outbox.Result, TaskCompletionSource<bool>)>();
    readonly Task loop;

    public GroupCommit(AllSites allSites, MailOptions options, TimeProvider clock) =>
        loop = Task.Run(() => RunAsync(allSites, options, clock));

    // True once recorded; false if the round no longer held the row (another instance took it over).
    public Task<bool> RecordAsync(Outbox.Result result)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.Writer.TryWrite((result, done)))
        {
            done.SetException(new InvalidOperationException("The group commit has ended."));
        }
        return done.Task;
    }

    async Task RunAsync(AllSites allSites, MailOptions options, TimeProvider clock)
    {
        var group = new List<(Outbox.Result Result, TaskCompletionSource<bool> Done)>();
        while (await pending.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < 500 && pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }
            try
            {
                await using var db = allSites.Open();
                var held = await Outbox.RecordAsync(db, group.Select(g => g.Result).ToList(), options, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
                group.ForEach(g => g.Done.SetResult(held.Contains(g.Result.Item.Id)));
                foreach (var g in group.Where(g => held.Contains(g.Result.Item.Id)))
                {
                    Site.Metrics.MailResults.Add(1, new KeyValuePair<string, object?>("outcome", g.Result.Outcome.ToString().ToLowerInvariant()));
                }
            }
            catch (Exception e)
            {
                // Not recorded: those deliveries stay claimed and go again when the claim runs out.
                group.ForEach(g => g.Done.SetException(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await loop;
    }
}
