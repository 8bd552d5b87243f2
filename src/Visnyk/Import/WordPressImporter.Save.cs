using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Audit;
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

    async Task SaveAsync(WordPressExport export, List<Converted> converted, List<WordPressPost> trashed, Dictionary<long, WordPressPost> known,
        Department? fallback, ImportOptions options, ImportReport report, DateTime now, CancellationToken ct)
    {
        if (converted.Count == 0 && trashed.Count == 0)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var images = await ImagesAsync(converted, ct);
        var departments = await db.Departments.ToListAsync(ct);
        // A new department named with --department: written with the first post that goes to it
        // (a category of the same name goes to it too).
        var newFallback = fallback is { Id: 0 };
        if (newFallback)
        {
            departments.Add(fallback!);
        }
        var tags = await db.Tags.ToListAsync(ct);
        var emails = converted.Select(c => c.AuthorEmail.ToUpperInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var users = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, ct);
        var paths = converted.SelectMany(c => c.OldPaths).Distinct().ToList();
        var addresses = await db.OldAddresses.Where(o => paths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, ct);
        var archivePaths = converted.SelectMany(c => c.Categories.Select(t => ArchiveKey("category", t.Slug)).Concat(c.Tags.Select(t => ArchiveKey("tag", t.Slug)))
            .Append(ArchiveKey("author", c.Post.Creator))).Where(k => k.Length <= OldAddress.MaxPath).Distinct().ToList();
        var archives = await db.OldAddresses.Where(o => archivePaths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, ct);
        // A category's, tag's or author's archive on the old site answers with the list here that took
        // its place (a post's own address, should one be the same, keeps it).
        void Archive(string key, string list)
        {
            if (key.Length > OldAddress.MaxPath || addresses.ContainsKey(key))
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

        foreach (var item in converted)
        {
            var mapping = known.GetValueOrDefault(item.Post.PostId);
            var article = mapping is null ? null
                : await db.Articles.Include(a => a.Departments).Include(a => a.Tags).FirstOrDefaultAsync(a => a.Id == mapping.ArticleId, ct);
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
            var categories = item.Categories.Select(c => options.Categories == CategoriesAs.Departments ? (object)DepartmentFor(c, departments, export, report) : TagFor(c, tags, report)).ToList();
            article.Departments = categories.OfType<Department>().Distinct().ToList();
            if (article.Departments.Count == 0 && fallback is not null)
            {
                article.Departments = [fallback];
            }
            var tagged = item.Tags.Select(t => (Term: t, Tag: TagFor(t, tags, report))).ToList();
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
                await db.SaveChangesAsync(ct);
            }

            // The model has no author field: who wrote the post is recorded the way the newsroom
            // records who wrote a version, in the revision (and linked to their account when the
            // newsroom has one with the same e-mail address).
            var user = users.GetValueOrDefault(item.AuthorEmail.ToUpperInvariant());
            db.Revisions.Add(Revisions.Of(article, user?.Id, item.Author, AuditActions.ArticleImported, now));
            Audit(article.Id, $"{export.SiteUrl}, запис {item.Post.PostId} ({item.Author}): {(isNew ? "перенесено" : "оновлено")}", now);
            if (mapping is null)
            {
                mapping = new WordPressPost { Site = export.SiteUrl, PostId = item.Post.PostId, ArticleId = article.Id };
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
            await db.SaveChangesAsync(ct);
        }

        foreach (var mapping in trashed)
        {
            var article = await db.Articles.Include(a => a.Departments).Include(a => a.Tags).FirstOrDefaultAsync(a => a.Id == mapping.ArticleId, ct);
            // The same rule as the newsroom's: only a live article is withdrawn.
            if (article is not null && article.Apply(ArticleAction.Withdraw, now))
            {
                db.Revisions.Add(Revisions.Of(article, null, ImportedBy, AuditActions.ArticleWithdrawn, now));
                Audit(article.Id, $"{export.SiteUrl}, запис {mapping.PostId}: у кошику WordPress, знято з публікації", now);
                report.Withdrawn++;
                report.Changes.Add($"«{article.Title}» (запис {mapping.PostId}): знято з публікації (у кошику WordPress)");
            }
            mapping.Fingerprint = Trashed;
            await db.SaveChangesAsync(ct);
        }
        if (newFallback && fallback!.Id != 0)
        {
            report.NewDepartments++;
        }
        if (options.DryRun)
        {
            await transaction.RollbackAsync(ct);
            return;
        }
        await transaction.CommitAsync(ct);
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

    // A tag (or a category taken as a tag): the existing one with the same address or name, or a new one.
    Tag TagFor(WordPressTerm term, List<Tag> tags, ImportReport report)
    {
        var slug = SlugOf(term);
        var tag = tags.FirstOrDefault(t => t.Slug == slug || string.Equals(t.Name, term.Name, StringComparison.OrdinalIgnoreCase));
        if (tag is null)
        {
            tag = new Tag { Name = Clip(term.Name, 100), Slug = slug };
            tags.Add(tag);
            db.Tags.Add(tag);
            report.NewTags++;
        }
        return tag;
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
