using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Audit;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Articles;

// Who acts: a newsroom user at their desk, or the site itself (the scheduler), by name.
public record Actor(Desk? Desk, string? Name)
{
    public static Actor Site(string name) => new(null, name);
}

// What the caller asked for besides the action: a publication time, a change note (mailed to
// subscribers only if Notify), why (recorded in the audit entry and, for a restore, the revision).
public record ActionRequest(DateTime? At = null, string? Note = null, bool Notify = false, string? Why = null);

public enum Outcome { Done, Refused, NotNow }

// The one home of an article's life: every caller (newsroom pages, the scheduler) runs its
// actions here, so the rules are the same for all: who may (Desk), what the dates become
// (Article.Apply), what is audited and kept as a revision, who is mailed, which pages are evicted.
public sealed class Publishing(VisnykDb db, AuditLog audit, IOutputCacheStore cache, LatestNews latest, SiteChrome chrome, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    // The article as it was before the caller touched it: whose it was, whether it was live, what
    // readers saw (for eviction) and its fields (for the audit entry). A new article has none.
    // Place: what a page shows in every page's menu and breadcrumbs (PlaceOf).
    public record Before(ArticleStatus Status, ArticleEviction.State? Seen, IReadOnlyDictionary<string, string> Fields, string Place = "");

    public Before Start(Article? article) => article is null
        ? new(ArticleStatus.Draft, null, Fields(null))
        : new(article.Status, ArticleEviction.State.Of(article, Now), Fields(article), PlaceOf(article));

    // Another department's article is refused; so is anything that changes what readers see or
    // will see (publishing, withdrawing, or any change to a live article) without the right to publish.
    // `departments`: a new article's, as asked for. The site itself may do anything.
    public static bool May(Desk? desk, Before before, IEnumerable<int> departments, ArticleAction action)
    {
        if (desk is null)
        {
            return true;
        }
        var own = before.Seen?.DepartmentIds ?? departments;
        if (before.Seen is null ? !desk.CanWrite : !desk.CanEdit(own))
        {
            return false;
        }
        var live = before.Status is ArticleStatus.Published or ArticleStatus.Scheduled;
        return action is ArticleAction.Save or ArticleAction.Submit or ArticleAction.Restore && !live || desk.CanPublish(own);
    }

    // Runs the action, saves and evicts: what a page does.
    public async Task<Outcome> RunAsync(Article article, ArticleAction action, Actor actor, Before before, ActionRequest request, CancellationToken ct)
    {
        var outcome = await ApplyAsync(article, action, actor, before, request, ct);
        if (outcome is Outcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await EvictAsync(before, article, ct);
        }
        return outcome;
    }

    // Runs the action in the caller's unit of work, not yet saved (a new article is saved for its id).
    public async Task<Outcome> ApplyAsync(Article article, ArticleAction action, Actor actor, Before before, ActionRequest request, CancellationToken ct)
    {
        if (!May(actor.Desk, before, article.Departments.Select(d => d.Id), action))
        {
            return Outcome.Refused;
        }
        var now = Now;
        var isNew = article.Id == 0;
        // A page stands where its parent and slug put it, or nowhere: the editor said why first.
        var (path, problem) = article.IsPage ? await SitePages.PagePlace.PathOfAsync(db, article, ct) : (null, null);
        if (problem is not null || !article.Apply(action, now, request.At))
        {
            return Outcome.NotNow;
        }
        if (path is not null)
        {
            var placed = await SitePages.PagePlace.PlaceAsync(db, article, path, ct);
            translationsMoved |= placed.Moved;
            // A translation that lost its address (another has it, or its section has no translation now) is off
            // its language's site until an editor gives it another: said to whoever moved it, and in the audit log.
            foreach (var (page, left) in placed.Unplaced)
            {
                audit.Record(AuditActions.PageTranslationUnplaced, AuditActions.Article(page.Id), string.Format(AdminText.PageTranslationUnplaced, left, article.Title));
                unplaced.Add(left);
            }
        }
        await FollowOriginalAsync(article, isNew, ct);
        if (isNew)
        {
            db.Articles.Add(article);
            await db.SaveChangesAsync(ct);
        }
        // A translation published (or corrected) follows its original as the original reads now.
        if (article.OriginalId is { } original && article.Status is ArticleStatus.Published
            && action is ArticleAction.Publish or ArticleAction.Approve or ArticleAction.Correct or ArticleAction.PublishDue)
        {
            article.OriginalText = await db.Publications.Where(a => a.Id == original)
                .Select(a => Article.TextPrint(a.Title, a.Summary, a.Body)).FirstOrDefaultAsync(ct);
        }
        var name = AuditName(action, isNew);
        db.Revisions.Add(Revisions.Of(article, actor.Desk?.UserId, actor.Name, action is ArticleAction.Restore && request.Why is { } why ? why : name, now));
        var changes = AuditLog.Changes(before.Fields, Fields(article));
        var entry = audit.Record(name, AuditActions.Article(article.Id), request.Why is null ? changes : $"{request.Why}\n{changes}".TrimEnd());
        if (actor.Desk is null && actor.Name is { } site)
        {
            entry.UserName = site;
        }
        // Pages and documents are not news: no change notes, no mail to subscribers.
        if (!article.IsNews)
        {
            return Outcome.Done;
        }
        if (article.Status is ArticleStatus.Published && !isNew && !string.IsNullOrWhiteSpace(request.Note))
        {
            var note = new ChangeNote { ArticleId = article.Id, At = now, Text = request.Note.Trim() };
            db.ChangeNotes.Add(note);
            if (request.Notify)
            {
                Alerts.Update(db, article, note, now);
            }
        }
        // Every language's: its alert goes to the subscribers who read it (MailingExpander).
        if (action is ArticleAction.Publish or ArticleAction.Approve or ArticleAction.PublishDue)
        {
            await Alerts.DecideAsync(db, article, now, ct);
        }
        return Outcome.Done;
    }

    // A translation belongs to its original's departments, whatever a form asked: whoever may edit
    // the original may edit it, and no one else; an original's change of departments takes its
    // translations along.
    async Task FollowOriginalAsync(Article article, bool isNew, CancellationToken ct)
    {
        if (article.OriginalId is { } original)
        {
            article.Departments = await db.Publications.Where(a => a.Id == original).SelectMany(a => a.Departments).ToListAsync(ct);
        }
        else if (!isNew)
        {
            foreach (var translation in await db.Publications.Include(a => a.Departments).Where(a => a.OriginalId == article.Id).ToListAsync(ct))
            {
                translation.Departments = [.. article.Departments];
            }
        }
    }

    // Set when a save moved a published page's translation: every page's menu may show it.
    bool translationsMoved;
    readonly List<string> unplaced = [];

    // The addresses of translations that the saves so far took off their language's site.
    public IReadOnlyList<string> Unplaced => unplaced;

    // An earlier version's text back as a new save (the current text stays in the history).
    public Task<Outcome> RestoreAsync(Article article, ArticleRevision copy, Actor actor, CancellationToken ct)
    {
        var before = Start(article);
        if (!May(actor.Desk, before, [], ArticleAction.Restore))
        {
            return Task.FromResult(Outcome.Refused);
        }
        // A page keeps its address: a version restores its text, not its place (PagePlace moves pages).
        (article.Title, article.Slug, article.Summary, article.Body) = (copy.Title, article.IsPage ? article.Slug : copy.Slug, copy.Summary, BodySanitizer.Clean(copy.Body));
        return RunAsync(article, ArticleAction.Restore, actor, before, new ActionRequest(Why: $"відновлено версію №{copy.Id}"), ct);
    }

    // The cached pages that showed the article before, or show it now. A page that enters or
    // leaves the tree, moves or is renamed changes every page's menu or breadcrumbs: the whole
    // site's; otherwise only its own.
    public async Task EvictAsync(Before before, Article article, CancellationToken ct)
    {
        if (article.IsDocument)
        {
            await cache.EvictAsync(latest.Site, CacheTags.Documents, ct);
        }
        else if (!article.IsPage)
        {
            await ArticleEviction.EvictAsync(cache, latest, before.Seen, ArticleEviction.State.Of(article, Now), (await chrome.GetAsync(ct)).SharesWith, ct);
        }
        else if (before.Place != PlaceOf(article) || translationsMoved)
        {
            await chrome.ChangedAsync(cache, ct);
        }
        else
        {
            await cache.EvictAsync(latest.Site, CacheTags.Article(article.Id), ct);
        }
    }

    // What of a page the other pages show; nothing while it is not public (a draft's changes show nowhere).
    string PlaceOf(Article a) => a.IsPage && a.IsPublicAt(Now)
        ? $"{a.PagePath}|{a.ParentId}|{a.Position}|{a.InMenu}|{a.InFooter}|{a.Title}|{string.Join(",", a.Departments.Select(d => d.Id).Order())}" : "";

    static string AuditName(ArticleAction action, bool isNew) => action switch
    {
        ArticleAction.Save => isNew ? AuditActions.ArticleCreated : AuditActions.ArticleSaved,
        ArticleAction.Restore => AuditActions.ArticleSaved,
        ArticleAction.Submit => AuditActions.ArticleSubmitted,
        ArticleAction.Schedule => AuditActions.ArticleScheduled,
        ArticleAction.Unschedule => AuditActions.ArticleUnscheduled,
        ArticleAction.Correct => AuditActions.ArticleCorrected,
        ArticleAction.Withdraw => AuditActions.ArticleWithdrawn,
        ArticleAction.Remove => AuditActions.ArticleRemoved,
        _ => AuditActions.ArticlePublished,
    };

    // What the audit entry compares; the text by length and fingerprint, not quoted.
    static Dictionary<string, string> Fields(Article? a) => new()
    {
        ["Заголовок"] = a?.Title ?? "",
        ["Адреса"] = a?.Slug ?? "",
        ["Анонс"] = a?.Summary ?? "",
        ["Текст"] = a is null ? "" : $"{a.Body.Length} символів, #{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(a.Body)))[..8]}",
        ["Підрозділи"] = a is null ? "" : string.Join(", ", a.Departments.Select(d => d.Name).Order()),
        ["Теги"] = a is null ? "" : string.Join(", ", a.Tags.Select(t => t.Name).Order()),
        ["Стан"] = a?.Status.ToString() ?? "",
        ["Дата публікації"] = a?.PublishedAt.ToString("u") ?? "",
        ["Головне фото"] = a?.LeadImageId is { } lead ? $"№{lead}: {a.LeadAlt} | {a.LeadCaption} | {a.LeadCredit}" : "",
        ["Галерея"] = a is null ? "" : string.Join("; ", a.Gallery.OrderBy(g => g.Position).Select(g => $"№{g.ImageId}: {g.Alt} | {g.Caption} | {g.Credit}")),
        ["Новини за темою"] = a is null ? "" : string.Join(", ", a.PinnedRelated.OrderBy(p => p.Position).Select(p => p.RelatedId)),
        ["Адреса сторінки"] = a?.PagePath ?? "",
        ["Розділ"] = a?.ParentId?.ToString() ?? "",
        ["Порядок"] = a?.IsPage == true ? a.Position.ToString() : "",
        ["У меню"] = a?.IsPage == true ? (a.InMenu ? "так" : "ні") : "",
        ["У підвалі"] = a?.IsPage == true ? (a.InFooter ? "так" : "ні") : "",
        ["Документ"] = a?.IsDocument == true ? $"{a.DocType} № {a.DocNumber} від {a.SignedOn:dd.MM.yyyy}, {a.IssuedBy}, {a.DocStatus}" : "",
        ["Файли"] = a?.IsDocument == true ? string.Join("; ", a.Files.OrderBy(f => f.Position).Select(f => $"{f.FileName} #{f.Key[..8]}")) : "",
    };
}
