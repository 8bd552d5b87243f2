using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Tags;

namespace Visnyk.Articles;

// The one record of what a save did, whoever saved (pages, the scheduler, imports, commands,
// tests): every change to an article's text, state, departments or tags is written to
// ArticleChanges in the save's own transaction (every instance's search index follows that log),
// and once that transaction commits, this process's followers are woken through CommitSignal:
// the search indexer for article changes, the mail sender for new mailings or deliveries.
// Publishing decides what is mailed; this only says that it was committed.
// In a process without an output cache (a command), nothing evicts what readers see after a save,
// so each save that changes articles also records ArticleChange.Outside for the running instances.
public sealed class ChangeRecord(CommitSignal signal, TimeProvider clock, IServiceProviderIsService? services = null) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    readonly bool outside = services?.IsService(typeof(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore)) == false;

    sealed class Pending
    {
        public readonly List<Func<int>> Articles = [];
        public readonly List<int> RenamedTags = [];
        public CommitSignal.What Wake;
        public IDbContextTransaction? Own;
        public bool Recording;
    }

    readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData data, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (data.Context is not VisnykDb { LoadsWholeSite: false } db || pending.GetOrCreateValue(db) is not { Recording: false } p)
        {
            return result;
        }
        Collect(db, p);
        // The change and its record commit together: a save outside a transaction gets its own.
        if ((p.Articles.Count > 0 || p.RenamedTags.Count > 0) && db.Database.CurrentTransaction is null)
        {
            p.Own = await db.Database.BeginTransactionAsync(ct);
        }
        return result;
    }

    // Read after the save: new articles get their ids from it.
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken ct = default)
    {
        if (data.Context is not VisnykDb db || !pending.TryGetValue(db, out var p) || p.Recording)
        {
            return result;
        }
        if (p.Articles.Count > 0 || p.RenamedTags.Count > 0)
        {
            p.Recording = true;
            try
            {
                var at = clock.GetUtcNow().UtcDateTime;
                db.ArticleChanges.AddRange(p.Articles.Select(id => id()).Distinct().Select(id => new ArticleChange { ArticleId = id, At = at }));
                if (outside)
                {
                    db.ArticleChanges.Add(new ArticleChange { ArticleId = ArticleChange.Outside, At = at });
                }
                await db.SaveChangesAsync(ct);
                foreach (var tag in p.RenamedTags)
                {
                    // The articles carrying a renamed tag are found under its new name too.
                    await db.RecordTagChangeAsync(tag, at, ct);
                }
                p.Wake |= CommitSignal.What.Articles;
            }
            finally
            {
                p.Recording = false;
                p.Articles.Clear();
                p.RenamedTags.Clear();
            }
        }
        if (p.Own is { } own)
        {
            p.Own = null;
            await using (own)
            {
                await own.CommitAsync(ct);
            }
        }
        else if (db.Database.CurrentTransaction is null)
        {
            Flush(p); // committed by the save itself
        }
        return result;
    }

    public async Task SaveChangesFailedAsync(DbContextErrorEventData data, CancellationToken ct = default)
    {
        if (data.Context is not null && pending.TryGetValue(data.Context, out var p))
        {
            p.Articles.Clear();
            p.RenamedTags.Clear();
            if (p.Own is { } own)
            {
                p.Own = null;
                await own.DisposeAsync();
            }
        }
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData data, InterceptionResult<int> result) =>
        SavingChangesAsync(data, result).AsTask().GetAwaiter().GetResult();

    public int SavedChanges(SaveChangesCompletedEventData data, int result) =>
        SavedChangesAsync(data, result).AsTask().GetAwaiter().GetResult();

    public void SaveChangesFailed(DbContextErrorEventData data) => SaveChangesFailedAsync(data).GetAwaiter().GetResult();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData data) => Flush(data.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken ct = default)
    {
        Flush(data.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData data) => Forget(data.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken ct = default)
    {
        Forget(data.Context);
        return Task.CompletedTask;
    }

    void Flush(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var p) && !p.Recording)
        {
            Flush(p);
        }
    }

    void Flush(Pending p)
    {
        var wake = p.Wake;
        p.Wake = CommitSignal.What.None;
        signal.Raise(wake);
    }

    void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var p))
        {
            p.Wake = CommitSignal.What.None;
        }
    }

    // The ids of the articles this save touches, read after the save (new articles have none
    // before), the tags renamed (their articles are indexed under the tag's name), and whom to wake.
    static void Collect(VisnykDb db, Pending p)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            if (entry.Entity is Article article)
            {
                p.Articles.Add(() => article.Id);
            }
            else if (entry.Entity is Tag tag && entry.State == EntityState.Modified && entry.Property(nameof(Tag.Name)).IsModified)
            {
                p.RenamedTags.Add(tag.Id);
            }
            else if (entry.Metadata.Name is VisnykDb.ArticleDepartments or VisnykDb.ArticleTags)
            {
                var link = entry.Property("ArticleId");
                var deletedId = entry.State == EntityState.Deleted ? (int)link.CurrentValue! : 0;
                p.Articles.Add(() => deletedId != 0 ? deletedId : (int)link.CurrentValue!);
            }
            else if (entry.Entity is ArticleChange)
            {
                p.Wake |= CommitSignal.What.Articles; // a rebuild request (the reindex command)
            }
            else if (entry.State == EntityState.Added && entry.Entity is Mailing or Delivery)
            {
                p.Wake |= CommitSignal.What.Mail;
            }
        }
    }
}
