using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Documents;
using Visnyk.Site;

namespace Visnyk.Api;

// The register and the people in the open-data API: /api/v1/documents (paged, filtered as the
// register's page is), /api/v1/documents/{id} with its text, files and relations, /api/v1/people.
// Licence and attribution on every answer, as the news'.
public static class DocumentsApi
{
    public record DocumentFileItem(string Name, string Url, string ContentType, long Bytes, int? Pages);
    public record DocumentItem(int Id, string Type, string Number, DateOnly? Signed, string Title, string? IssuedBy, string Status, string Url, DateTimeOffset Published);
    public record DocumentRelationItem(string Relation, int Id, string Url);
    public record DocumentDetail(int Id, string Type, string Number, DateOnly? Signed, string Title, string? IssuedBy, string Status, string Url, DateTimeOffset Published,
        DateTimeOffset Updated, string TextHtml, IReadOnlyList<string> Departments, IReadOnlyList<DocumentFileItem> Files, IReadOnlyList<DocumentRelationItem> Relations, OpenData.Licence Licence);
    public record PersonItem(string Name, string JobTitle, string? Department, string Phone, string Email, IReadOnlyList<string> Reception, string Url, string? Photo);

    public static void MapDocumentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/documents", async Task<Results<Ok<OpenData.Paged<DocumentItem>>, ProblemHttpResult>> (HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock,
            int? page, int? pageSize, string? type, int? year, string? status, string? number, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var kind = DocumentQueries.Named<DocumentType>(type);
            var force = DocumentQueries.Named<DocumentStatus>(status);
            if (type is not null && kind is null) errors["type"] = [$"Вид: {string.Join(", ", Enum.GetNames<DocumentType>())}."];
            if (status is not null && force is null) errors["status"] = [$"Стан: {string.Join(", ", Enum.GetNames<DocumentStatus>())}."];
            if (year is < 1900 or > 2100) errors["year"] = ["Рік від 1900 до 2100."];
            if (number?.Length > DocumentLookup.MaxLength) errors["number"] = [$"До {DocumentLookup.MaxLength} символів."];
            if (errors.Count > 0)
            {
                return OpenData.Problem(errors);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var (number1, size) = (page ?? 1, pageSize ?? 20);
            var query = db.Documents.AsNoTracking().Published(now).Filtered(kind, year, force, null, number);
            var total = await query.CountAsync(ct);
            var rows = await query.NewestSigned().Skip((number1 - 1) * size).Take(size)
                .Select(d => new { d.Id, d.Slug, d.DocType, d.DocNumber, d.SignedOn, d.Title, d.IssuedBy, d.DocStatus, d.PublishedAt }).ToListAsync(ct);
            http.Tag(CacheTags.Documents);
            var items = rows.Select(d => new DocumentItem(d.Id, (d.DocType ?? DocumentType.Inshyi).ToString(), d.DocNumber ?? "", d.SignedOn, d.Title, d.IssuedBy,
                d.DocStatus.ToString(), PublicUrl.For(http, $"/documents/{d.Id}-{d.Slug}"), OpenData.Kyiv(d.PublishedAt))).ToList();
            return TypedResults.Ok(new OpenData.Paged<DocumentItem>(items, number1, size, total, OpenData.LicenceOf((await chrome.GetAsync(ct)).Settings)));
        });

        api.MapGet("/documents/{id:int}", async Task<Results<Ok<DocumentDetail>, NotFound>> (int id, HttpContext http, VisnykDb db, SiteChrome chrome, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // What the document's page reads (DocumentPage): the document public now, its files, departments and public relations both ways.
            if (await DocumentPage.LoadAsync(db, chrome, id, now, preview: false, ct) is not { } page)
            {
                return TypedResults.NotFound();
            }
            var d = page.Document;
            var relations = page.Related.Select(r => new DocumentRelationItem((r.Kind, r.Outgoing) switch
            {
                (RelationKind.Amends, true) => "amends",
                (RelationKind.Amends, false) => "amendedBy",
                (_, true) => "cancels",
                _ => "cancelledBy",
            }, r.Other.Id, PublicUrl.For(http, r.Other.Path))).ToList();
            http.Tag(CacheTags.Documents, CacheTags.Article(id));
            return TypedResults.Ok(new DocumentDetail(d.Id, (d.DocType ?? DocumentType.Inshyi).ToString(), d.DocNumber ?? "", d.SignedOn, d.Title, d.IssuedBy, d.DocStatus.ToString(),
                PublicUrl.For(http, d.Path), OpenData.Kyiv(d.PublishedAt), OpenData.Kyiv(d.UpdatedAt), d.Body, d.Departments.Select(x => x.Name).ToList(),
                d.Files.OrderBy(f => f.Position).Select(f => new DocumentFileItem(f.FileName, PublicUrl.For(http, f.Path), f.ContentType, f.Bytes, f.Pages)).ToList(),
                relations, OpenData.LicenceOf((await chrome.GetAsync(ct)).Settings)));
        });

        // ?lang=en: their names transliterated, their posts and hours in English where administrators gave them.
        api.MapGet("/people", async Task<Results<Ok<OpenData.Listing<PersonItem>>, ProblemHttpResult>> (HttpContext http, SiteChrome chrome, string? lang, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var language = OpenData.Language(lang, errors);
            if (errors.Count > 0)
            {
                return OpenData.Problem(errors);
            }
            var snapshot = (await chrome.GetAsync(ct)).In(language);
            return TypedResults.Ok(new OpenData.Listing<PersonItem>(snapshot.People.Select(p => new PersonItem(p.Name, p.JobTitle,
                p.DepartmentId is { } d && snapshot.DepartmentsById.TryGetValue(d, out var unit) ? unit.Name : null, p.Phone, p.Email, p.ReceptionHourList.ToList(),
                PublicUrl.For(http, language.PathOf($"/people/{p.Slug}")), p.Photo is { } photo ? PublicUrl.For(http, photo.Url(photo.BestWidth(480), "jpg")) : null)).ToList(),
                OpenData.LicenceOf(snapshot.Settings.In(language))));
        });
    }
}
