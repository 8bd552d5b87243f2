using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
public partial class EditModel(VisnykDb db, SiteChrome chrome, AuditLog audit, Publishing publishing, MediaLibrary library, Previews previews, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    public Article? Article { get; private set; }
    // Whether the article is on the public site now (the editor says so above the form).
    public bool IsPublic => Article?.IsPublicAt(clock.GetUtcNow().UtcDateTime) == true;
    public Desk Desk { get; private set; } = null!;
    public IReadOnlyList<Department> AllDepartments { get; private set; } = [];
    public IReadOnlyList<Tag> AllTags { get; private set; } = [];
    public IReadOnlyList<Visnyk.Media.Image> RecentImages { get; private set; } = [];
    public Dictionary<int, Visnyk.Media.Image> GalleryImages { get; private set; } = [];
    // For an article not yet public: a link that shows it to anyone who has it, for Previews.Lifetime.
    public string? PreviewLink { get; private set; }
    [TempData]
    public string? Message { get; set; }

    // parent: a new page's, from the tree's "add a page here" link.
    public async Task<IActionResult> OnGetAsync(int? id, [FromQuery] int? parent, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        if (id is null)
        {
            await LoadImagesAsync(ct);
            if (ForPage)
            {
                Form.IsPage = true;
                Form.ParentId = parent;
                await LoadParentsAsync(null, ct);
            }
            Form.IsDocument = ForDocument;
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
            IsPage = Article.IsPage,
            ParentId = Article.ParentId,
            Position = Article.Position,
            InMenu = Article.InMenu,
            InFooter = Article.InFooter,
            IsDocument = Article.IsDocument,
            DocType = Article.DocType,
            DocNumber = Article.DocNumber,
            SignedOn = Article.SignedOn,
            IssuedBy = Article.IssuedBy,
            DocStatus = Article.DocStatus,
            Amends = string.Join(", ", Article.Relations.Where(r => r.Kind == Visnyk.Documents.RelationKind.Amends).Select(r => r.ToId)),
            Cancels = string.Join(", ", Article.Relations.Where(r => r.Kind == Visnyk.Documents.RelationKind.Cancels).Select(r => r.ToId)),
        };
        await LoadImagesAsync(ct);
        await LoadTranslationsAsync(Article, ct);
        if (Article.IsPage)
        {
            await LoadParentsAsync(Article.Id, ct);
        }
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

    async Task<IActionResult> ChangeAsync(int? id, Step step, CancellationToken ct)
    {
        await LoadDeskAsync(ct);
        Article? article = null;
        if (id is not null)
        {
            article = await LoadAsync(id.Value, ct);
            if (article is null)
            {
                return NotFound();
            }
        }
        var before = publishing.Start(article);
        var now = publishing.Now;
        // A time the clock in Kyiv skips (summer time) is refused below, not converted.
        var at = Form.PublishAt is { } local && KyivTime.Exists(local) ? KyivTime.ToUtc(local) : (DateTime?)null;
        if (Form.PublishAt is { } skipped && !KyivTime.Exists(skipped))
        {
            ModelState.AddModelError("Form.PublishAt", AdminText.KyivTimeSkipped);
        }
        var action = ActionFor(step, before.Status, at, now);
        if (!Publishing.May(Desk, before, Form.Departments, action))
        {
            var foreign = before.Seen is null ? !Desk.CanWrite : !Desk.CanEdit(before.Seen.DepartmentIds);
            return await DeniedAsync(id, foreign ? AdminText.AuditNotYourDepartment : AdminText.AuditMayNotPublish, ct);
        }
        Article = article;

        var departments = Desk.Departments(before.Seen?.DepartmentIds ?? [], Form.Departments.Where(AllDepartments.Select(d => d.Id).Contains));
        // A page may be the whole body's ("Про область"): one without a department only a chief editor edits.
        if (departments.Count == 0 && !((ForPage || ForDocument) && Desk.IsChief))
        {
            ModelState.AddModelError("Form.Departments", AdminText.ArticleNeedsDepartment);
        }
        if (step is Step.Publish && at < now.AddYears(-30))
        {
            ModelState.AddModelError("Form.PublishAt", AdminText.ArticleCheckPublishAt);
        }
        if (!Visnyk.Articles.Article.Allows(before.Status, action))
        {
            ModelState.AddModelError("", string.Format(AdminText.ArticleStateForbids, ArticleStates.Name(before.Status)));
        }
        if (ForPage && article is not null && action is ArticleAction.Withdraw or ArticleAction.Remove && await OthersBelowAsync(article, ct))
        {
            ModelState.AddModelError("", AdminText.PageHasOthersBelow);
        }
        var (lead, gallery) = await PicturesAsync(ct);
        var pinned = ForPage || ForDocument ? [] : await PinnedAsync(id, ct);
        if (!ModelState.IsValid)
        {
            return await FormAgainAsync(id, ct);
        }

        var forPage = ForPage;
        var slugBefore = article?.Slug ?? "";
        article ??= new Article { Title = "", Slug = "", Status = ArticleStatus.Draft, PublishedAt = now };
        article.Title = Form.Title.Trim();
        article.Slug = string.IsNullOrWhiteSpace(Form.Slug) ? Transliteration.Slugify(article.Title) : Form.Slug;
        if (article.Slug.Length == 0)
        {
            article.Slug = forPage ? "storinka" : ForDocument ? "dokument" : "novyna";
        }
        article.Slug = article.Slug.Length > 100 ? article.Slug[..100].TrimEnd('-') : article.Slug;
        article.Summary = (Form.Summary ?? "").Trim();
        article.Body = BodySanitizer.Clean(Form.Body);
        article.Departments = await db.Departments.Where(d => departments.Contains(d.Id)).ToListAsync(ct);
        article.Tags = forPage || ForDocument ? [] : await TagsAsync(Form.Tags, ct);
        // The lead's fields describe the photo they were shown for, or a new upload; a photo picked
        // from the library in their place starts from its library text.
        article.SetLead(lead, Form.LeadTextOf == lead?.Id || Form.LeadUpload is { Length: > 0 }
            ? PhotoText.Typed(Form.LeadAlt, Form.LeadCaption, Form.LeadCredit) : PhotoText.Keep);
        SetPinned(article, pinned);
        db.RemoveRange(article.SetGallery(gallery));
        if (forPage)
        {
            await PlacePageAsync(article, slugBefore, ct);
        }
        else if (ForDocument)
        {
            await PrepareDocumentAsync(article, ct);
        }
        if (step is Step.Publish && MissingAlt(article) is { Count: > 0 } missing)
        {
            // Nothing is saved: the form comes back with what was typed.
            missing.ForEach(id => ModelState.AddModelError("", string.Format(AdminText.ArticlePhotoNeedsAlt, id)));
        }
        if (!ModelState.IsValid)
        {
            return await FormAgainAsync(id, ct);
        }

        var outcome = await publishing.RunAsync(article, action, new Actor(Desk, User.Identity?.Name), before,
            new ActionRequest(at, Form.ChangeNote, Form.NotifySubscribers), ct);
        if (outcome is not Outcome.Done)
        {
            return await DeniedAsync(id, AdminText.AuditActionUnavailable, ct);
        }
        Message = action switch
        {
            ArticleAction.Submit => AdminText.ArticleSubmitted,
            ArticleAction.Schedule => string.Format(AdminText.ArticleScheduled, KyivTime.Long(article.PublishedAt)),
            ArticleAction.Publish or ArticleAction.Approve or ArticleAction.Correct => AdminText.ArticlePublished,
            ArticleAction.Withdraw => AdminText.ArticleWithdrawn,
            ArticleAction.Remove => AdminText.ArticleRemoved,
            _ => AdminText.Saved,
        };
        if (publishing.Unplaced.Count > 0)
        {
            Message += " " + string.Format(AdminText.PageTranslationsOffSite, string.Join(", ", publishing.Unplaced));
        }
        return Redirect(PathOf(article));
    }

    // The form comes back with what was typed and why it was not saved.
    async Task<IActionResult> FormAgainAsync(int? id, CancellationToken ct)
    {
        await LoadImagesAsync(ct);
        if (Article is not null)
        {
            await LoadTranslationsAsync(Article, ct);
        }
        if (ForPage)
        {
            await LoadParentsAsync(id, ct);
        }
        return Page();
    }

    // What the pressed button means for an article in this state: Publish (AdminText.ArticlePublish) corrects what is
    // already published (its date stays), schedules for a later time, approves what was submitted.
    static ArticleAction ActionFor(Step step, ArticleStatus status, DateTime? at, DateTime now) => step switch
    {
        Step.Submit => ArticleAction.Submit,
        Step.Withdraw => ArticleAction.Withdraw,
        Step.Remove => ArticleAction.Remove,
        Step.Publish when status is ArticleStatus.Published => ArticleAction.Correct,
        Step.Publish when at > now => ArticleAction.Schedule,
        Step.Publish when status is ArticleStatus.InReview => ArticleAction.Approve,
        Step.Publish => ArticleAction.Publish,
        _ => ArticleAction.Save,
    };

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
        db.Publications.Include(a => a.Departments).Include(a => a.Tags).Include(a => a.LeadImage)
            .Include(a => a.Gallery).ThenInclude(g => g.Image).Include(a => a.PinnedRelated).Include(a => a.Files).Include(a => a.Relations).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);
}
