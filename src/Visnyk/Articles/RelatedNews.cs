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

    // Each step runs only when it can still add something: on most pages that is one query.
    public static async Task<List<ArticleListItem>> ForAsync(VisnykDb db, Article article, DateTime utcNow, CancellationToken ct)
    {
        var pinnedIds = article.PinnedRelated.OrderBy(p => p.Position).Select(p => p.RelatedId).Where(id => id != article.Id).ToList();
        var result = new List<ArticleListItem>();
        if (pinnedIds.Count > 0)
        {
            var pinned = await db.Articles.AsNoTracking().Published(utcNow)
                .Where(a => pinnedIds.Contains(a.Id)).AsListItems().ToListAsync(ct);
            result.AddRange(pinned.OrderBy(p => pinnedIds.IndexOf(p.Id)).Take(Count));
        }
        if (result.Count == Count || article.Tags.Count == 0)
        {
            return result;
        }

        var tagIds = article.Tags.Select(t => t.Id).ToList();
        var exclude = result.Select(r => r.Id).Append(article.Id).ToList();
        var candidates = await db.Articles.AsNoTracking().Published(utcNow)
            .Where(a => !exclude.Contains(a.Id) && a.Tags.Any(t => tagIds.Contains(t.Id)))
            .Newest().Take(Candidates)
            .Select(a => new
            {
                Item = new ArticleListItem(a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt, a.UpdatedAt, a.LeadImage),
                Shared = a.Tags.Count(t => tagIds.Contains(t.Id)),
            })
            .ToListAsync(ct);
        result.AddRange(candidates
            .OrderByDescending(c => c.Shared).ThenByDescending(c => c.Item.PublishedAt).ThenByDescending(c => c.Item.Id)
            .Take(Count - result.Count).Select(c => c.Item));
        return result;
    }
}
