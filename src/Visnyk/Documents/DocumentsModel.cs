using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Visnyk.Articles;
using Visnyk.Data;

namespace Visnyk.Documents;

// The register's tables in the site's one model (VisnykDb applies every configuration of the assembly).
public static class DocumentsModel
{
    extension(VisnykDb db)
    {
        // The register: documents of every state (the public ones are published and due).
        public IQueryable<Article> Documents => db.Publications.Where(a => a.Kind == ArticleKind.Document);
        public DbSet<SignedFile> SignedFiles => db.Set<SignedFile>();
        public DbSet<FileContent> FileContents => db.Set<FileContent>();
        public DbSet<DocumentRelation> DocumentRelations => db.Set<DocumentRelation>();
    }
}

sealed class DocumentColumns : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> a)
    {
        a.Property(x => x.DocNumber).HasMaxLength(DocumentNumbers.MaxNumber);
        a.Property(x => x.NumberKey).HasMaxLength(DocumentNumbers.MaxNumber);
        a.Property(x => x.IssuedBy).HasMaxLength(DocumentNumbers.MaxIssuedBy);
        // Lookup by number ("розпорядження № 123"): a handful of rows per number at most.
        a.HasIndex(VisnykDb.SiteColumn, nameof(Article.Kind), nameof(Article.NumberKey));
        a.Ignore(x => x.IsDocument);
        VisnykDb.SameSite(a.HasMany(x => x.Files).WithOne(), nameof(SignedFile.ArticleId)).OnDelete(DeleteBehavior.Cascade);
        VisnykDb.SameSite(a.HasMany(x => x.Relations).WithOne(), nameof(DocumentRelation.FromId)).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class SignedFileTable : IEntityTypeConfiguration<SignedFile>
{
    public void Configure(EntityTypeBuilder<SignedFile> f)
    {
        f.ToTable("SignedFiles");
        f.Property(x => x.Key).HasMaxLength(64);
        f.Property(x => x.FileName).HasMaxLength(SignedFile.MaxFileName);
        f.Property(x => x.Metadata).HasMaxLength(SignedFile.MaxMetadata);
        f.HasIndex(VisnykDb.SiteColumn, nameof(SignedFile.Key));
        f.Ignore(x => x.Extension);
        f.Ignore(x => x.ContentType);
        f.Ignore(x => x.Path);
    }
}

sealed class FileContentTable : IEntityTypeConfiguration<FileContent>
{
    public void Configure(EntityTypeBuilder<FileContent> c)
    {
        c.ToTable("FileContents");
        c.HasKey(VisnykDb.SiteColumn, nameof(FileContent.Key));
        c.Property(x => x.Key).HasMaxLength(64);
    }
}

sealed class DocumentRelationTable : IEntityTypeConfiguration<DocumentRelation>
{
    public void Configure(EntityTypeBuilder<DocumentRelation> r)
    {
        r.ToTable("DocumentRelations");
        r.HasKey(VisnykDb.SiteColumn, nameof(DocumentRelation.FromId), nameof(DocumentRelation.ToId));
        VisnykDb.SameSite(r.HasOne<Article>().WithMany(), nameof(DocumentRelation.ToId)).OnDelete(DeleteBehavior.NoAction);
        r.HasIndex(VisnykDb.SiteColumn, nameof(DocumentRelation.ToId));
    }
}
