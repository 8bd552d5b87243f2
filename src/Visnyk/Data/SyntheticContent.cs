using Microsoft.EntityFrameworkCore;
using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Data;

// Made-up but plausible news of an oblast administration, in any quantity, for measuring speed
// (`seed --synthetic N`). The seed is fixed and nothing depends on ids already in the database, so
// the same count and clock give the same articles on an empty database and on the demo one.
// The context's change tracker is cleared as it goes: pass a context with nothing pending.
public static class SyntheticContent
{
    const int Seed = 1325;
    const int BatchSize = 500;

    public static async Task<int> AddAsync(VisnykDb db, ImagePipeline pipeline, int count, DateTime utcNow, Action<int>? progress, CancellationToken ct)
    {
        utcNow = DateTime.SpecifyKind(utcNow.Kind == DateTimeKind.Local ? utcNow.ToUniversalTime() : utcNow, DateTimeKind.Utc);
        var departments = await DepartmentsAsync(db, ct);
        var tags = await TagsAsync(db, ct);
        var images = await ImagesAsync(db, pipeline, utcNow, ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var writer = new SyntheticWriter(new Random(Seed), utcNow, count, departments, tags, images);
        // Adding marks every new entity already; scanning for changes on each save would only cost time.
        var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A bulk load alerts nobody (its newest articles are dated today): alerts follow Publishing only.
        try
        {
            var added = 0;
            while (added < count)
            {
                ct.ThrowIfCancellationRequested();
                // Clearing the tracker after each batch keeps memory flat; the shared rows come back as unchanged.
                db.AttachRange(departments);
                db.AttachRange(tags.Values);
                db.AttachRange(images);
                var batch = Math.Min(BatchSize, count - added);
                for (var i = 0; i < batch; i++)
                {
                    db.Articles.Add(writer.Article(added + i));
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                added += batch;
                progress?.Invoke(added);
            }
            // Fresh statistics for the query planner after a bulk load.
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
            return added;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    static async Task<List<Department>> DepartmentsAsync(VisnykDb db, CancellationToken ct)
    {
        var wanted = SyntheticText.Departments.Select(d => new Department
        {
            Name = d.Name,
            Slug = Transliteration.Slugify(d.Name),
            Description = d.Description,
            Address = d.Address,
            Phone = d.Phone,
            Email = d.Email,
        }).ToList();
        var slugs = wanted.Select(d => d.Slug).ToList();
        var existing = await db.Departments.Where(d => slugs.Contains(d.Slug)).ToDictionaryAsync(d => d.Slug, ct);
        var position = await db.Departments.MaxAsync(d => (int?)d.Position, ct) ?? 0;
        var result = new List<Department>();
        foreach (var department in wanted)
        {
            if (existing.TryGetValue(department.Slug, out var found))
            {
                result.Add(found);
                continue;
            }
            department.Position = ++position;
            db.Departments.Add(department);
            result.Add(department);
        }
        return result;
    }

    static async Task<Dictionary<string, Tag>> TagsAsync(VisnykDb db, CancellationToken ct)
    {
        var names = SyntheticText.TagNames();
        var slugs = names.Select(n => Transliteration.Slugify(n)).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, ct);
        var result = new Dictionary<string, Tag>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!existing.TryGetValue(slugs[i], out var tag))
            {
                tag = new Tag { Name = names[i], Slug = slugs[i] };
                db.Tags.Add(tag);
            }
            result[names[i]] = tag;
        }
        return result;
    }

    // One picture per topic plus a general one, reused by every article.
    static async Task<List<Image>> ImagesAsync(VisnykDb db, ImagePipeline pipeline, DateTime utcNow, CancellationToken ct)
    {
        var result = new List<Image>();
        // One at a time: libvips already spreads each picture over the cores, and in parallel the
        // peak memory nearly doubles for no real gain.
        foreach (var (seed, alt) in SyntheticText.Pictures)
        {
            ct.ThrowIfCancellationRequested();
            Image image;
            using (var picture = Placeholder.Create(seed))
            {
                image = pipeline.Save(picture, alt, "Ілюстративне фото", utcNow);
            }
            // Same pixels, same key: an earlier run's row is reused, its files have just been rewritten.
            var found = result.FirstOrDefault(i => i.Key == image.Key)
                ?? await db.Images.FirstOrDefaultAsync(i => i.Key == image.Key, ct);
            if (found is null)
            {
                db.Images.Add(image);
                found = image;
            }
            result.Add(found);
        }
        return result;
    }
}
