using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Articles;

// Loads what the article page shows besides the article row: one small statement per list, each
// starting from the article's id in an index. (A single query with Include or a projection makes
// SQLite join whole join tables on every request: ~25 ms at 10,000 articles instead of ~0.1 ms.)
public static class ArticleParts
{
    public static async Task LoadAsync(VisnykDb db, Article article, CancellationToken ct)
    {
        var id = article.Id;
        var departmentIds = db.LinkedTo(VisnykDb.ArticleDepartments, "DepartmentsId", id);
        article.Departments = await db.Departments.AsNoTracking()
            .Where(d => departmentIds.Contains(d.Id)).OrderBy(d => d.Position).ThenBy(d => d.Name).ToListAsync(ct);

        var tagIds = db.LinkedTo(VisnykDb.ArticleTags, "TagsId", id);
        article.Tags = await db.Tags.AsNoTracking().Where(t => tagIds.Contains(t.Id)).OrderBy(t => t.Name).ToListAsync(ct);

        article.Gallery = await db.Set<GalleryImage>().AsNoTracking()
            .Where(g => g.ArticleId == id).OrderBy(g => g.Position).Include(g => g.Image).ToListAsync(ct);

        article.PinnedRelated = await db.Set<PinnedRelation>().AsNoTracking()
            .Where(p => p.ArticleId == id).OrderBy(p => p.Position).ToListAsync(ct);
    }
}
