using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Articles;

// Translations: from a news article or a page in the default language, its version in another language of
// the site. A translation is an article of its own (its own state, revisions, review, publication
// and audit, all through Publishing), linked to its original (Article.OriginalId) and started as a
// copy of the original's text and pictures for the translator to write over. Its address comes from
// its own title (the slug is left empty until its first save); a page's translation stands where
// its original does (SitePages/PagePlace.Translations).
public partial class EditModel
{
    // A translation's original, shown beside its form.
    public Article? Original { get; private set; }
    // The original was changed after this translation was published.
    public bool OriginalChanged { get; private set; }
    // An original's translations: each other language of the site, with the translation's id if it has one.
    public IReadOnlyList<(SiteLanguage Language, int? Id)> Translations { get; private set; } = [];

    async Task LoadTranslationsAsync(Article article, CancellationToken ct)
    {
        if (article.OriginalId is { } originalId)
        {
            // Shown if it is public or this user's to edit: another department's draft stays theirs.
            var original = await db.Publications.AsNoTracking().Include(a => a.Departments).FirstOrDefaultAsync(a => a.Id == originalId, ct);
            Original = original is not null && (original.IsPublicAt(clock.GetUtcNow().UtcDateTime) || Desk.CanEdit(original.Departments.Select(d => d.Id))) ? original : null;
            OriginalChanged = original is not null && article.Status is ArticleStatus.Published
                && Article.OutOfDate(article.OriginalText, original.Title, original.Summary, original.Body);
        }
        else if (!article.IsDocument && article.Written.IsDefault)
        {
            var existing = await db.Publications.Where(a => a.OriginalId == article.Id).Select(a => new { a.Id, a.Language }).ToListAsync(ct);
            Translations = SiteLanguage.Others
                .Select(l => (l, existing.FirstOrDefault(e => e.Language == l.Code)?.Id)).ToList();
        }
    }

    // "Додати переклад англійською": the translation's editor, made first if there is none yet.
    public async Task<IActionResult> OnPostTranslateAsync(int id, [FromForm] string? language, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        if (SiteLanguage.Find(language) is not { IsDefault: false } target)
        {
            return BadRequest();
        }
        var original = await LoadAsync(id, ct);
        if (original is null || original.IsDocument || original.OriginalId is not null || !original.Written.IsDefault)
        {
            return NotFound();
        }
        if (!Desk.CanEdit(original.Departments.Select(d => d.Id)))
        {
            return await DeniedAsync(id, AdminText.AuditNotYourDepartment, ct);
        }
        if (await db.Publications.FirstOrDefaultAsync(a => a.OriginalId == id && a.Language == target.Code, ct) is { } existing)
        {
            return Redirect(PathOf(existing));
        }
        var translation = new Article
        {
            Title = original.Title,
            Slug = "",
            Summary = original.Summary,
            Body = original.Body,
            Status = ArticleStatus.Draft,
            PublishedAt = publishing.Now,
            Language = target.Code,
            OriginalId = original.Id,
            Kind = original.Kind,
            Departments = [.. original.Departments],
            Tags = [.. original.Tags],
        };
        translation.SetLead(original.LeadImage, PhotoText.Typed(original.LeadAlt, original.LeadCaption, original.LeadCredit));
        var outcome = await publishing.RunAsync(translation, ArticleAction.Save, new Actor(Desk, User.Identity?.Name), publishing.Start(null),
            new ActionRequest(Why: string.Format(AdminText.TranslationAuditStarted, target.Code, original.Id)), ct);
        if (outcome is not Outcome.Done)
        {
            return await DeniedAsync(id, AdminText.AuditActionUnavailable, ct);
        }
        Message = AdminText.TranslationStarted;
        return Redirect(PathOf(translation));
    }
}
