using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Tags;

// Tags with how many articles carry each; rename one, or merge two that mean the same
// ("energy" and "energy in the region"): the articles of the first get the second.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, TimeProvider clock) : PageModel
{
    // OtherNames: the tag's names given in the site's other languages, by code ("" where none).
    public record Row(int Id, string Name, string Slug, int Articles, IReadOnlyDictionary<string, string> OtherNames);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty] public int TagId { get; set; }
    [BindProperty, MaxLength(100)] public string? Name { get; set; }
    // The language of a name given in another language (Translate).
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public int From { get; set; }
    [BindProperty] public int Into { get; set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        var tag = await db.Tags.FindAsync([TagId], ct);
        var name = (Name ?? "").Trim();
        if (tag is null || name.Length == 0 || Transliteration.Slugify(name).Length == 0)
        {
            ModelState.AddModelError(nameof(Name), AdminText.TagNameRequired);
            await LoadAsync(ct);
            return Page();
        }
        var slug = Transliteration.Slugify(name);
        if (await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != tag.Id, ct))
        {
            ModelState.AddModelError(nameof(Name), string.Format(AdminText.TagSlugTaken, slug));
            await LoadAsync(ct);
            return Page();
        }
        audit.Record(AuditActions.TagChanged, $"tag:{tag.Id}", string.Format(AdminText.AuditTagRenamed, tag.Name, name, tag.Slug, slug));
        tag.Name = name;
        tag.Slug = slug;
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        Message = string.Format(AdminText.TagRenamed, name);
        return RedirectToPage();
    }

    // The tag's name in another of the site's languages (empty: the Ukrainian one shows there). Its
    // address stays the same in every language.
    public async Task<IActionResult> OnPostTranslateAsync(CancellationToken ct)
    {
        var tag = await db.Tags.FindAsync([TagId], ct);
        if (tag is null || SiteLanguage.Find(Language) is not { IsDefault: false } language)
        {
            return BadRequest();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct); // too long a name (Name's limit): said above the table
            return Page();
        }
        var name = (Name ?? "").Trim();
        var before = tag.NameIn(language);
        tag.Translations = NameText.With(tag.Translations, language, name);
        audit.Record(AuditActions.TagChanged, $"tag:{tag.Id}", string.Format(AdminText.AuditTagTranslated, tag.Name, language.InNewsroom, before == tag.Name ? "" : before, name));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        Message = AdminText.Saved;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMergeAsync(CancellationToken ct)
    {
        var from = await db.Tags.FindAsync([From], ct);
        var into = await db.Tags.FindAsync([Into], ct);
        if (from is null || into is null || from.Id == into.Id)
        {
            ModelState.AddModelError(nameof(From), AdminText.TagsMergeSame);
            await LoadAsync(ct);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The merged tag's articles change tags: the search index re-reads them.
        await db.RecordTagChangeAsync(from.Id, clock.GetUtcNow().UtcDateTime, ct);
        var moved = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ArticleTags" ("SiteId", "ArticleId", "TagsId")
            SELECT s."SiteId", s."ArticleId", {into.Id} FROM "ArticleTags" AS s
            WHERE s."SiteId" = {db.SiteId} AND s."TagsId" = {from.Id}
              AND NOT EXISTS (SELECT 1 FROM "ArticleTags" AS t WHERE t."ArticleId" = s."ArticleId" AND t."TagsId" = {into.Id})
            """, ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "ArticleTags" WHERE "SiteId" = {db.SiteId} AND "TagsId" = {from.Id}""", ct);
        db.Tags.Remove(from);
        audit.Record(AuditActions.TagsMerged, $"tag:{into.Id}", string.Format(AdminText.AuditTagsMerged, from.Name, from.Slug, into.Name, moved));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        Message = string.Format(AdminText.TagsMerged, from.Name, into.Name);
        return RedirectToPage();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var counts = await db.Set<Dictionary<string, object>>(VisnykDb.ArticleTags)
            .GroupBy(x => EF.Property<int>(x, "TagsId")).Select(g => new { Tag = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Tag, x => x.Count, ct);
        Rows = (await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct))
            .Select(t => new Row(t.Id, t.Name, t.Slug, counts.GetValueOrDefault(t.Id),
                SiteLanguage.Others.ToDictionary(l => l.Code, l => NameText.Own(t.Translations, l)))).ToList();
    }
}
