using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;

namespace Visnyk.Newsroom;

// Publishes scheduled articles when their time comes. The schedule lives in the database, so it
// survives restarts: on start, anything overdue is published at once.
public class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduled publishing failed; retrying");
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).AsSplitQuery()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var before = due.Select(a => ArticleEviction.State.Of(a, now)).ToList();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var article in due)
        {
            article.Status = ArticleStatus.Published;
            audit.Record(AuditActions.ArticlePublished, AuditActions.Article(article.Id), "за розкладом");
        }
        await db.SaveChangesAsync(ct);
        var cache = scope.ServiceProvider.GetRequiredService<IOutputCacheStore>();
        var latest = scope.ServiceProvider.GetRequiredService<LatestNews>();
        for (var i = 0; i < due.Count; i++)
        {
            await ArticleEviction.EvictAsync(cache, latest, before[i], ArticleEviction.State.Of(due[i], now), ct);
        }
        logger.LogInformation("Published {Count} scheduled articles", due.Count);
        return due.Count;
    }
}
