using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Notices;
using Visnyk.People;
using Visnyk.Tags;

namespace Visnyk.Site;

// The site's settings, departments, tags, page tree, people and notices, kept in memory: they change a few times a year and
// are read on every request (header, footer, an article's departments and tags). Scoped: this is
// the chrome of the scope's site (CurrentSite); the snapshots live in SiteCache, one per site
// that has been read lately.
public class SiteChrome(SiteCache cache, CurrentSite site, IServiceScopeFactory scopes, TimeProvider clock)
{
    // Moves on with every invalidation of any site, so a load that raced with a change is not
    // kept. One counter for all sites (SiteCache.Changes): changes are rare, and a per-site one
    // would be state per site.

    // ParentId: the site above this one; HasSitesBelow: this one is an oblast's, with hromadas' sites.
    public record Snapshot(SiteSettings Settings, IReadOnlyList<Department> Departments, IReadOnlyList<Tag> Tags, int? ParentId = null, bool HasSitesBelow = false, SitePages.PageTree? Tree = null, IReadOnlyList<Person>? Staff = null, IReadOnlyList<Notice>? Notices = null)
    {
        // The notices not yet over (Notices/): each page shows those whose time has come (Notice.Shown).
        public IReadOnlyList<Notice> NoticesToShow => Notices ?? [];

        // The public pages with the main menu (SitePages/PageTree), in the snapshot's language.
        public SitePages.PageTree Pages => Tree ?? SitePages.PageTree.Empty;

        // Every language's, by SiteLanguage.Code.
        public IReadOnlyDictionary<string, SitePages.PageTree>? Trees { get; init; }

        // A page of a tree in every language it is public in, itself included (hreflang, the
        // language switch, the sitemap).
        public IReadOnlyList<Alternate> VersionsOf(SitePages.PageTree.Node page)
        {
            var original = page.OriginalId ?? page.Id;
            return [.. SiteLanguage.All
                .Select(l => (Language: l, Page: Trees?.GetValueOrDefault(l.Code) is { } tree ? l.IsDefault ? tree.Find(original) : tree.ByOriginal.GetValueOrDefault(original) : null))
                .Where(v => v.Page is not null).Select(v => new Alternate(v.Language, v.Page!.Path, v.Page.Id))];
        }

        // The people the site presents (People/), in order, with their photos: the one place their
        // contacts are read from, wherever they are shown.
        public IReadOnlyList<Person> People => Staff ?? [];
        public IReadOnlyDictionary<string, Person> PeopleBySlug { get; } = (Staff ?? []).ToDictionary(p => p.Slug);

        // The site whose "Новини громад" show this one's news, if it shares them.
        public int? SharesWith => Settings.ShareWithParent ? ParentId : null;

        public IReadOnlyDictionary<int, Department> DepartmentsById { get; } = Departments.ToDictionary(d => d.Id);
        public IReadOnlyDictionary<int, Tag> TagsById { get; } = Tags.ToDictionary(t => t.Id);
        // By the slug of their pages (unique in a site), for the tag and department pages.
        public IReadOnlyDictionary<string, Department> DepartmentsBySlug { get; } = Departments.ToDictionary(d => d.Slug, StringComparer.Ordinal);
        public IReadOnlyDictionary<string, Tag> TagsBySlug { get; } = Tags.ToDictionary(t => t.Slug, StringComparer.Ordinal);

        // Rough kilobytes held: the settings (footer, contacts), then a few hundred bytes a name
        // (twice: the copies in other languages).
        public long SizeKb => 2 + 2 * (Departments.Count + Tags.Count) / 4 + Pages.Count / 4 + People.Count;

        // As a page in this language shows it: departments and tags by their names in it, its pages and people, made
        // once per language while the snapshot lives, always from the default language's (a copy
        // asked for another language answers as its source would).
        public Snapshot In(SiteLanguage language)
        {
            var source = Source ?? this;
            return language.IsDefault ? source : source.languages.GetOrAdd(language.Code, _ => new Snapshot(source.Settings,
                source.Departments.Select(d => d.In(language)).ToList(), source.Tags.Select(t => t.In(language)).ToList(), ParentId, HasSitesBelow, source.Trees?.GetValueOrDefault(language.Code), source.People.Select(p => p.In(language)).ToList(), source.Notices) { Source = source, Trees = source.Trees });
        }

        // The default language's snapshot this one is a copy of (null: it is that one).
        Snapshot? Source { get; init; }
        readonly System.Collections.Concurrent.ConcurrentDictionary<string, Snapshot> languages = new();
    }

    // In the language of the work in hand (SiteLanguage.Current): a page under /en names
    // departments and tags in English where administrators gave the names.
    public async Task<Snapshot> GetAsync(CancellationToken ct = default) => (await LoadAsync(ct)).In(SiteLanguage.Current);

    // The same in a language named outright (where the request's culture is not set: OldAddresses).
    public async Task<Snapshot> GetAsync(SiteLanguage language, CancellationToken ct) => (await LoadAsync(ct)).In(language);

    async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        if (cache.TryGet<Snapshot>(site.Id, out var known))
        {
            return known;
        }
        var startedAt = cache.Changes;
        await using var scope = scopes.CreateSiteScope(site.Id);
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var settings = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new SiteSettings();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Position).ThenBy(d => d.Name).ToListAsync(ct);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var parent = await db.Sites.Where(s => s.Id == site.Id).Select(s => s.ParentId).FirstOrDefaultAsync(ct);
        var below = await db.Sites.AnyAsync(s => s.ParentId == site.Id, ct);
        var trees = await SitePages.PageTree.LoadAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        var people = await db.People.AsNoTracking().Include(p => p.Photo).OrderBy(p => p.Position).ThenBy(p => p.Name).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var notices = await db.Notices.AsNoTracking().Where(n => n.EndsAt == null || n.EndsAt > now).ToListAsync(ct);
        var snapshot = new Snapshot(settings, departments, tags, parent, below, trees[SiteLanguage.Default.Code], people, notices) { Trees = trees };
        if (cache.Changes == startedAt)
        {
            cache.Set(site.Id, snapshot, snapshot.SizeKb);
        }
        return snapshot;
    }

    // Called after this site's settings, departments, tags or page tree change; the caller also evicts its pages.
    public void Invalidate() => Forget(cache, site.Id);

    // The same for a site named by another instance (PeerEviction).
    public static void Forget(SiteCache cache, int site)
    {
        cache.Changed(site);
        cache.Remove<Snapshot>(site);
    }

    // After a change every page of the site shows (header, footer, menus): forget the snapshot and
    // the latest news with the lists' totals (a merged tag moves articles), and evict every cached
    // page of this site (and of no other), as the other instances do when they hear of it.
    public async Task ChangedAsync(IOutputCacheStore pages, CancellationToken ct)
    {
        Invalidate();
        Articles.LatestNews.Forget(cache, site.Id);
        await pages.EvictAsync(site.Id, CacheTags.Site, ct);
    }
}
