using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Visnyk.Articles;

namespace Visnyk.Newsletter;

// When a save publishes an article, the alert mailing is decided in that same transaction
// (VisnykDb.SaveChangesAsync), so a publication is never committed without its alert, nor an
// alert without its publication. Only a first publication alerts: edits and re-publications
// after a withdrawal do not (an editor's change note can ask for an update alert instead).
public static class Alerts
{
    // Older news published now (a back-dated archive entry) is not news to alert about.
    static readonly TimeSpan Fresh = TimeSpan.FromDays(1);
    static readonly AsyncLocal<bool> suppressed = new();

    // Bulk loads (demo content, synthetic articles, imports) publish without alerting anyone.
    public static IDisposable Suppress()
    {
        suppressed.Value = true;
        return new Restore();
    }

    public static bool IsPublishing(EntityEntry entry, DateTime utcNow) =>
        !suppressed.Value
        && entry.Entity is Article { Status: ArticleStatus.Published } article
        && article.PublishedAt > utcNow - Fresh
        && (entry.State == EntityState.Added
            || entry.State == EntityState.Modified && entry.Property(nameof(Article.Status)).OriginalValue is not ArticleStatus.Published);

    // Raised after a mailing is committed in this process, so the sender need not wait for its next look.
    public static event Action? Decided;

    internal static void RaiseDecided() => Decided?.Invoke();

    sealed class Restore : IDisposable
    {
        public void Dispose() => suppressed.Value = false;
    }
}
