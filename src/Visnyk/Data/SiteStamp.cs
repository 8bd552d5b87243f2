using Microsoft.EntityFrameworkCore;

namespace Visnyk.Data;

// Every row a save adds to a site-owned table belongs to the context's site (VisnykDb.SiteId);
// a save that would change or delete another site's row is refused. Queries see only the
// context's site through the "Site" query filter; this keeps writes to the same rule. Called by
// VisnykDb's own SaveChanges, so every context has it, however it was made.
static class SiteStamp
{
    // A new row gets its site as soon as the context tracks it, not only at the save: references
    // carry the site ((SiteId, LeadImageId) → Images (SiteId, Id)), and EF copies a new principal's
    // key into its dependents when it finds it, so a new image with no site yet would give the
    // article that shows it none either (and an article's site, part of its key, cannot change).
    // (Not in the Tracking event, before the row is tracked: a value set there did not reach the
    // tracked row.) Every context subscribes, idempotently: a pooled context loses its handlers
    // when it goes back to the pool, and VisnykDb.SiteId's setter, called on every lease, subscribes again.
    public static void Watch(VisnykDb db)
    {
        db.ChangeTracker.Tracked -= OnTracked;
        db.ChangeTracker.Tracked += OnTracked;
    }

    static void OnTracked(object? sender, Microsoft.EntityFrameworkCore.ChangeTracking.EntityTrackedEventArgs e)
    {
        if (!e.FromQuery && e.Entry.State == EntityState.Added && e.Entry.Context is VisnykDb db && e.Entry.Metadata.FindDeclaredQueryFilter(VisnykDb.SiteFilter) is not null)
        {
            StampAdded(e.Entry.Property(VisnykDb.SiteColumn), db.SiteId);
        }
    }

    // A new row's site: unset, or (where SiteId is part of the key, as in a role row) a temporary value EF gave it.
    static void StampAdded(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry site, int siteId)
    {
        if ((int)site.CurrentValue! == 0 || site.IsTemporary)
        {
            site.CurrentValue = siteId;
            site.IsTemporary = false;
        }
    }

    public static void Apply(VisnykDb db)
    {
        // Site-owned: the tables with the "Site" filter (Sites' own hosts carry a SiteId, but are the registry).
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is not (EntityState.Unchanged or EntityState.Detached) && e.Metadata.FindDeclaredQueryFilter(VisnykDb.SiteFilter) is not null)
            .ToList();
        // Every row's site first, then the check: setting a new row's site moves it into the rows that refer to it.
        foreach (var entry in changed)
        {
            var site = entry.Property(VisnykDb.SiteColumn);
            if (entry.State == EntityState.Added)
            {
                StampAdded(site, db.SiteId);
            }
            else if ((int)site.OriginalValue! == 0)
            {
                // Attached by id, not read: its site is not known here, and its row keeps the one it has.
                // (Not for a row whose site is part of a key: EF cannot change a tracked key. None is attached so.)
                if (site.Metadata.IsKey())
                {
                    throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} attached without its site cannot be saved: read it, or set its site before attaching it.");
                }
                site.OriginalValue = site.CurrentValue = db.SiteId;
                site.IsModified = false;
            }
        }
        foreach (var entry in changed)
        {
            var site = entry.Property(VisnykDb.SiteColumn);
            if ((int)site.CurrentValue! != db.SiteId || entry.State != EntityState.Added && (int)site.OriginalValue! != db.SiteId)
            {
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of site {site.CurrentValue} cannot be saved by site {db.SiteId}.");
            }
        }
    }
}
