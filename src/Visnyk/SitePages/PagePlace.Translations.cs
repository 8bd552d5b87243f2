using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Import;
using Visnyk.Site;

namespace Visnyk.SitePages;

// A page's translation stands where its original does: under the translation of the nearest page
// above the original that has one with an address, else at the top, by its own slug (from its own
// title): "/en/about-the-region/history" for "/pro-oblast/istoriia". Its place (parent, order,
// menu, footer) is the original's, which the original's editors set; so a move or a rename of an
// original, or a translation's new slug, moves the translations below it, and the addresses they
// leave redirect. An address a translation holds is never given to another: one that would take
// it (or that two would take, the second in the tree's order) has none, off the English site until
// an editor renames it (the editor says so before a save); so no change of one department's page
// takes another's English page off its address, and no save swaps two addresses.
public static partial class PagePlace
{
    // Held: the address it has now, as stored (PagePath may be this unit of work's new one).
    record Place(int Id, int? ParentId, string? PagePath, string Slug, string Language, int? OriginalId, int Position, string Title, string? Held = null)
    {
        public static Place Of(Article a, string? held = null) => new(a.Id, a.ParentId, a.PagePath, a.Slug, a.Language, a.OriginalId, a.Position, a.Title, held ?? a.PagePath);
    }

    // Every translation's address, and why one has none.
    static IEnumerable<(Place Translation, string? Path, string? Problem)> Translated(IEnumerable<Place> pages)
    {
        var rows = pages.OrderBy(p => p.Position).ThenBy(p => p.Title, StringComparer.Ordinal).ToList();
        var originals = rows.Where(r => r.OriginalId is null && r.Language == SiteLanguage.Default.Code).ToList();
        var byId = originals.ToDictionary(r => r.Id);
        foreach (var language in SiteLanguage.Others)
        {
            var translations = rows.Where(r => r.Language == language.Code && r.OriginalId is not null)
                .GroupBy(r => r.OriginalId!.Value).ToDictionary(g => g.Key, g => g.First());
            var paths = new Dictionary<int, string?>();
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var held = translations.Values.Where(t => t.Held is not null).GroupBy(t => t.Held!).ToDictionary(g => g.Key, g => g.First().Id);
            foreach (var (original, _) in PageTree.InOrder(originals, r => r.Id, r => r.ParentId))
            {
                if (!translations.TryGetValue(original.Id, out var translation))
                {
                    continue;
                }
                var prefix = "";
                for (var up = original.ParentId; up is { } id && byId.TryGetValue(id, out var above); up = above.ParentId)
                {
                    if (paths.GetValueOrDefault(id) is { } found)
                    {
                        prefix = found;
                        break;
                    }
                }
                var path = $"{prefix}/{translation.Slug}";
                var problem = original.PagePath is null ? AdminText.PageParentUnknown
                    : !IsSlug(translation.Slug) ? AdminText.SlugInvalid
                    : prefix.Length == 0 && PageTree.Reserved.Contains(translation.Slug) ? string.Format(AdminText.PageSlugReserved, translation.Slug)
                    : path.Length > OldAddress.MaxPath ? AdminText.PagePathTooLong
                    : held.TryGetValue(path, out var holder) && holder != translation.Id || !taken.Add(path) ? string.Format(AdminText.PagePathTaken, path)
                    : null;
                paths[original.Id] = problem is null ? path : null;
                yield return (translation, problem is null ? path : null, problem);
            }
            // One whose original is not in the tree (a loop, a news article's id) stands nowhere.
            foreach (var orphan in translations.Values.Where(t => !paths.ContainsKey(t.OriginalId!.Value)))
            {
                yield return (orphan, null, AdminText.PageParentUnknown);
            }
        }
    }

    // The site's pages as this unit of work has them: what it changed and has not saved yet included.
    static async Task<List<Place>> PlacesAsync(VisnykDb db, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries<Article>().Where(e => e.Entity.IsPage && e.Entity.Id != 0).ToDictionary(e => e.Entity.Id, e => e.Entity);
        var stored = await db.SitePages.AsNoTracking()
            .Select(a => new Place(a.Id, a.ParentId, a.PagePath, a.Slug, a.Language, a.OriginalId, a.Position, a.Title, a.PagePath)).ToListAsync(ct);
        return stored.Select(p => changed.TryGetValue(p.Id, out var page) ? Place.Of(page, p.Held) : p).ToList();
    }

    // A translation's address with its slug as it is now, or why it cannot have one. One with no
    // slug yet (just started from its original: EditModel.OnPostTranslateAsync) has none, and that is no problem.
    static async Task<(string? Path, string? Problem)> TranslationPathAsync(VisnykDb db, Article page, CancellationToken ct)
    {
        if (page.Slug.Length == 0)
        {
            return (null, null);
        }
        var places = await PlacesAsync(db, ct);
        var others = places.Where(p => p.Id != page.Id).ToList();
        var (_, path, problem) = Translated(others.Append(Place.Of(page))).FirstOrDefault(t => t.Translation.Id == page.Id);
        return (path, path is null ? problem ?? AdminText.PageParentUnknown : null);
    }

    // What placing the translations did: whether a published one moved (every page's menu and site
    // map may show it), and the translations that lost their address (Left: the one they had).
    public sealed record Placed(bool Moved, IReadOnlyList<(Article Page, string Left)> Unplaced)
    {
        public static readonly Placed Nothing = new(false, []);
    }

    // Puts every translation where its original and its own slug place it (after any change to a
    // page's place); the addresses left behind answer 301.
    public static async Task<Placed> PlaceTranslationsAsync(VisnykDb db, CancellationToken ct)
    {
        var moves = Translated(await PlacesAsync(db, ct)).Where(t => t.Path != t.Translation.PagePath).ToList();
        if (moves.Count == 0)
        {
            return Placed.Nothing;
        }
        var ids = moves.Select(m => m.Translation.Id).ToList();
        var pages = await db.SitePages.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var unplaced = new List<(Article, string)>();
        foreach (var (translation, path, _) in moves)
        {
            var page = pages[translation.Id];
            if (page.PagePath is { } old)
            {
                var left = page.Written.PathOf(old);
                await LeaveAsync(db, left, page.Id, ct);
                if (path is null)
                {
                    unplaced.Add((page, left));
                }
            }
            page.PagePath = path;
        }
        return new(pages.Values.Any(p => p.Status == ArticleStatus.Published), unplaced);
    }

    // The same for pages written in bulk, all in hand.
    static void Translations(IReadOnlyList<Article> pages)
    {
        var byId = pages.ToDictionary(p => p.Id);
        foreach (var (translation, path, _) in Translated(pages.Select(p => Place.Of(p) with { Held = null })).ToList())
        {
            byId[translation.Id].PagePath = path;
        }
    }
}
