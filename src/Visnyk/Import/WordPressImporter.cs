using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Import;

public enum CategoriesAs { Departments, Tags }

// Department: the address of a department here, or the name of a new one, for posts that would have none.
// DryRun: everything is read, checked and written in a transaction that is then rolled back, and
// no picture is made; the report lists what would change.
public record ImportOptions(string? Uploads, CategoriesAs Categories = CategoriesAs.Departments, string? Department = null, bool DryRun = false);

public class ImportReport
{
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Skipped { get; set; }
    public int Images { get; set; }
    public int Withdrawn { get; set; }
    public int Redirects { get; set; }
    public int NewDepartments { get; set; }
    public int NewTags { get; set; }
    public List<string> Warnings { get; } = [];
    // Posts whose articles the newsroom changed after their import: left as the newsroom has them.
    public int EditedHere { get; set; }
    // One line per post that changes (or is left because it was edited here), for --dry-run and the log.
    public List<string> Changes { get; } = [];
}

// Moves a WordPress site's posts into the newsroom: checks everything it can before writing
// (the file, the departments), makes the pictures (files only, named by content), then writes all
// articles, their revisions, the mapping of post ids and the old addresses in one transaction,
// with alerts suppressed: subscribers are not mailed about an archive.
public partial class WordPressImporter(VisnykDb db, ImagePipeline pipeline, MediaOptions limits, TimeProvider clock)
{
    // Post states that become articles; the rest (trash, auto-draft, …) are skipped.
    static readonly HashSet<string> Importable = ["publish", "future", "draft", "pending", "private"];

    // Posts written per save: the change tracker is emptied after each batch, so a save looks at
    // one batch's rows, not at everything imported before it (which made the import quadratic).
    const int BatchSize = 200;

    public async Task<ImportReport> RunAsync(WordPressExport export, ImportOptions options, Action<int, int>? progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var report = new ImportReport();
        var fallback = await FallbackDepartmentAsync(export, options, ct);
        var newFallback = fallback is { Id: 0 };
        var uploads = new WordPressUploads(options.Uploads, export.SiteUrl, pipeline, limits, now, options.DryRun);
        var seen = new HashSet<long>();
        var done = 0;

        // One transaction for the whole import: all of it or nothing (and nothing at all in a dry run).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var batch in export.Posts().Chunk(BatchSize))
        {
            progress?.Invoke(done, export.PostCount);
            var ids = batch.Select(p => p.PostId).ToList();
            var known = await db.WordPressPosts.AsNoTracking().Where(p => p.Site == export.SiteUrl && ids.Contains(p.PostId)).ToDictionaryAsync(p => p.PostId, ct);
            var editedHere = await EditedHereAsync(known.Values, ct);
            var converted = new List<Converted>();
            var withdrawn = new List<WordPressPost>();
            foreach (var post in batch)
            {
                if (!seen.Add(post.PostId))
                {
                    report.Skipped++;
                    report.Warnings.Add($"«{Title(post)}» (запис {post.PostId}): запис із цим номером уже був у файлі; узято перший");
                    continue;
                }
                if (!Importable.Contains(post.Status))
                {
                    report.Skipped++;
                    // Deleted on the old site after an earlier import: taken off the new one too.
                    if (post.Status == "trash" && known.TryGetValue(post.PostId, out var trashed) && trashed.Fingerprint != Trashed)
                    {
                        if (editedHere.Contains(trashed.ArticleId))
                        {
                            KeptAsEdited(post, report);
                        }
                        else
                        {
                            withdrawn.Add(trashed);
                        }
                    }
                    continue;
                }
                var fingerprint = Fingerprint(post, export.Attachments, options);
                if (known.TryGetValue(post.PostId, out var earlier) && earlier.Fingerprint == fingerprint)
                {
                    report.Unchanged++;
                    continue;
                }
                if (earlier is not null && editedHere.Contains(earlier.ArticleId))
                {
                    // The article belongs to the newsroom now: its text, state and dates stay as they are.
                    KeptAsEdited(post, report);
                    continue;
                }
                converted.Add(Convert(post, export, uploads, fingerprint, report.Warnings));
            }
            await SaveAsync(export, converted, withdrawn, known, fallback, options, report, now, ct);
            db.ChangeTracker.Clear();
            done += batch.Length;
        }
        progress?.Invoke(export.PostCount, export.PostCount);
        report.Images = uploads.Made;
        if (newFallback && fallback!.Id != 0)
        {
            report.NewDepartments++;
        }
        if (options.DryRun)
        {
            await transaction.RollbackAsync(ct);
        }
        else
        {
            await transaction.CommitAsync(ct);
        }
        return report;
    }

    // The imported articles the newsroom has changed since their import: a version saved after it
    // by anyone but the import itself and the schedule carrying out a date the import set
    // (every change of text or state in the newsroom goes through Publishing, which saves a version).
    async Task<HashSet<int>> EditedHereAsync(ICollection<WordPressPost> known, CancellationToken ct)
    {
        if (known.Count == 0)
        {
            return [];
        }
        var since = known.GroupBy(p => p.ArticleId).ToDictionary(g => g.Key, g => g.Max(p => p.ImportedAt));
        var ids = since.Keys.ToList();
        var oldest = since.Values.Min();
        var saved = await db.Revisions
            .Where(r => ids.Contains(r.ArticleId) && !r.IsAutosave && r.SavedAt > oldest && r.Action != AuditActions.ArticleImported
                && r.UserName != ImportedBy && !(r.UserId == null && r.UserName == Newsroom.ScheduledPublisher.ActorName))
            .Select(r => new { r.ArticleId, r.SavedAt }).ToListAsync(ct);
        return saved.Where(r => r.SavedAt > since[r.ArticleId]).Select(r => r.ArticleId).ToHashSet();
    }

    public const string EditedHereNote = "пропущено: змінено в редакції після імпорту";

    static void KeptAsEdited(WordPressItem post, ImportReport report)
    {
        report.EditedHere++;
        report.Changes.Add($"«{Title(post)}» (запис {post.PostId}): {EditedHereNote}");
    }

    // --department: needed when some post would have no department; checked before anything is
    // written. An address must be a department's here (a typo is not a new department); anything
    // else is the name of a department, found by its name or created with the import.
    async Task<Departments.Department?> FallbackDepartmentAsync(WordPressExport export, ImportOptions options, CancellationToken ct)
    {
        var existing = await db.Departments.OrderBy(d => d.Position).ToListAsync(ct);
        var choices = existing.Count == 0 ? "підрозділів на сайті ще немає" : $"наявні: {string.Join(", ", existing.Select(d => d.Slug))}";
        if (options.Department?.Trim() is { Length: > 0 } wanted)
        {
            var named = new WordPressTerm("category", "", wanted);
            var slug = SlugOf(named);
            var found = existing.FirstOrDefault(d => d.Slug == wanted || string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase))
                ?? existing.FirstOrDefault(d => d.Slug == slug);
            if (found is not null)
            {
                return found;
            }
            if (SlugLike().IsMatch(wanted))
            {
                throw new ImportRefused($"Підрозділу з адресою «{wanted}» немає ({choices}). Новий підрозділ вкажіть назвою: --department \"Управління освіти\".");
            }
            return NewDepartment(named, existing);
        }
        var (homeless, examples) = (0, new List<string>());
        foreach (var post in export.Posts().Where(p => Importable.Contains(p.Status) && (options.Categories == CategoriesAs.Tags || !Categories(p).Any())))
        {
            if (homeless++ < 3)
            {
                examples.Add($"«{Title(post)}»");
            }
        }
        if (homeless > 0)
        {
            throw new ImportRefused($"Записів без підрозділу: {homeless} ({string.Join("; ", examples)}). Вкажіть, куди їх віднести: --department АДРЕСА ({choices}) " +
                "або назва нового підрозділу: --department \"Прес-служба\".");
        }
        return null;
    }

    // A post's categories, without WordPress's default one.
    static IEnumerable<WordPressTerm> Categories(WordPressItem post) =>
        post.Terms.Where(t => t.Domain == "category" && t.Slug != "uncategorized" && t.Name is not ("Uncategorized" or "Без категорії"));

    static string Title(WordPressItem post)
    {
        var title = WebUtility.HtmlDecode(Tags().Replace(post.Title, "")).Trim();
        title = title.Length > 300 ? title[..300] : title;
        return title.Length == 0 ? "Без назви" : title;
    }

    // WordPress's own slug when it is Latin; a Cyrillic one (stored percent-encoded) goes through
    // the site's transliteration, and when WordPress simply cut the title short, the whole title does.
    static string Slug(WordPressItem post, string title)
    {
        var fromTitle = Transliteration.Slugify(title);
        var name = Uri.UnescapeDataString(post.Name);
        var slug = Transliteration.Slugify(name);
        if (slug.Length == 0 || fromTitle.StartsWith(slug, StringComparison.Ordinal))
        {
            slug = fromTitle;
        }
        slug = slug.Length > 100 ? slug[..100].TrimEnd('-') : slug;
        return slug.Length == 0 ? "novyna" : slug;
    }

    // What this import reads from the post (and how it was asked to map it): the same hash, nothing to do.
    static string Fingerprint(WordPressItem post, Dictionary<long, WordPressItem> attachments, ImportOptions options)
    {
        var lead = long.TryParse(post.MetaValue("_thumbnail_id"), out var id) && attachments.TryGetValue(id, out var a)
            ? $"{a.MetaValue("_wp_attached_file")}|{a.MetaValue("_wp_attachment_image_alt")}|{a.Excerpt}" : "";
        var parts = new[]
        {
            post.Title, post.Content, post.Excerpt, post.Status, post.Name, post.Password, post.Creator, $"{post.DateGmt:O}", $"{post.ModifiedGmt:O}", $"{post.LocalDate:O}",
            string.Join(";", post.Terms.Select(t => $"{t.Domain}|{t.Slug}|{t.Name}").Order()), lead, $"{options.Categories}", options.Department ?? "",
        };
        return System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))))[..40];
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex SlugLike();
}
