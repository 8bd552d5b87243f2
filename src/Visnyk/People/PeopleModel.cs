using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Departments;

namespace Visnyk.People;

// The people's table in the site's one model (VisnykDb applies every configuration of the assembly).
public static class PeopleModel
{
    extension(VisnykDb db)
    {
        public DbSet<Person> People => db.Set<Person>();
    }
}

sealed class PersonTable : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> p)
    {
        p.ToTable("People");
        VisnykDb.SiteKey(p);
        p.HasIndex(VisnykDb.SiteColumn, nameof(Person.Slug)).IsUnique();
        p.Property(x => x.Name).HasMaxLength(Person.MaxName);
        p.Property(x => x.Slug).HasMaxLength(Person.MaxSlug);
        p.Property(x => x.JobTitle).HasMaxLength(Person.MaxJobTitle);
        p.Property(x => x.Biography).HasMaxLength(Person.MaxBiography);
        p.Property(x => x.Phone).HasMaxLength(100);
        p.Property(x => x.Email).HasMaxLength(200);
        p.Property(x => x.ReceptionHours).HasMaxLength(Person.MaxReceptionHours);
        p.Ignore(x => x.Path);
        p.Ignore(x => x.ReceptionHourList);
        p.Ignore(x => x.BiographyParagraphs);
        // References within the site only (the database refuses another site's row); a photo, unit
        // or page removed leaves the person in place (set to null by the code that removes it).
        VisnykDb.SameSite(p.HasOne(x => x.Photo).WithMany(), nameof(Person.PhotoId)).OnDelete(DeleteBehavior.ClientSetNull);
        VisnykDb.SameSite(p.HasOne<Department>().WithMany(), nameof(Person.DepartmentId)).OnDelete(DeleteBehavior.ClientSetNull);
        VisnykDb.SameSite(p.HasOne<Article>().WithMany(), nameof(Person.PageId)).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
