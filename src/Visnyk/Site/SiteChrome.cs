using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Departments;

namespace Visnyk.Site;

// What every page's header and footer show (site settings, the departments), kept in memory:
// it changes a few times a year and is read on every request.
public class SiteChrome(IServiceScopeFactory scopes)
{
    volatile Snapshot? current;

    public record Snapshot(SiteSettings Settings, IReadOnlyList<Department> Departments);

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
        return current = new Snapshot(settings, departments);
    }

    // Called after settings or departments change; the caller also evicts CacheTags.Site.
    public void Invalidate() => current = null;
}
