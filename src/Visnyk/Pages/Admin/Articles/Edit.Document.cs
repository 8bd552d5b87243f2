using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Documents;

namespace Visnyk.Pages.Admin.Articles;

// The same editor writes the register's documents: kind, number, date, issuer and status besides
// the text; the signed files, each checked from its bytes (Documents/DocumentFile) and kept in the
// database; the text version, taken from a file as a start for the editor to correct; and the
// documents this one amends or cancels.
public partial class EditModel
{
    public bool ForDocument => Article?.IsDocument ?? (Form.IsDocument || Request.Path.StartsWithSegments("/admin/documents"));

    // Checks the form's particulars and files and puts them on the document; says what stands in the way.
    async Task PrepareDocumentAsync(Article document, CancellationToken ct)
    {
        document.Kind = ArticleKind.Document;
        if (Form.DocType is not { } type || !Enum.IsDefined(type))
        {
            ModelState.AddModelError("Form.DocType", AdminText.DocumentTypeRequired);
        }
        var number = (Form.DocNumber ?? "").Trim();
        if (number.Length == 0)
        {
            ModelState.AddModelError("Form.DocNumber", AdminText.DocumentNumberRequired);
        }
        if (Form.SignedOn is not { } signed || signed > DateOnly.FromDateTime(publishing.Now.AddDays(1)) || signed.Year < 1991)
        {
            ModelState.AddModelError("Form.SignedOn", AdminText.DocumentSignedOnRequired);
        }
        if (!Enum.IsDefined(Form.DocStatus))
        {
            ModelState.AddModelError("Form.DocStatus", AdminText.DocumentStatusRequired);
        }
        (document.DocType, document.DocNumber, document.NumberKey, document.SignedOn, document.IssuedBy, document.DocStatus) =
            (Form.DocType, number, DocumentNumbers.Key(number), Form.SignedOn, (Form.IssuedBy ?? "").Trim(), Form.DocStatus);

        var removed = document.Files.Where(f => Form.RemoveFiles.Contains(f.Id)).ToList();
        document.Files.RemoveAll(removed.Contains);
        foreach (var gone in removed.Select(f => f.Key).Distinct())
        {
            // Its bytes go with the last file that used them.
            // (Removed with the save itself: a form that comes back unsaved loses nothing.)
            var removedIds = removed.Select(r => r.Id).ToList();
            if (!await db.SignedFiles.AnyAsync(f => f.Key == gone && !removedIds.Contains(f.Id), ct))
            {
                db.FileContents.RemoveRange(await db.FileContents.Where(c => c.Key == gone).ToListAsync(ct));
            }
        }
        DocumentText? text = null;
        foreach (var upload in Form.DocFiles.Where(f => f.Length > 0).Take(MaxFilesAtOnce))
        {
            await using var stream = upload.OpenReadStream();
            var data = await DocumentFile.ReadAsync(stream, DocumentFile.MaxBytes, ct);
            var name = SignedFile.CleanName(upload.FileName);
            var check = DocumentFile.Inspect(data);
            if (check.File is not { } file)
            {
                ModelState.AddModelError("Form.DocFiles", string.Format(AdminText.DocumentFileRefused, name, Refusal(check.Refusal!.Value)));
                continue;
            }
            // A Word or OpenDocument file loses its people's names; a PDF's are shown to the editor.
            var kept = DocumentFile.WithoutPersonalMetadata(data) ?? data;
            var key = Convert.ToHexStringLower(SHA256.HashData(kept));
            if (!await db.FileContents.AnyAsync(c => c.Key == key, ct) && !db.FileContents.Local.Any(c => c.Key == key))
            {
                db.FileContents.Add(new FileContent { Key = key, Data = kept });
            }
            document.Files.Add(new SignedFile
            {
                Key = key, FileName = name, Kind = file.Kind, Bytes = kept.Length, Inline = file.Inline, Pages = file.PageCount,
                Position = document.Files.Count, Metadata = ReferenceEquals(kept, data) ? Describe(file.Metadata) : "",
            });
            text ??= DocumentText.Extract(kept, ct);
        }
        // The text version starts from the first new file's text when there is none yet, or when asked.
        if (text is not null && (string.IsNullOrWhiteSpace(Form.Body) || Form.TextFromFile))
        {
            document.Body = Visnyk.Newsroom.BodySanitizer.Clean(text.Html);
            if (text.Partial)
            {
                Message = AdminText.DocumentTextPartial;
            }
        }
        await RelateAsync(document, ct);
    }

    const int MaxFilesAtOnce = 10;

    // "Змінює" and "скасовує": documents of this register, by number in the register (their id).
    async Task RelateAsync(Article document, CancellationToken ct)
    {
        var wanted = Ids(Form.Amends).Select(id => (id, RelationKind.Amends)).Concat(Ids(Form.Cancels).Select(id => (id, RelationKind.Cancels)))
            .Where(r => r.id != document.Id).DistinctBy(r => r.id).Take(50).ToList();
        var ids = wanted.Select(r => r.id).ToList();
        var targets = await db.Documents.Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, Departments = d.Departments.Select(x => x.Id).ToList() }).ToListAsync(ct);
        foreach (var missing in ids.Except(targets.Select(t => t.Id)))
        {
            ModelState.AddModelError("Form.Amends", string.Format(AdminText.DocumentRelationUnknown, missing));
        }
        // A new relation shows on its target's page ("скасовано документом"): only one who may edit
        // the target may add it; those already there stay.
        foreach (var foreign in targets.Where(t => !Desk.CanEdit(t.Departments) && !document.Relations.Any(r => r.ToId == t.Id)))
        {
            ModelState.AddModelError("Form.Amends", string.Format(AdminText.DocumentRelationNotYours, foreign.Id));
        }
        var known = targets.Select(t => t.Id).ToList();
        document.Relations.RemoveAll(r => !wanted.Contains((r.ToId, r.Kind)));
        foreach (var (id, kind) in wanted.Where(w => known.Contains(w.id) && !document.Relations.Any(r => r.ToId == w.id && r.Kind == w.Item2)))
        {
            document.Relations.Add(new DocumentRelation { ToId = id, Kind = kind });
        }
    }

    static IEnumerable<int> Ids(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).Select(t => int.TryParse(t.TrimStart('№'), out var id) ? id : -1).Where(id => id > 0);

    static string Describe(DocumentMetadata m)
    {
        var parts = new (string Label, string? Value)[]
        {
            (AdminText.DocumentMetaAuthor, m.Author), (AdminText.DocumentMetaLastModifiedBy, m.LastModifiedBy), (AdminText.DocumentMetaCompany, m.Company),
            (AdminText.DocumentMetaApplication, m.Application ?? m.Producer), (AdminText.DocumentMetaTitle, m.Title),
        };
        var text = string.Join("; ", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Label}: {p.Value}"));
        return text.Length > SignedFile.MaxMetadata ? text[..SignedFile.MaxMetadata] : text;
    }

    static string Refusal(DocumentRefusal refusal) => refusal switch
    {
        DocumentRefusal.Empty => AdminText.DocumentRefusedEmpty,
        DocumentRefusal.TooLarge => string.Format(AdminText.DocumentRefusedTooLarge, DocumentFile.MaxBytes / 1_048_576),
        DocumentRefusal.OldOfficeFormat => AdminText.DocumentRefusedOldOffice,
        DocumentRefusal.Macros => AdminText.DocumentRefusedMacros,
        DocumentRefusal.NotAWordDocument => AdminText.DocumentRefusedNotText,
        DocumentRefusal.PasswordProtected => AdminText.DocumentRefusedPassword,
        DocumentRefusal.Damaged => AdminText.DocumentRefusedDamaged,
        DocumentRefusal.UnpacksTooLarge => AdminText.DocumentRefusedUnpacks,
        _ => AdminText.DocumentRefusedType,
    };
}
