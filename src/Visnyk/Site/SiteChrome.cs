using Microsoft.EntityFrameworkCore;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Tags;

namespace Visnyk.Site;

// Site settings, departments and tags, kept in memory: they change a few times a year and are
// read on every request (header, footer, an article's departments and tags).
public class SiteChrome(IServiceScopeFactory scopes)
{
    volatile Snapshot? current;

    public record Snapshot(SiteSettings Settings, IReadOnlyList<Department> Departments, IReadOnlyList<Tag> Tags)
    {
        public IReadOnlyDictionary<int, Department> DepartmentsById { get; } = Departments.ToDictionary(d => d.Id);
        public IReadOnlyDictionary<int, Tag> TagsById { get; } = Tags.ToDictionary(t => t.Id);
    }

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (current is { } known)
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var settings = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new SiteSettings();
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Position).ThenBy(d => d.Name).ToListAsync(ct);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        return current = new Snapshot(settings, departments, tags);
    }

    // Called after settings, departments or tags change; the caller also evicts CacheTags.Site.
    public void Invalidate() => current = null;

    // After a change every page shows (header, footer, menus): forget the snapshot, evict every cached page.
    public async Task ChangedAsync(Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache, CancellationToken ct)
    {
        Invalidate();
        await cache.EvictByTagAsync(CacheTags.Site, ct);
    }
}
