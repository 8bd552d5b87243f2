using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Notices;
using Visnyk.People;
using Visnyk.Documents;
using Visnyk.Site;
using static Visnyk.Cli.SiteArchive;

namespace Visnyk.Cli;

// `site export ID FILE [--encrypt]`: one site's content, media and subscribers in one file
// (SiteArchive), to move it to another installation (`site import`) or keep it as that site's own
// backup. Read in the site's scope, so the query filter (and row-level security) give exactly its
// rows; the site may keep serving, but what is saved during the export may or may not be inside.
// Letters still waiting in the queue do not travel: pause the site's mail first.
public static class SiteExport
{
    public static async Task<int> RunAsync(int siteId, string file, bool encrypt, string[] configArgs)
    {
        if (!BackupCipher.TryPassphrase(encrypt, out var passphrase))
        {
            return 2;
        }
        var output = Path.GetFullPath(file);
        if (!BackupArchive.HasFolder(output))
        {
            return 1;
        }
        var builder = Host.CreateApplicationBuilder(configArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
        builder.Services.AddVisnykData(options);
        using var host = builder.Build();
        await host.Services.PrepareDatabaseAsync();
        if (await Commands.SiteScopeAsync(host.Services, siteId) is not { } siteScope)
        {
            return 1;
        }
        await using var scope = siteScope;
        var db = scope.ServiceProvider.GetRequiredService<VisnykDb>();
        var clock = Stopwatch.StartNew();
        var staging = Path.Combine(Path.GetDirectoryName(output)!, $".visnyk-site-{Guid.NewGuid():N}");
        var part = output + ".part";
        Directory.CreateDirectory(Path.Combine(staging, "site"));
        try
        {
            var (header, media) = await WriteRowsAsync(db, siteId, staging, options.MediaDirectory, CancellationToken.None);
            var waiting = await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending);
            var migration = (await db.Database.GetAppliedMigrationsAsync()).Last();

            var files = new List<(string Name, string Path)> { (BackupArchive.SiteEntry, Path.Combine(staging, BackupArchive.SiteEntry)) };
            files.AddRange(Tables.All.Select(t => (Entry(t), Path.Combine(staging, Entry(t)))));
            files.AddRange(media.Select(m => ("media/" + Path.GetFileName(m), m)));
            var total = files.Sum(f => new FileInfo(f.Path).Length);
            var done = 0L;
            var show = BackupArchive.Progress();
            var entries = await BackupArchive.CreateAsync(part, passphrase, files, bytes => show(done += bytes, total),
                written => new BackupArchive.Manifest(BackupArchive.Format, host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                    BackupArchive.Site, migration, written));
            File.Move(part, output, overwrite: true);
            Console.Error.WriteLine();
            Console.WriteLine($"Сайт {siteId} «{header.Name}» збережено: {output}, {BackupArchive.Size(new FileInfo(output).Length)}" +
                $"{(passphrase is null ? "" : ", зашифровано")} (новин {header.Counts[Tables.Articles]}, підписників {header.Counts[Tables.Subscribers]}, " +
                $"медіафайлів {entries.Count(e => e.Name.StartsWith("media/"))}) за {clock.Elapsed.TotalSeconds:F1} с");
            if (passphrase is null && header.Counts[Tables.Subscribers] + header.Counts[Tables.Accounts] + header.Counts[Tables.ProblemReports] > 0)
            {
                Console.WriteLine("У файлі адреси підписників, редакції й авторів повідомлень про проблеми: зберігайте й передавайте його як персональні дані (або з --encrypt).");
            }
            if (waiting > 0)
            {
                Console.WriteLine($"Увага: {waiting} листів сайту ще чекають відправлення; вони не переносяться (призупиніть розсилку в налаштуваннях сайту перед перенесенням).");
            }
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"Сайт не збережено: {e.Message}");
            return 1;
        }
        finally
        {
            File.Delete(part);
            Directory.Delete(staging, recursive: true);
        }
    }

    // The site's rows into staging/site/*.jsonl; returns the header (written too) and the media files to take.
    static async Task<(Header Header, List<string> Media)> WriteRowsAsync(VisnykDb db, int siteId, string staging, string mediaDirectory, CancellationToken ct)
    {
        var json = Json(db.Model);
        var counts = new Dictionary<string, int>();
        async Task Table<T>(string table, IQueryable<T> rows) =>
            counts[table] = await WriteAsync(Path.Combine(staging, Entry(table)), rows.AsAsyncEnumerable(), json, ct);

        await Table(Tables.Departments, db.Departments.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Tags, db.Tags.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Images, db.Images.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Articles, db.Publications.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.ArticleDepartments, Links(db, VisnykDb.ArticleDepartments, "DepartmentsId"));
        await Table(Tables.ArticleTags, Links(db, VisnykDb.ArticleTags, "TagsId"));
        await Table(Tables.Gallery, db.Set<GalleryImage>().AsNoTracking().OrderBy(x => x.ArticleId).ThenBy(x => x.Position));
        await Table(Tables.Pinned, db.Set<PinnedRelation>().AsNoTracking().OrderBy(x => x.ArticleId).ThenBy(x => x.Position));
        await Table(Tables.ChangeNotes, db.ChangeNotes.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Revisions, db.Revisions.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.OldAddresses, db.OldAddresses.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.WordPressPosts, db.WordPressPosts.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Subscribers, db.Subscribers.AsNoTracking().OrderBy(x => x.Id));
        // Saved searches without their stems: import files them again, as its own dictionary does.
        await Table(Tables.SavedSearches, db.SavedSearches.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Subscriptions, db.Subscriptions.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Mailings, db.Mailings.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.Audit, db.AuditEntries.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.ProblemReports, db.ProblemReports.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.People, db.People.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.SignedFiles, db.SignedFiles.AsNoTracking().OrderBy(x => x.Id));
        await Table(Tables.FileContents, db.FileContents.AsNoTracking().OrderBy(x => x.Key));
        await Table(Tables.DocumentRelations, db.DocumentRelations.AsNoTracking().OrderBy(x => x.FromId).ThenBy(x => x.ToId));
        await Table(Tables.Notices, db.Notices.AsNoTracking().OrderBy(x => x.Id));
        var accounts = await AccountsAsync(db, ct);
        counts[Tables.Accounts] = await WriteAsync(Path.Combine(staging, Entry(Tables.Accounts)), accounts.ToAsyncEnumerable(), json, ct);

        var site = await db.Sites.Include(s => s.Hosts).AsNoTracking().SingleAsync(s => s.Id == siteId, ct);
        var settings = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new SiteSettings { BodyName = site.Name };
        var header = new Header(site.Name, site.Hosts.OrderByDescending(h => h.IsPrimary).ThenBy(h => h.Host).Select(h => new HostName(h.Host, h.IsPrimary)).ToList(), settings, counts);
        await File.WriteAllBytesAsync(Path.Combine(staging, BackupArchive.SiteEntry), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(header, json), ct);

        // The files of each picture: its variants as the pipeline names them; one missing is reported, not fatal.
        var media = new List<string>();
        await foreach (var image in db.Images.AsNoTracking().OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var width in image.VariantWidths)
            {
                foreach (var format in image.HasAvif ? new[] { "jpg", "webp", "avif" } : ["jpg", "webp"])
                {
                    var path = Path.Combine(mediaDirectory, Path.GetFileName(image.Url(width, format)));
                    if (File.Exists(path))
                    {
                        media.Add(path);
                    }
                    else
                    {
                        Console.Error.WriteLine($"Немає файлу {path} (зображення {image.Id}): його не збережено.");
                    }
                }
            }
        }
        return (header, media);
    }

    static IQueryable<Link> Links(VisnykDb db, string joinTable, string column) =>
        db.Set<Dictionary<string, object>>(joinTable)
            .OrderBy(x => EF.Property<int>(x, "ArticleId")).ThenBy(x => EF.Property<int>(x, column))
            .Select(x => new Link(EF.Property<int>(x, "ArticleId"), EF.Property<int>(x, column)));

    // The accounts with a role on this site: address, name, roles and departments here.
    static async Task<List<Account>> AccountsAsync(VisnykDb db, CancellationToken ct)
    {
        var roles = await db.Set<IdentityUserRole<string>>().AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var ids = roles.Select(r => r.UserId).Distinct().ToList();
        var departments = (await db.Set<Dictionary<string, object>>("UserDepartments")
            .Select(x => new { UserId = EF.Property<string>(x, "UserId"), DepartmentId = EF.Property<int>(x, "DepartmentsId") })
            .ToListAsync(ct)).ToLookup(x => x.UserId, x => x.DepartmentId);
        return (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(ct))
            .Select(u => new Account(u.Id, u.Email!, u.DisplayName, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(), departments[u.Id].Order().ToList()))
            .ToList();
    }
}
