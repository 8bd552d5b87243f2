using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// The newsletter's tables in the site's one model (VisnykDb applies every configuration of the
// assembly), kept here so that Data/ need not know what a mailing is.
public static class NewsletterModel
{
    extension(VisnykDb db)
    {
        public DbSet<Subscriber> Subscribers => db.Set<Subscriber>();
        public DbSet<Subscription> Subscriptions => db.Set<Subscription>();
        public DbSet<Mailing> Mailings => db.Set<Mailing>();
        public DbSet<Delivery> Deliveries => db.Set<Delivery>();
        public DbSet<UsedConfirmation> UsedConfirmations => db.Set<UsedConfirmation>();
        public DbSet<SavedSearch> SavedSearches => db.Set<SavedSearch>();
        public DbSet<SavedSearchTerm> SavedSearchTerms => db.Set<SavedSearchTerm>();
    }
}

sealed class SubscriberTable : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> s)
    {
        s.ToTable("Subscribers");
        s.HasIndex(Data.VisnykDb.SiteColumn, nameof(Subscriber.Email)).IsUnique();
        s.Property(x => x.Email).HasMaxLength(EmailAddress.MaxLength);
        s.Property(x => x.Stamp).HasMaxLength(64);
        s.Property(x => x.Language).HasMaxLength(8);
        // A site's readers of one language (which sites have a digest to decide in it).
        s.HasIndex(Data.VisnykDb.SiteColumn, nameof(Subscriber.Language));
        VisnykDb.SiteKey(s);
        VisnykDb.SameSite(s.HasMany(x => x.Subscriptions).WithOne(), nameof(Subscription.SubscriberId)).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class SubscriptionTable : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> s)
    {
        s.ToTable("Subscriptions");
        // One frequency per topic and subscriber; expansion reads one frequency in subscriber order.
        s.HasIndex(x => new { x.SubscriberId, x.Kind, x.TopicId }).IsUnique();
        // A site's subscribers of one frequency, in order (the expansion's batches; which sites have digests).
        s.HasIndex(Data.VisnykDb.SiteColumn, nameof(Subscription.Frequency), nameof(Subscription.SubscriberId));
    }
}

sealed class SavedSearchTable : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> s)
    {
        s.ToTable("SavedSearches");
        s.Property(x => x.Text).HasMaxLength(Search.SearchQuery.MaxLength);
        s.Property(x => x.Language).HasMaxLength(8);
        s.Property(x => x.Key).HasMaxLength(64);
        s.Property(x => x.FiledBy).HasMaxLength(100);
        // One row per search however many follow it.
        s.HasIndex(Data.VisnykDb.SiteColumn, nameof(SavedSearch.Language), nameof(SavedSearch.Key)).IsUnique();
        VisnykDb.SiteKey(s);
        VisnykDb.SameSite(s.HasMany(x => x.Terms).WithOne(), nameof(SavedSearchTerm.SavedSearchId)).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class SavedSearchTermTable : IEntityTypeConfiguration<SavedSearchTerm>
{
    public void Configure(EntityTypeBuilder<SavedSearchTerm> t)
    {
        t.ToTable("SavedSearchTerms");
        t.HasKey(x => new { x.SavedSearchId, x.Term });
        t.Property(x => x.Term).HasMaxLength(SavedSearchTerm.MaxLength);
        // A new article's stems find the searches that may match it (SearchAlerts).
        t.HasIndex(Data.VisnykDb.SiteColumn, nameof(SavedSearchTerm.Term), nameof(SavedSearchTerm.SavedSearchId));
    }
}

sealed class MailingTable : IEntityTypeConfiguration<Mailing>
{
    public void Configure(EntityTypeBuilder<Mailing> m)
    {
        m.ToTable("Mailings");
        m.HasIndex(Data.VisnykDb.SiteColumn, nameof(Mailing.Key)).IsUnique();
        m.Property(x => x.Key).HasMaxLength(64);
        m.Property(x => x.Language).HasMaxLength(8);
        m.HasIndex(x => x.ExpandedAt);
        // Two instances expanding the same mailing: each batch's save checks the cursor it
        // started from, so only one of them writes that batch's deliveries.
        m.Property(x => x.Cursor).IsConcurrencyToken();
        VisnykDb.SiteKey(m);
        // The note of the site's own article. No action on delete (a key of two columns cannot set
        // one of them to null on SQLite): the one path that deletes notes, a restore that keeps the
        // subscribers, clears its mailings' references first (SiteRows).
        VisnykDb.SameSite(m.HasOne(x => x.ChangeNote).WithMany(), nameof(Mailing.ChangeNoteId)).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

sealed class DeliveryTable : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> d)
    {
        d.ToTable("Deliveries");
        // The sender's queue, the history's counts, and the per-address limit on confirmations.
        d.HasIndex(x => new { x.Status, x.NextAttemptAt });
        d.HasIndex(x => new { x.MailingId, x.Status });
        d.HasIndex(x => x.Claim);
        d.HasIndex(x => new { x.To, x.CreatedAt }).HasFilter("\"MailingId\" IS NULL");
        d.HasIndex(x => x.SubscriberId); // the sender's, across sites
        // A letter of a mailing is of the mailing's site (null: a confirmation). Mailings go only
        // after their letters (a restore with the subscribers).
        VisnykDb.SameSite(d.HasOne<Mailing>().WithMany(), nameof(Delivery.MailingId)).OnDelete(DeleteBehavior.ClientSetNull);
        // A letter's subscriber is of the letter's site (the sender updates subscribers by this id
        // across sites); no action on delete: forgetting a subscriber clears its letters' id first.
        VisnykDb.SameSite(d.HasOne<Subscriber>().WithMany(), nameof(Delivery.SubscriberId)).OnDelete(DeleteBehavior.ClientSetNull);
        d.Property(x => x.To).HasMaxLength(EmailAddress.MaxLength);
        d.Property(x => x.Error).HasMaxLength(500);
        d.Property(x => x.Owner).HasMaxLength(200);
    }
}

sealed class UsedConfirmationTable : IEntityTypeConfiguration<UsedConfirmation>
{
    public void Configure(EntityTypeBuilder<UsedConfirmation> u)
    {
        u.ToTable("UsedConfirmations");
        u.Property(x => x.Id).HasMaxLength(64);
        u.HasIndex(x => x.ExpiresAt);
    }
}
