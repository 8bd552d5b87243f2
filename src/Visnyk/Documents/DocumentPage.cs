using System.Globalization;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Documents;

// Everything a document's page shows of the database in one batch of plain SQL, as ArticlePage
// does for news: the document, its departments (named from the site's snapshot), its files, and
// the public documents it amends or cancels and that amend or cancel it. Through EF Core these
// were six queries (split includes, then the relations each way), and the cold page ran at 0.07
// of the static ceiling (bench/pages.sh). The public rule is ArticleQueries.Published's.
public static class DocumentPage
{
    public record Data(Article Document, IReadOnlyList<(RelationKind Kind, bool Outgoing, DocumentListItem Other)> Related);

    // Dates signed as text in both databases (SQLite keeps them so; PostgreSQL's date is cast).
    const string ItemColumns = """d."Id", d."Slug", d."Title", d."DocType", d."DocNumber", CAST(d."SignedOn" AS TEXT) AS "SignedOn", d."IssuedBy", d."DocStatus" """;
    const string IsPublic = """d."SiteId" = @site AND d."Kind" = @kind AND d."Status" = @published AND d."PublishedAt" <= @now""";

    const string Sql = $"""
        SELECT d."Id", d."Slug", d."Title", d."Summary", d."Body", d."Status", d."PublishedAt", d."UpdatedAt", d."DocType", d."DocNumber",
               CAST(d."SignedOn" AS TEXT) AS "SignedOn", d."IssuedBy", d."DocStatus"
        FROM "Articles" AS d
        WHERE d."Id" = @id AND d."SiteId" = @site AND d."Kind" = @kind AND (@preview OR d."Status" = @published AND d."PublishedAt" <= @now);

        SELECT "DepartmentsId" FROM "ArticleDepartments" WHERE "ArticleId" = @id;

        SELECT f."Id", f."ArticleId", f."Key", f."FileName", f."Kind", f."Bytes", CASE WHEN f."Inline" THEN 1 ELSE 0 END AS "Inline", f."Pages", f."Position"
        FROM "SignedFiles" AS f WHERE f."ArticleId" = @id ORDER BY f."Position";

        SELECT r."Kind" AS "Relation", CASE WHEN r."FromId" = @id THEN 1 ELSE 0 END AS "Outgoing", {ItemColumns}
        FROM "DocumentRelations" AS r JOIN "Articles" AS d ON d."Id" = CASE WHEN r."FromId" = @id THEN r."ToId" ELSE r."FromId" END
        WHERE (r."FromId" = @id OR r."ToId" = @id) AND d."Id" <> @id AND {IsPublic}
        ORDER BY d."Id";
        """;

    // A department's newest public documents, as its page lists them (NewestSigned): the site's
    // public documents from the index of kinds, each checked for the department by the join table's
    // key (its ids from the join table would be mostly news, each row read to be refused: 5x slower
    // on the bench's data). As db.Documents reads them: in the scope's language, or in every
    // language when the scope reads every one (LanguageFilter).
    const string InDepartment = """EXISTS (SELECT 1 FROM "ArticleDepartments" AS x WHERE x."ArticleId" = d."Id" AND x."DepartmentsId" = @department)""";
    const string Newest = """ORDER BY d."SignedOn" DESC, d."Id" DESC LIMIT @count""";
    internal const string OfDepartmentSql = $"""SELECT {ItemColumns} FROM "Articles" AS d WHERE {IsPublic} AND {InDepartment} {Newest}""";
    internal const string OfDepartmentInLanguageSql = $"""SELECT {ItemColumns} FROM "Articles" AS d WHERE {IsPublic} AND d."Language" = @language AND {InDepartment} {Newest}""";

    public static async Task<List<DocumentListItem>> NewestOfDepartmentAsync(VisnykDb db, int department, DateTime utcNow, int count, CancellationToken ct)
    {
        var sql = db.ReadLanguage is null ? OfDepartmentSql : OfDepartmentInLanguageSql;
        var parameters = new { department, site = db.SiteId, now = utcNow, published = (int)ArticleStatus.Published, kind = (int)ArticleKind.Document, language = db.ReadLanguage, count };
        // On SQLite a connection with the statement compiled already (PreparedReads).
        await using var kept = db.Prepared?.Take();
        var rows = await (kept ?? db.Database.GetDbConnection()).QueryAsync<ItemRow>(
            new CommandDefinition(kept is null ? SiteSession.Scoped(db, sql) : sql, parameters, cancellationToken: ct));
        return rows.Select(ToItem).ToList();
    }

    // The document if it is public now (or, for a preview, whatever its state), with what its page shows.
    public static async Task<Data?> LoadAsync(VisnykDb db, SiteChrome chrome, int id, DateTime utcNow, bool preview, CancellationToken ct)
    {
        var parameters = new { id, site = db.SiteId, now = utcNow, published = (int)ArticleStatus.Published, kind = (int)ArticleKind.Document, preview };
        Article? document;
        List<int> departmentIds;
        List<FileRow> files;
        List<RelatedRow> related;
        await using (var results = await db.Database.GetDbConnection().QueryMultipleAsync(new CommandDefinition(SiteSession.Scoped(db, Sql), parameters, cancellationToken: ct)))
        {
            document = (await results.ReadAsync<DocumentRow>()).Select(ToDocument).SingleOrDefault();
            if (document is null)
            {
                return null;
            }
            departmentIds = (await results.ReadAsync<int>()).AsList();
            files = (await results.ReadAsync<FileRow>()).AsList();
            related = (await results.ReadAsync<RelatedRow>()).AsList();
        }
        var snapshot = await chrome.GetAsync(ct);
        if (!departmentIds.All(snapshot.DepartmentsById.ContainsKey))
        {
            // Created since the snapshot was taken (by another process, say): take a fresh one.
            chrome.Invalidate();
            snapshot = await chrome.GetAsync(ct);
        }
        document.Departments = departmentIds.Where(snapshot.DepartmentsById.ContainsKey).Select(d => snapshot.DepartmentsById[d])
            .OrderBy(d => d.Position).ThenBy(d => d.Name).ToList();
        document.Files = files.Select(f => new SignedFile
        {
            Id = f.Id, ArticleId = f.ArticleId, Key = f.Key, FileName = f.FileName, Kind = (DocumentKind)f.Kind, Bytes = f.Bytes,
            Inline = f.Inline == 1, Pages = f.Pages, Position = f.Position,
        }).ToList();
        // Outgoing first (what this one changes), then those that change it, as the page lists them.
        return new Data(document, related.OrderByDescending(r => r.Outgoing).Select(r => ((RelationKind)r.Relation, r.Outgoing == 1, ToItem(r))).ToList());
    }

    static DocumentListItem ToItem(ItemRow r) =>
        new(r.Id, r.Slug, r.Title, (DocumentType?)r.DocType, r.DocNumber, Day(r.SignedOn), r.IssuedBy, (DocumentStatus)r.DocStatus);

    static DateOnly? Day(string? text) =>
        text is null ? null : DateOnly.ParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    static Article ToDocument(DocumentRow row) => new()
    {
        Id = row.Id,
        Kind = ArticleKind.Document,
        Title = row.Title,
        Slug = row.Slug,
        Summary = row.Summary,
        Body = row.Body,
        Status = (ArticleStatus)row.Status,
        PublishedAt = DateTime.SpecifyKind(row.PublishedAt, DateTimeKind.Utc),
        UpdatedAt = DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc),
        DocType = (DocumentType?)row.DocType,
        DocNumber = row.DocNumber,
        SignedOn = Day(row.SignedOn),
        IssuedBy = row.IssuedBy,
        DocStatus = (DocumentStatus)row.DocStatus,
    };

    sealed class DocumentRow
    {
        public int Id { get; set; }
        public string Slug { get; set; } = "";
        public string Title { get; set; } = "";
        public string Summary { get; set; } = "";
        public string Body { get; set; } = "";
        public int Status { get; set; }
        public DateTime PublishedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public int? DocType { get; set; }
        public string? DocNumber { get; set; }
        public string? SignedOn { get; set; }
        public string? IssuedBy { get; set; }
        public int DocStatus { get; set; }
    }

    sealed class FileRow
    {
        public int Id { get; set; }
        public int ArticleId { get; set; }
        public string Key { get; set; } = "";
        public string FileName { get; set; } = "";
        public int Kind { get; set; }
        public long Bytes { get; set; }
        public int Inline { get; set; }
        public int? Pages { get; set; }
        public int Position { get; set; }
    }

    sealed class RelatedRow : ItemRow
    {
        public int Relation { get; set; }
        public int Outgoing { get; set; }
    }

    // A document as lists show it (ItemColumns).
    class ItemRow
    {
        public int Id { get; set; }
        public string Slug { get; set; } = "";
        public string Title { get; set; } = "";
        public int? DocType { get; set; }
        public string? DocNumber { get; set; }
        public string? SignedOn { get; set; }
        public string? IssuedBy { get; set; }
        public int DocStatus { get; set; }
    }
}
