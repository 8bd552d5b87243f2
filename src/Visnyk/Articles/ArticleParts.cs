using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Articles;

// Loads what the article page shows besides the article row. SQLite itself answers these lookups
// in microseconds, but each statement costs ~0.1 ms in EF Core and Microsoft.Data.Sqlite (they
// prepare every statement afresh), so the links come in one statement and the departments and tags
// they point to from SiteChrome's memory. (A single EF query with Include or a projection was worse
// still: SQLite joined whole join tables, 26 ms at 10,000 articles.)
public static class ArticleParts
{
    enum Kind { Department = 1, Tag = 2, Pinned = 3, Photo = 4 }

    record Link(int Kind, int Id, int Position);

    public static async Task LoadAsync(VisnykDb db, SiteChrome chrome, Article article, CancellationToken ct)
    {
        var id = article.Id;
        var links = await db.Database.SqlQuery<Link>($"""
            SELECT 1 AS "Kind", "DepartmentsId" AS "Id", 0 AS "Position" FROM "ArticleDepartments" WHERE "ArticleId" = {id}
            UNION ALL SELECT 2, "TagsId", 0 FROM "ArticleTags" WHERE "ArticleId" = {id}
            UNION ALL SELECT 3, "RelatedId", "Position" FROM "PinnedRelation" WHERE "ArticleId" = {id}
            UNION ALL SELECT 4, "ImageId", "Position" FROM "GalleryImage" WHERE "ArticleId" = {id}
            """).ToListAsync(ct);
        List<int> Ids(Kind kind) => links.Where(l => l.Kind == (int)kind).OrderBy(l => l.Position).Select(l => l.Id).ToList();
        var departmentIds = Ids(Kind.Department);
        var tagIds = Ids(Kind.Tag);

        var snapshot = await chrome.GetAsync(ct);
        if (!departmentIds.All(snapshot.DepartmentsById.ContainsKey) || !tagIds.All(snapshot.TagsById.ContainsKey))
        {
            // Created since the snapshot was taken (by another process, say): take a fresh one.
            chrome.Invalidate();
            snapshot = await chrome.GetAsync(ct);
        }
        article.Departments = Known(departmentIds, snapshot.DepartmentsById).OrderBy(d => d.Position).ThenBy(d => d.Name).ToList();
        article.Tags = Known(tagIds, snapshot.TagsById).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        article.PinnedRelated = Ids(Kind.Pinned).Select((related, i) => new PinnedRelation { ArticleId = id, RelatedId = related, Position = i }).ToList();

        var photoIds = Ids(Kind.Photo);
        if (photoIds.Count > 0)
        {
            var photos = await db.Images.AsNoTracking().Where(i => photoIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
            article.Gallery = Known(photoIds, photos)
                .Select((photo, i) => new GalleryImage { ArticleId = id, ImageId = photo.Id, Image = photo, Position = i }).ToList();
        }
    }

    static IEnumerable<T> Known<T>(IEnumerable<int> ids, IReadOnlyDictionary<int, T> byId) =>
        ids.Where(byId.ContainsKey).Select(i => byId[i]);
}
