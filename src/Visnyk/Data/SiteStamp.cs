using Microsoft.EntityFrameworkCore;

namespace Visnyk.Data;

// Every row a save adds to a site-owned table belongs to the context's site (VisnykDb.SiteId);
// a save that would change or delete another site's row is refused. Queries see only the
// context's site through the "Site" query filter; this keeps writes to the same rule. Called by
// VisnykDb's own SaveChanges, so every context has it, however it was made.
static class SiteStamp
{
    public static void Apply(VisnykDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            // Site-owned: the tables with the "Site" filter (Sites' own hosts carry a SiteId, but are the registry).
            if (entry.State is EntityState.Unchanged or EntityState.Detached || entry.Metadata.FindDeclaredQueryFilter(VisnykDb.SiteFilter) is null)
            {
                continue;
            }
            var site = entry.Property(VisnykDb.SiteColumn);
            // Unset, or (where SiteId is part of the key, as in a role row) a temporary value EF gave it.
            if (entry.State == EntityState.Added && ((int)site.CurrentValue! == 0 || site.IsTemporary))
            {
                site.CurrentValue = db.SiteId;
                site.IsTemporary = false;
            }
            else if (entry.State != EntityState.Added && (int)site.OriginalValue! == 0)
            {
                // Attached by id, not read: its site is not known here, and its row keeps the one it has.
                site.OriginalValue = site.CurrentValue = db.SiteId;
                site.IsModified = false;
            }
            if ((int)site.CurrentValue! != db.SiteId || entry.State != EntityState.Added && (int)site.OriginalValue! != db.SiteId)
            {
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of site {site.CurrentValue} cannot be saved by site {db.SiteId}.");
            }
        }
    }
}
