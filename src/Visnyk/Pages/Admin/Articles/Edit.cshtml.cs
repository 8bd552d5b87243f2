using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Newsroom;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages.Admin.Articles;

// Writing an article and moving it through draft → review → published / scheduled → withdrawn.
[UploadForm]
public class EditModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, LatestNews latest, MediaLibrary library, Previews previews, TimeProvider clock) : PageModel
{
    public class ArticleForm
    {
        [Required(ErrorMessage = "Вкажіть заголовок."), MaxLength(300, ErrorMessage = "Заголовок — до 300 символів.")]
        public string Title { get; set; } = "";

        [MaxLength(100, ErrorMessage = "Адреса — до 100 символів."), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Адреса: малі латинські літери, цифри й дефіси.")]
        public string? Slug { get; set; }

        [MaxLength(1000, ErrorMessage = "Анонс — до 1000 символів.")]
        public string? Summary { get; set; }

        [MaxLength(500_000, ErrorMessage = "Текст задовгий.")]
        public string? Body { get; set; }

        public List<int> Departments { get; set; } = [];

        [MaxLength(1000)]
        public string? Tags { get; set; }

        // Kyiv time, from <input type="datetime-local">; empty: now.
        public DateTime? PublishAt { get; set; }

        // Lead photo: one from the library, or a new upload; its description, caption and credit in
        // this article (LeadTextOf: the photo the form showed them for).
        public int? LeadImageId { get; set; }
        public IFormFile? LeadUpload { get; set; }
        public int? LeadTextOf { get; set; }
        [MaxLength(PhotoText.MaxAlt), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? LeadAlt { get; set; }
        [MaxLength(PhotoText.MaxCaption), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? LeadCaption { get; set; }
        [MaxLength(PhotoText.MaxCredit), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? LeadCredit { get; set; }

        // The gallery as the editor arranged it, and new photos to add at its end.
        public List<GalleryItem> Gallery { get; set; } = [];
        public List<IFormFile> GalleryUploads { get; set; } = [];
        // Photos already in the library to add to the gallery: numbers, comma-separated.
        [MaxLength(500)]
        public string? GalleryFromLibrary { get; set; }

        // "Новина за темою" chosen by hand, in order: article numbers or addresses (/news/123-...).
        [MaxLength(1000)]
        public string? Pinned { get; set; }

        // Shown under the published article with today's date (a correction or an update).
        [MaxLength(1000, ErrorMessage = "Примітка — до 1000 символів.")]
        public string? ChangeNote { get; set; }

        // Mail the change note to the article's Immediately subscribers (GOV.UK's "major change").
        public bool NotifySubscribers { get; set; }
    }

    public class GalleryItem
    {
        public int ImageId { get; set; }
        [MaxLength(PhotoText.MaxAlt), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Alt { get; set; }
        [MaxLength(PhotoText.MaxCaption), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Caption { get; set; }
        [MaxLength(PhotoText.MaxCredit), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Credit { get; set; }
        public int Position { get; set; }
        public bool Remove { get; set; }
    }

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    public Article? Article { get; private set; }
    public Desk Desk { get; private set; } = null!;
    public IReadOnlyList<Department> AllDepartments { get; private set; } = [];
    public IReadOnlyList<Tag> AllTags { get; private set; } = [];
    public IReadOnlyList<Visnyk.Media.Image> RecentImages { get; private set; } = [];
    public Dictionary<int, Visnyk.Media.Image> GalleryImages { get; private set; } = [];
    // For an article not yet public: a link that shows it to anyone who has it, for Previews.Lifetime.
    public string? PreviewLink { get; private set; }
    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        if (id is null)
        {
            await LoadImagesAsync(ct);
            return Desk.CanWrite ? Page() : StatusCode(StatusCodes.Status403Forbidden);
        }
        Article = await LoadAsync(id.Value, ct);
        if (Article is null)
        {
            return NotFound();
        }
        if (!Desk.CanEdit(Article.Departments.Select(d => d.Id)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Form = new ArticleForm
        {
            Title = Article.Title,
            Slug = Article.Slug,
            Summary = Article.Summary,
            Body = Article.Body,
            Departments = Article.Departments.Select(d => d.Id).ToList(),
            Tags = string.Join(", ", Article.Tags.Select(t => t.Name)),
            PublishAt = Article.Status is ArticleStatus.Scheduled ? KyivTime.ToKyiv(Article.PublishedAt) : null,
            LeadImageId = Article.LeadImageId,
            LeadTextOf = Article.LeadImageId,
            LeadAlt = Article.LeadAlt,
            LeadCaption = Article.LeadCaption,
            LeadCredit = Article.LeadCredit,
            Pinned = string.Join(", ", Article.PinnedRelated.OrderBy(p => p.Position).Select(p => p.RelatedId)),
            Gallery = Article.Gallery.OrderBy(g => g.Position).Select((g, i) => new GalleryItem
            {
                ImageId = g.ImageId, Alt = g.Alt, Caption = g.Caption, Credit = g.Credit, Position = i + 1,
            }).ToList(),
        };
        await LoadImagesAsync(ct);
        if (!Article.IsPublicAt(clock.GetUtcNow().UtcDateTime) && Article.Status is not ArticleStatus.Removed)
        {
            PreviewLink = PublicUrl.For(HttpContext, previews.Link(Article));
        }
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken ct) => ChangeAsync(id, Step.Save, ct);
    public Task<IActionResult> OnPostSubmitAsync(int? id, CancellationToken ct) => ChangeAsync(id, Step.Submit, ct);
    public Task<IActionResult> OnPostPublishAsync(int? id, CancellationToken ct) => ChangeAsync(id, Step.Publish, ct);
    public Task<IActionResult> OnPostWithdrawAsync(int? id, CancellationToken ct) => ChangeAsync(id, Step.Withdraw, ct);
    public Task<IActionResult> OnPostRemoveAsync(int? id, CancellationToken ct) => ChangeAsync(id, Step.Remove, ct);

    enum Step { Save, Submit, Publish, Withdraw, Remove }

    // The form as typed so far, kept as this user's autosave of the article (every few seconds
    // from the page's script). The article itself does not change.
    public async Task<IActionResult> OnPostAutosaveAsync(int id, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        var article = await db.Articles.Include(a => a.Departments).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }
        if (!Desk.CanEdit(article.Departments.Select(d => d.Id)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var autosave = await db.Revisions.FirstOrDefaultAsync(r => r.ArticleId == id && r.IsAutosave && r.UserId == Desk.UserId, ct);
        if (autosave is null)
        {
            autosave = new ArticleRevision { ArticleId = id, IsAutosave = true, UserId = Desk.UserId, UserName = User.Identity?.Name ?? "", Action = "autosave" };
            db.Revisions.Add(autosave);
        }
        autosave.SavedAt = clock.GetUtcNow().UtcDateTime;
        autosave.Title = Clip(Form.Title, 300);
        autosave.Slug = Clip(Form.Slug, 100);
        autosave.Summary = Clip(Form.Summary, 1000);
        autosave.Body = BodySanitizer.Clean(Form.Body);
        await db.SaveChangesAsync(ct);
        return new JsonResult(new { savedAt = KyivTime.ToKyiv(autosave.SavedAt).ToString("HH:mm:ss") });
    }

    // Puts an earlier revision's text back as a new save (the current text stays in the history).
    public async Task<IActionResult> OnPostRestoreAsync(int id, long revision, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        var article = await LoadAsync(id, ct);
        var copy = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revision && r.ArticleId == id, ct);
        if (article is null || copy is null)
        {
            return NotFound();
        }
        var departments = article.Departments.Select(d => d.Id).ToList();
        if (!Desk.CanEdit(departments) || article.Status is ArticleStatus.Published or ArticleStatus.Scheduled && !Desk.CanPublish(departments))
        {
            return await DeniedAsync(id, "відновлення версії", ct);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var before = ArticleEviction.State.Of(article, now);
        var old = Snapshot(article);
        article.Title = copy.Title;
        article.Slug = copy.Slug;
        article.Summary = copy.Summary;
        article.Body = BodySanitizer.Clean(copy.Body);
        article.UpdatedAt = now;
        var action = $"відновлено версію №{copy.Id}";
        audit.Record(AuditActions.ArticleSaved, AuditActions.Article(id), $"{action}\n{Changes(old, Snapshot(article))}");
        db.Revisions.Add(Revisions.Of(article, Desk.UserId, User.Identity?.Name, action, now));
        await db.SaveChangesAsync(ct);
        await ArticleEviction.EvictAsync(cache, latest, before, ArticleEviction.State.Of(article, now), ct);
        Message = $"Відновлено версію №{copy.Id}.";
        return RedirectToPage(new { id });
    }

    // Every preview link sent so far stops working; the page shows a new one.
    public async Task<IActionResult> OnPostRevokePreviewAsync(int id, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        var article = await db.Articles.Include(a => a.Departments).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }
        if (!Desk.CanEdit(article.Departments.Select(d => d.Id)))
        {
            return await DeniedAsync(id, "не свій відділ", ct);
        }
        article.RevokePreviews();
        audit.Record(AuditActions.PreviewRevoked, AuditActions.Article(id), $"посилання для перегляду до версії {article.PreviewVersion} більше не діють");
        await db.SaveChangesAsync(ct);
        Message = "Попередні посилання для перегляду більше не діють.";
        return RedirectToPage(new { id });
    }

    static string Clip(string? text, int max) => (text ?? "").Length > max ? text![..max] : text ?? "";

    async Task<IActionResult> ChangeAsync(int? id, Step step, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Article? article = null;
        if (id is not null)
        {
            article = await LoadAsync(id.Value, ct);
            if (article is null)
            {
                return NotFound();
            }
        }
        var currentDepartments = article?.Departments.Select(d => d.Id).ToList() ?? [];
        var live = article is { Status: ArticleStatus.Published or ArticleStatus.Scheduled };
        // The boundary: another department's article, or a live one for someone who may not publish.
        if (article is null ? !Desk.CanWrite : !Desk.CanEdit(currentDepartments))
        {
            return await DeniedAsync(id, "не свій відділ", ct);
        }
        if ((step is Step.Publish or Step.Withdraw or Step.Remove || live) && !Desk.CanPublish(article is null ? Form.Departments : currentDepartments))
        {
            return await DeniedAsync(id, "немає права публікувати", ct);
        }
        Article = article;

        var departments = Desk.Departments(currentDepartments, Form.Departments.Where(AllDepartments.Select(d => d.Id).Contains));
        if (departments.Count == 0)
        {
            ModelState.AddModelError("Form.Departments", "Позначте принаймні один свій відділ.");
        }
        if (step is Step.Publish && Form.PublishAt is { } at && KyivTime.ToUtc(at) < now.AddYears(-30))
        {
            ModelState.AddModelError("Form.PublishAt", "Перевірте дату публікації.");
        }
        var (lead, gallery) = await PicturesAsync(ct);
        var pinned = await PinnedAsync(id, ct);
        if (!ModelState.IsValid)
        {
            await LoadImagesAsync(ct);
            return Page();
        }

        var before = article is null ? null : ArticleEviction.State.Of(article, now);
        var old = article is null ? null : Snapshot(article);
        var isNew = article is null;
        article ??= new Article { Title = "", Slug = "", Status = ArticleStatus.Draft, PublishedAt = now };
        article.Title = Form.Title.Trim();
        article.Slug = string.IsNullOrWhiteSpace(Form.Slug) ? Transliteration.Slugify(article.Title) : Form.Slug;
        if (article.Slug.Length == 0)
        {
            article.Slug = "novyna";
        }
        article.Slug = article.Slug.Length > 100 ? article.Slug[..100].TrimEnd('-') : article.Slug;
        article.Summary = (Form.Summary ?? "").Trim();
        article.Body = BodySanitizer.Clean(Form.Body);
        article.Departments = await db.Departments.Where(d => departments.Contains(d.Id)).ToListAsync(ct);
        article.Tags = await TagsAsync(Form.Tags, ct);
        // The lead's fields describe the photo they were shown for, or a new upload; a photo picked
        // from the library in their place starts from its library text.
        article.SetLead(lead, Form.LeadTextOf == lead?.Id || Form.LeadUpload is { Length: > 0 }
            ? PhotoText.Typed(Form.LeadAlt, Form.LeadCaption, Form.LeadCredit) : PhotoText.Keep);
        SetPinned(article, pinned);
        db.RemoveRange(article.SetGallery(gallery));
        article.UpdatedAt = now;
        if (step is Step.Publish && MissingAlt(article) is { Count: > 0 } missing)
        {
            // Nothing is saved: the form comes back with what was typed.
            missing.ForEach(id => ModelState.AddModelError("", $"Додайте опис до фото №{id}: без нього новину не можна опублікувати."));
            await LoadImagesAsync(ct);
            return Page();
        }

        string action;
        switch (step)
        {
            case Step.Submit:
                article.Status = ArticleStatus.InReview;
                action = AuditActions.ArticleSubmitted;
                break;
            case Step.Publish when Form.PublishAt is { } local && KyivTime.ToUtc(local) > now:
                article.Status = ArticleStatus.Scheduled;
                article.PublishedAt = KyivTime.ToUtc(local);
                action = AuditActions.ArticleScheduled;
                break;
            case Step.Publish:
                // First publication takes the current time (or the one chosen, if earlier); a
                // re-publication keeps the original date.
                if (article.Status is not ArticleStatus.Withdrawn || Form.PublishAt is not null)
                {
                    article.PublishedAt = Form.PublishAt is { } earlier ? KyivTime.ToUtc(earlier) : now;
                }
                article.Status = ArticleStatus.Published;
                action = AuditActions.ArticlePublished;
                break;
            case Step.Withdraw:
                article.Status = ArticleStatus.Withdrawn;
                article.RevokePreviews();
                action = AuditActions.ArticleWithdrawn;
                break;
            case Step.Remove:
                article.Status = ArticleStatus.Removed;
                article.RevokePreviews();
                action = AuditActions.ArticleRemoved;
                break;
            default:
                action = isNew ? AuditActions.ArticleCreated : AuditActions.ArticleSaved;
                break;
        }
        if (isNew)
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync(ct);
        }
        db.Revisions.Add(Revisions.Of(article, Desk.UserId, User.Identity?.Name, action, now));
        if (article.Status is ArticleStatus.Published && !string.IsNullOrWhiteSpace(Form.ChangeNote) && !isNew)
        {
            var note = new ChangeNote { ArticleId = article.Id, At = now, Text = Form.ChangeNote.Trim() };
            db.ChangeNotes.Add(note);
            if (Form.NotifySubscribers)
            {
                // Decided with the note, in the same save.
                db.Mailings.Add(new Newsletter.Mailing
                {
                    Kind = Newsletter.MailingKind.Update, Key = $"update:{article.Id}:{now.Ticks}", ArticleId = article.Id, ChangeNote = note, CreatedAt = now,
                });
            }
        }
        audit.Record(action, AuditActions.Article(article.Id), Changes(old, Snapshot(article)));
        await db.SaveChangesAsync(ct);

        await ArticleEviction.EvictAsync(cache, latest, before, ArticleEviction.State.Of(article, now), ct);
        Message = step switch
        {
            Step.Submit => "Надіслано на перевірку.",
            Step.Publish when article.Status is ArticleStatus.Scheduled => $"Заплановано на {KyivTime.Long(article.PublishedAt)}.",
            Step.Publish => "Опубліковано.",
            Step.Withdraw => "Знято з публікації.",
            Step.Remove => "Видалено: адреса новини тепер повідомляє, що її прибрано.",
            _ => "Збережено.",
        };
        return RedirectToPage(new { id = article.Id });
    }

    async Task<IActionResult> DeniedAsync(int? id, string why, CancellationToken ct)
    {
        await audit.WriteAsync(AuditActions.Denied, id is null ? "article:new" : AuditActions.Article(id.Value), why, ct: ct);
        // A plain 403 (not a redirect): the request was understood and refused.
        return StatusCode(StatusCodes.Status403Forbidden);
    }

    async Task LoadDeskAsync(CancellationToken ct)
    {
        var snapshot = await chrome.GetAsync(ct);
        Desk = await Desk.ForAsync(User, db, snapshot.Settings.EditorsMayPublish, ct);
        AllDepartments = snapshot.Departments;
        AllTags = snapshot.Tags;
    }

    Task<Article?> LoadAsync(int id, CancellationToken ct) =>
        db.Articles.Include(a => a.Departments).Include(a => a.Tags).Include(a => a.LeadImage)
            .Include(a => a.Gallery).ThenInclude(g => g.Image).Include(a => a.PinnedRelated).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);

    async Task LoadImagesAsync(CancellationToken ct)
    {
        RecentImages = await db.Images.AsNoTracking().OrderByDescending(i => i.Id).Take(100).ToListAsync(ct);
        var ids = Form.Gallery.Select(g => g.ImageId).Append(Form.LeadImageId ?? 0).ToList();
        GalleryImages = await db.Images.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
    }

    // Photos shown without a description for screen readers: publishing needs one on each.
    static List<int> MissingAlt(Article article) =>
        article.Gallery.Where(g => g.Alt.Length == 0).Select(g => g.ImageId)
            .Prepend(article.LeadImageId is { } id && article.LeadAlt.Length == 0 ? id : 0).Where(id => id != 0).Distinct().ToList();

    // The lead photo and the gallery the form asks for: uploads go through the media library
    // (a rejected file is reported and the rest of the form kept). The text typed here is this
    // article's own (Article.SetLead, SetGallery); the library's text is only where a new use starts.
    async Task<(Visnyk.Media.Image? Lead, List<(Visnyk.Media.Image, PhotoText)> Gallery)> PicturesAsync(CancellationToken ct)
    {
        Visnyk.Media.Image? lead = null;
        if (Form.LeadUpload is { Length: > 0 } upload)
        {
            try
            {
                lead = await library.AddAsync(upload, Form.LeadAlt, Form.LeadCaption, Form.LeadCredit, ct);
                Form.LeadImageId = lead.Id;
            }
            catch (ImageUpload.Rejected e)
            {
                ModelState.AddModelError("Form.LeadUpload", e.Message);
            }
        }
        else if (Form.LeadImageId is { } leadId)
        {
            lead = await db.Images.FindAsync([leadId], ct);
            if (lead is null)
            {
                ModelState.AddModelError("Form.LeadImageId", "Такого фото немає в бібліотеці.");
            }
        }

        var kept = Form.Gallery.Where(g => !g.Remove).OrderBy(g => g.Position).ToList();
        var keptIds = kept.Select(g => g.ImageId).ToList();
        var known = await db.Images.Where(i => keptIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var gallery = new List<(Visnyk.Media.Image Image, PhotoText Text)>();
        foreach (var item in kept)
        {
            if (known.TryGetValue(item.ImageId, out var image))
            {
                gallery.Add((image, PhotoText.Typed(item.Alt, item.Caption, item.Credit)));
            }
        }
        foreach (var number in Numbers(Form.GalleryFromLibrary))
        {
            var image = await db.Images.FindAsync([number], ct);
            if (image is null)
            {
                ModelState.AddModelError("Form.GalleryFromLibrary", $"Фото №{number} немає в бібліотеці.");
            }
            else if (gallery.All(g => g.Image != image))
            {
                gallery.Add((image, PhotoText.Keep));
                Form.Gallery.Add(new GalleryItem { ImageId = image.Id, Alt = image.Alt, Caption = image.Caption, Credit = image.Credit, Position = Form.Gallery.Count + 1 });
            }
        }
        foreach (var file in Form.GalleryUploads.Where(f => f.Length > 0).Take(library.Limits.MaxFilesPerUpload))
        {
            try
            {
                var image = await library.AddAsync(file, null, null, null, ct);
                gallery.Add((image, PhotoText.Keep));
                Form.Gallery.Add(new GalleryItem { ImageId = image.Id, Position = Form.Gallery.Count + 1 });
            }
            catch (ImageUpload.Rejected e)
            {
                ModelState.AddModelError("Form.GalleryUploads", e.Message);
            }
        }
        return (lead, gallery);
    }

    // Numbers in free text: "12, 15" or pasted addresses "/news/12-slug https://…/news/15-…".
    static IEnumerable<int> Numbers(string? text) =>
        (text ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.Contains("/news/") ? token[(token.IndexOf("/news/") + 6)..] : token)
            .Select(token => ArticleKey.TryParse(token, out var id, out _) ? id : 0)
            .Where(id => id > 0).Distinct().Take(20);

    async Task<List<int>> PinnedAsync(int? id, CancellationToken ct)
    {
        var wanted = Numbers(Form.Pinned).Where(n => n != id).Take(ArticlePage.RelatedCount).ToList();
        var known = await db.Articles.Where(a => wanted.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        foreach (var missing in wanted.Except(known))
        {
            ModelState.AddModelError("Form.Pinned", $"Новини №{missing} немає.");
        }
        return wanted.Where(known.Contains).ToList();
    }

    // Pinned rows are keyed by (article, related): remove those no longer wanted, reorder the rest.
    void SetPinned(Article article, List<int> ids)
    {
        foreach (var gone in article.PinnedRelated.Where(p => !ids.Contains(p.RelatedId)).ToList())
        {
            article.PinnedRelated.Remove(gone);
            db.Remove(gone);
        }
        for (var i = 0; i < ids.Count; i++)
        {
            var row = article.PinnedRelated.FirstOrDefault(p => p.RelatedId == ids[i]);
            if (row is null)
            {
                article.PinnedRelated.Add(new PinnedRelation { RelatedId = ids[i], Position = i });
            }
            else
            {
                row.Position = i;
            }
        }
    }

    // Tags by name, comma-separated; unknown names become new tags.
    async Task<List<Tag>> TagsAsync(string? input, CancellationToken ct)
    {
        var names = (input ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Length > 100 ? n[..100] : n).Distinct(StringComparer.OrdinalIgnoreCase).Take(20).ToList();
        var tags = new List<Tag>();
        var created = false;
        foreach (var name in names)
        {
            var slug = Transliteration.Slugify(name);
            if (slug.Length == 0)
            {
                continue;
            }
            var tag = await db.Tags.FirstOrDefaultAsync(t => t.Slug == slug, ct);
            if (tag is null)
            {
                tag = new Tag { Name = name, Slug = slug };
                db.Tags.Add(tag);
                created = true;
            }
            tags.Add(tag);
        }
        if (created)
        {
            chrome.Invalidate();
        }
        return tags;
    }

    static Dictionary<string, string> Snapshot(Article a) => new()
    {
        ["Заголовок"] = a.Title,
        ["Адреса"] = a.Slug,
        ["Анонс"] = a.Summary,
        ["Текст"] = a.Body,
        ["Відділи"] = string.Join(", ", a.Departments.Select(d => d.Name).Order()),
        ["Теги"] = string.Join(", ", a.Tags.Select(t => t.Name).Order()),
        ["Стан"] = a.Status.ToString(),
        ["Дата публікації"] = a.PublishedAt.ToString("u"),
        ["Головне фото"] = a.LeadImageId is { } lead ? $"№{lead}: {a.LeadAlt} | {a.LeadCaption} | {a.LeadCredit}" : "",
        ["Галерея"] = string.Join("; ", a.Gallery.OrderBy(g => g.Position).Select(g => $"№{g.ImageId}: {g.Alt} | {g.Caption} | {g.Credit}")),
        ["Новини за темою"] = string.Join(", ", a.PinnedRelated.OrderBy(p => p.Position).Select(p => p.RelatedId)),
    };

    // "Field: «before» → «after»" for each changed field; long texts are named, not quoted.
    static string Changes(Dictionary<string, string>? before, Dictionary<string, string> after) =>
        string.Join("\n", after.Where(f => before is null || before[f.Key] != f.Value).Select(f =>
            f.Key == "Текст" ? $"{f.Key}: змінено ({f.Value.Length} символів)" :
            before is null ? $"{f.Key}: «{f.Value}»" : $"{f.Key}: «{before[f.Key]}» → «{f.Value}»"));
}
