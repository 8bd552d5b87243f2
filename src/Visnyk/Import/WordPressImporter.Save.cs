using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Newsroom;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Import;

public partial class WordPressImporter
{
    // Fingerprint of a mapping whose post went to the trash and whose article was withdrawn.
    const string Trashed = "trash";
    const string ImportedBy = "import wordpress";

    // Writes one batch: first the articles (and any new department, tag or picture), which gives
    // them their ids, then what refers to them: revisions, audit entries, mappings, old addresses.
    async Task SaveAsync(WordPressExport export, List<Converted> converted, List<WordPressPost> trashed, Dictionary<long, WordPressPost> known,
        Department? fallback, ImportOptions options, ImportReport report, DateTime now, CancellationToken ct)
    {
        if (converted.Count == 0 && trashed.Count == 0)
        {
            return;
        }
        var images = await ImagesAsync(converted, ct);
        var departments = await db.Departments.ToListAsync(ct);
        // A new department named with --department: written with the first post that goes to it
        // (a category of the same name goes to it too); after that, the row of the database.
        if (fallback is { Id: 0 })
        {
            departments.Add(fallback);
        }
        else if (fallback is not null)
        {
            fallback = departments.Single(d => d.Id == fallback.Id);
        }
        var tags = new TagLookup(await db.Tags.ToListAsync(ct));
        var emails = converted.Select(c => c.AuthorEmail.ToUpperInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var users = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => new { u.NormalizedEmail, u.Id }).ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, ct);
        var postPaths = converted.SelectMany(c => c.OldPaths).ToHashSet();
        var addresses = await db.OldAddresses.Where(o => postPaths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, ct);
        var archivePaths = converted.SelectMany(c => c.Categories.Select(t => ArchiveKey("category", t.Slug)).Concat(c.Tags.Select(t => ArchiveKey("tag", t.Slug)))
            .Append(ArchiveKey("author", c.Post.Creator))).Where(k => k.Length <= OldAddress.MaxPath && !postPaths.Contains(k)).Distinct().ToList();
        var archives = await db.OldAddresses.Where(o => archivePaths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, ct);
        var articleIds = converted.Select(c => known.GetValueOrDefault(c.Post.PostId)?.ArticleId).Concat(trashed.Select(t => (int?)t.ArticleId)).OfType<int>().ToList();
        var articles = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).Include(a => a.Gallery)
            .Where(a => articleIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);

        // A category's, tag's or author's archive on the old site answers with the list here that took
        // its place (a post's own address, should one be the same, keeps it).
        void Archive(string key, string list)
        {
            if (key.Length > OldAddress.MaxPath || postPaths.Contains(key))
            {
                return;
            }
            if (!archives.TryGetValue(key, out var address))
            {
                address = new OldAddress { Path = key };
                archives[key] = address;
                db.OldAddresses.Add(address);
                report.Redirects++;
            }
            if (address.ArticleId is null)
            {
                address.Target = list;
            }
        }

        var written = new List<(Converted Item, Article Article, bool IsNew)>();
        foreach (var item in converted)
        {
            var mapping = known.GetValueOrDefault(item.Post.PostId);
            var article = mapping is null ? null : articles.GetValueOrDefault(mapping.ArticleId);
            var isNew = article is null;
            article ??= new Article { Title = "", Slug = "" };
            article.Title = item.Title;
            article.Slug = item.Slug;
            article.Summary = item.Summary;
            article.Body = item.Body;
            // The post's own state and dates, taken as they are: an archive is not published anew
            // (no alert, no new date), so this is not one of Publishing's actions.
            article.Status = item.Status;
            article.PublishedAt = item.PublishedAt;
            article.UpdatedAt = item.UpdatedAt;
            article.SetLead(item.Lead is null ? null : images[item.Lead.Key]);
            db.RemoveRange(article.SetGallery(item.Gallery.Select(g => (images[g.Image.Key], g.Text)).ToList()));
            var categories = item.Categories.Select(c => options.Categories == CategoriesAs.Departments ? (object)DepartmentFor(c, departments, export, report) : tags.For(c, db, report)).ToList();
            article.Departments = categories.OfType<Department>().Distinct().ToList();
            if (article.Departments.Count == 0 && fallback is not null)
            {
                article.Departments = [fallback];
            }
            var tagged = item.Tags.Select(t => (Term: t, Tag: tags.For(t, db, report))).ToList();
            article.Tags = tagged.Select(t => t.Tag).Concat(categories.OfType<Tag>()).Distinct().ToList();
            foreach (var (term, list) in item.Categories.Zip(categories))
            {
                Archive(ArchiveKey("category", term.Slug), list is Department department ? department.Path : ((Tag)list).Path);
            }
            foreach (var (term, tag) in tagged)
            {
                Archive(ArchiveKey("tag", term.Slug), tag.Path);
            }
            if (item.Post.Creator.Length > 0)
            {
                // Authors have no page here: their archive becomes the news.
                Archive(ArchiveKey("author", item.Post.Creator), "/news");
            }
            if (isNew)
            {
                db.Articles.Add(article);
            }
            written.Add((item, article, isNew));
        }
        await db.SaveChangesAsync(ct);

        foreach (var (item, article, isNew) in written)
        {
            // The model has no author field: who wrote the post is recorded the way the newsroom
            // records who wrote a version, in the revision (and linked to their account when the
            // newsroom has one with the same e-mail address).
            db.Revisions.Add(Revisions.Of(article, users.GetValueOrDefault(item.AuthorEmail.ToUpperInvariant()), item.Author, AuditActions.ArticleImported, now));
            Audit(article.Id, $"{export.SiteUrl}, запис {item.Post.PostId} ({item.Author}): {(isNew ? "перенесено" : "оновлено")}", now);
            if (known.GetValueOrDefault(item.Post.PostId) is { } mapping)
            {
                db.WordPressPosts.Attach(mapping);
            }
            else
            {
                mapping = new WordPressPost { Site = export.SiteUrl, PostId = item.Post.PostId };
                db.WordPressPosts.Add(mapping);
            }
            mapping.ArticleId = article.Id;
            mapping.Fingerprint = item.Partial ? $"partial:{item.Fingerprint}" : item.Fingerprint;
            mapping.Author = item.Author.Length > 200 ? item.Author[..200] : item.Author;
            mapping.ImportedAt = now;
            foreach (var path in item.OldPaths)
            {
                if (!addresses.TryGetValue(path, out var address))
                {
                    address = new OldAddress { Path = path };
                    addresses[path] = address;
                    db.OldAddresses.Add(address);
                    report.Redirects++;
                }
                address.ArticleId = article.Id;
            }
            if (isNew)
            {
                report.Imported++;
            }
            else
            {
                report.Updated++;
            }
            report.Changes.Add($"«{item.Title}» (запис {item.Post.PostId}): {(isNew ? "нова новина" : "оновлено")}");
        }

        foreach (var mapping in trashed)
        {
            // The same rule as the newsroom's: only a live article is withdrawn.
            if (articles.GetValueOrDefault(mapping.ArticleId) is { } article && article.Apply(ArticleAction.Withdraw, now))
            {
                db.Revisions.Add(Revisions.Of(article, null, ImportedBy, AuditActions.ArticleWithdrawn, now));
                Audit(article.Id, $"{export.SiteUrl}, запис {mapping.PostId}: у кошику WordPress, знято з публікації", now);
                report.Withdrawn++;
                report.Changes.Add($"«{article.Title}» (запис {mapping.PostId}): знято з публікації (у кошику WordPress)");
            }
            db.WordPressPosts.Attach(mapping);
            mapping.Fingerprint = Trashed;
        }
        await db.SaveChangesAsync(ct);
    }

    void Audit(int articleId, string details, DateTime now) => db.AuditEntries.Add(new AuditEntry
    {
        At = now, UserName = ImportedBy, Action = AuditActions.ArticleImported, Subject = AuditActions.Article(articleId), Details = details,
    });

    // Every picture of these posts as a row of the media library: one per content key, reused if it is there already.
    async Task<Dictionary<string, Media.Image>> ImagesAsync(List<Converted> converted, CancellationToken ct)
    {
        var pictures = converted.SelectMany(c => c.Lead is null ? c.Pictures : c.Pictures.Prepend(c.Lead)).DistinctBy(p => p.Key).ToList();
        var keys = pictures.Select(p => p.Key).ToList();
        var rows = await db.Images.Where(i => keys.Contains(i.Key)).ToDictionaryAsync(i => i.Key, ct);
        foreach (var picture in pictures.Where(p => !rows.ContainsKey(p.Key)))
        {
            db.Images.Add(picture);
            rows[picture.Key] = picture;
        }
        return rows;
    }

    // A category as a department: the one with the same address or name, or a new one.
    Department DepartmentFor(WordPressTerm category, List<Department> departments, WordPressExport export, ImportReport report)
    {
        var slug = SlugOf(category);
        var name = Transliteration.Slugify(category.Name);
        var department = departments.FirstOrDefault(d => d.Slug == slug || Transliteration.Slugify(d.Name) == name);
        if (department is null)
        {
            department = NewDepartment(category, departments);
            department.Description = export.CategoryDescriptions.GetValueOrDefault(category.Slug, "");
            departments.Add(department);
            db.Departments.Add(department);
            report.NewDepartments++;
        }
        return department;
    }

    // A department for a category, or for the name given with --department, after the existing ones.
    static Department NewDepartment(WordPressTerm term, IReadOnlyCollection<Department> existing) => new()
    {
        Name = Clip(term.Name, 200), Slug = SlugOf(term), Position = existing.Count == 0 ? 1 : existing.Max(d => d.Position) + 1,
    };

    // The site's tags by address and by name, for finding a post's tag (or a category taken as a
    // tag) without going through every tag: the existing one, or a new one.
    sealed class TagLookup
    {
        readonly Dictionary<string, Tag> bySlug = new(StringComparer.Ordinal);
        readonly Dictionary<string, Tag> byName = new(StringComparer.OrdinalIgnoreCase);

        public TagLookup(List<Tag> tags)
        {
            foreach (var tag in tags)
            {
                Remember(tag);
            }
        }

        void Remember(Tag tag)
        {
            bySlug.TryAdd(tag.Slug, tag);
            byName.TryAdd(tag.Name, tag);
        }

        public Tag For(WordPressTerm term, VisnykDb db, ImportReport report)
        {
            var slug = SlugOf(term);
            if (bySlug.TryGetValue(slug, out var tag) || byName.TryGetValue(term.Name, out tag))
            {
                return tag;
            }
            tag = new Tag { Name = Clip(term.Name, 100), Slug = slug };
            Remember(tag);
            db.Tags.Add(tag);
            report.NewTags++;
            return tag;
        }
    }

    // A term's address: WordPress's when it is plain Latin, otherwise the name transliterated (as the newsroom makes them).
    static string SlugOf(WordPressTerm term)
    {
        var slug = System.Text.RegularExpressions.Regex.IsMatch(term.Slug, "^[a-z0-9]+(-[a-z0-9]+)*$") ? term.Slug : Transliteration.Slugify(term.Name);
        slug = Clip(slug, 100).TrimEnd('-');
        return slug.Length > 0 ? slug : "term-" + System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(term.Name)))[..8];
    }

    static string Clip(string text, int max) => text.Length > max ? text[..max] : text;

    // /category/{nicename}, /tag/{nicename}, /author/{login} as a request for them is looked up.
    static string ArchiveKey(string kind, string name) => OldAddresses.Key($"/{kind}/{Uri.UnescapeDataString(name)}");
}
