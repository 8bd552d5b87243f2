using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Visnyk.Data;

namespace Visnyk.Notices;

// The notices' table in the site's one model (VisnykDb applies every configuration of the assembly).
public static class NoticesModel
{
    extension(VisnykDb db)
    {
        public DbSet<Notice> Notices => db.Set<Notice>();
    }
}

sealed class NoticeTable : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> n)
    {
        n.ToTable("Notices");
        n.Property(x => x.Text).HasMaxLength(Notice.MaxText);
        n.Property(x => x.Link).HasMaxLength(Notice.MaxLink);
        n.OwnsMany(x => x.Translations, l => l.ToJson());
        // NoticeClock looks for starts and ends across every site.
        n.HasIndex(x => x.StartsAt);
        n.HasIndex(x => x.EndsAt);
    }
}
