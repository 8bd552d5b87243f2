using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Articles;

// "Новина за темою": the editor's pinned picks first, then the articles sharing most tags,
// newer first; never the article itself.
public static class RelatedNews
{
    public const int Count = 3;
    // Only the newest candidates are weighed, so a tag with thousands of articles stays cheap.
    const int Candidates = 60;

    public static async Task<List<ArticleListItem>> ForAsync(VisnykDb db, Article article, DateTime utcNow, CancellationToken ct)
    {
        var pinnedIds = article.PinnedRelated.OrderBy(p => p.Position).Select(p => p.RelatedId).ToList();
        var pinned = await db.Articles.AsNoTracking().Published(utcNow)
            .Where(a => pinnedIds.Contains(a.Id) && a.Id != article.Id)
            .AsListItems().ToListAsync(ct);
        var result = pinned.OrderBy(p => pinnedIds.IndexOf(p.Id)).Take(Count).ToList();
        if (result.Count == Count || article.Tags.Count == 0)
        {
            return result;
        }

        var tagIds = article.Tags.Select(t => t.Id).ToList();
        var exclude = result.Select(r => r.Id).Append(article.Id).ToList();
        var candidates = await db.Articles.AsNoTracking().Published(utcNow)
            .Where(a => !exclude.Contains(a.Id) && a.Tags.Any(t => tagIds.Contains(t.Id)))
            .Newest().Take(Candidates)
            .Select(a => new { a.Id, a.PublishedAt, Shared = a.Tags.Count(t => tagIds.Contains(t.Id)) })
            .ToListAsync(ct);
        var chosen = candidates
            .OrderByDescending(c => c.Shared).ThenByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Take(Count - result.Count).Select(c => c.Id).ToList();
        var items = await db.Articles.AsNoTracking().Where(a => chosen.Contains(a.Id)).AsListItems().ToListAsync(ct);
        result.AddRange(items.OrderBy(i => chosen.IndexOf(i.Id)));
        return result;
    }
}
