using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Import;
using Visnyk.Media;
using Visnyk.Newsletter;
using Visnyk.Newsroom;
using Visnyk.Notices;
using Visnyk.People;
using Visnyk.Documents;
using Visnyk.Site;
using Visnyk.Tags;
using static Visnyk.Cli.SiteArchive;

namespace Visnyk.Cli;

// Writes a staged site archive's rows into the site of `services`' scope, in one transaction: each
// table in turn, its ids kept where free (IdSpace) and its references mapped; the media files go
// into place before the commit (a file without its row is what MediaCollector clears). Accounts
// are found by address or created without a password; new ones get set-up links after the commit.
// Restoring a site in place (`replace`), its own rows are removed first in the same transaction,
// except its audit log: who changed what survives a restore (the archive's entries it already
// holds are not added twice). Its subscribers are theirs, not the site's content: they stay as
// they are now (no one who left is subscribed again, no one who came is dropped), and only with
// `withSubscribers` are they, their letters and the mail history taken from the archive too. After
// a restore every session on the site ends, and an account that lost a role signs in again
// everywhere. Either way the search index and every instance's caches learn of the site through
// one WholeSite change, rather than one per article.
sealed class SiteRows(IServiceProvider services, string staging, JsonSerializerOptions json, Header header, string origin, bool replace, bool withSubscribers = true)
{
    // Dropped: the site's letters that were waiting to be sent (restored in place with its subscribers).
    public record Result(int Articles, int Subscribers, int MediaFiles, int Renumbered, List<(string Email, string? Link, string Roles)> Accounts, int Dropped);

    readonly VisnykDb db = services.GetRequiredService<VisnykDb>();
    const int Batch = 1000;

    public async Task<Result> WriteAsync(CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var all = services.GetRequiredService<AllSites>().Open();
        var space = new IdSpace(all, replace ? db.SiteId : null);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.LoadsWholeSite = true;
        if (replace && db.Database.IsNpgsql())
        {
            // Every row added to the site checks its foreign key to this row (FOR KEY SHARE), which
            // waits for this lock: a change that got past the newsroom's pause (WritesPause) waits
            // and lands after the restore, on the restored content, not in the middle of it.
            // (SQLite has one writer at a time anyway.)
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Sites\" WHERE \"Id\" = {db.SiteId} FOR UPDATE", ct);
        }
        var rolesBefore = replace ? await RolesAsync(ct) : [];
        var dropped = replace ? await ClearAsync(ct) : 0;

        await SettingsAsync(ct);
        var departments = await CopyAsync<Department>(Tables.Departments, space, x => x.Id, (x, id) => x.Id = (int)id, null, ct);
        var tags = await CopyAsync<Tag>(Tables.Tags, space, x => x.Id, (x, id) => x.Id = (int)id, null, ct);
        var keys = new HashSet<string>();
        var images = await CopyAsync<Image>(Tables.Images, space, x => x.Id, (x, id) => x.Id = (int)id, x => keys.Add(x.Key), ct);
        // A file from elsewhere is input like any other: each body passes the newsroom's sanitiser.
        var slugs = new Dictionary<int, string>();
        // A page may sit under one with a higher id: the tree is joined once every page is in.
        var parents = new Dictionary<int, int>();
        var originals = new Dictionary<int, int>();
        var articles = await CopyAsync<Article>(Tables.Articles, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
        {
            x.LeadImageId = images.Maybe(x.LeadImageId);
            x.Body = BodySanitizer.Clean(x.Body);
            // A language this installation does not have reads as its default; a translation's original is linked once every article is in.
            x.Language = SiteLanguage.Of(x.Language).Code;
            if (x.OriginalId is { } original)
            {
                originals[x.Id] = original;
                x.OriginalId = null;
            }
            if (x.Kind == ArticleKind.Page)
            {
                if (x.ParentId is { } parent)
                {
                    parents[x.Id] = parent;
                }
                (x.ParentId, x.PagePath) = (null, null); // placed once every page is in (PagePlace)
            }
            else
            {
                slugs[x.Id] = x.Slug;
                // News or a document of the register; only pages stand in the tree.
                x.Kind = x.Kind == ArticleKind.Document ? ArticleKind.Document : ArticleKind.News;
                (x.ParentId, x.PagePath, x.Position, x.InMenu, x.InFooter) = (null, null, 0, false, false);
                x.NumberKey = x.DocNumber is { } number ? DocumentNumbers.Key(number) : null;
            }
        }, ct);
        await SitePages.PagePlace.PlaceAllAsync(db, parents.ToDictionary(p => p.Key, p => articles.Maybe(p.Value)), ct);
        await LinkTranslationsAsync(db, originals.ToDictionary(o => o.Key, o => articles.Maybe(o.Value)), ct);
        db.ChangeTracker.Clear();
        // The register's files: their bytes are checked again as an upload's are (an archive is input like any other).
        // What a file is and how it is served come from its bytes, not from the archive's word.
        var contents = new Dictionary<string, DocumentFile>();
        await AddAsync<FileContent>(Tables.FileContents, x =>
        {
            if (DocumentFile.Inspect(x.Data).File is { } checkedFile && x.Key == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(x.Data)) && contents.TryAdd(x.Key, checkedFile))
            {
                db.Add(x);
            }
        }, ct);
        await CopyAsync<SignedFile>(Tables.SignedFiles, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
        {
            var found = contents[x.Key];
            (x.ArticleId, x.Kind, x.Inline, x.Pages, x.FileName) = (articles[x.ArticleId], found.Kind, found.Inline, found.PageCount, SignedFile.CleanName(x.FileName));
            x.Metadata = x.Metadata.Length > SignedFile.MaxMetadata ? x.Metadata[..SignedFile.MaxMetadata] : x.Metadata;
        }, ct, keep: x => contents.ContainsKey(x.Key));
        await AddAsync<DocumentRelation>(Tables.DocumentRelations, x =>
        {
            (x.FromId, x.ToId) = (articles[x.FromId], articles[x.ToId]);
            db.Add(x);
        }, ct);
        await CopyAsync<Person>(Tables.People, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
        {
            (x.PhotoId, x.DepartmentId, x.PageId) = (images.Maybe(x.PhotoId), departments.Maybe(x.DepartmentId), articles.Maybe(x.PageId));
            x.Slug = SitePages.PagePlace.IsSlug(x.Slug) ? x.Slug : $"person-{x.Id}";
        }, ct);
        // A notice's text and link as the newsroom would take them (a link not safe is dropped).
        await CopyAsync<Notice>(Tables.Notices, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
        {
            x.Text = NoticeText.Clean(x.Text) is var text && text.Length > Notice.MaxText ? text[..Notice.MaxText] : text;
            x.Level = Enum.IsDefined(x.Level) ? x.Level : NoticeLevel.Information;
            x.Link = NoticeLinks.IsSafe(x.Link) ? x.Link : null;
            x.Translations = [.. (x.Translations ?? []).Select(t => new NoticeText { Language = t.Language ?? "", Text = NoticeText.Clean(t.Text) })
                .Where(t => t.Text.Length is > 0 and <= Notice.MaxText && SiteLanguage.Find(t.Language) is { IsDefault: false })];
        }, ct);
        await AddAsync<Link>(Tables.ArticleDepartments, x => Join(VisnykDb.ArticleDepartments, ("ArticleId", articles[x.ArticleId]), ("DepartmentsId", departments[x.OtherId])), ct);
        await AddAsync<Link>(Tables.ArticleTags, x => Join(VisnykDb.ArticleTags, ("ArticleId", articles[x.ArticleId]), ("TagsId", tags[x.OtherId])), ct);
        await AddAsync<GalleryImage>(Tables.Gallery, x =>
        {
            (x.ArticleId, x.ImageId) = (articles[x.ArticleId], images[x.ImageId]);
            db.Add(x);
        }, ct);
        await AddAsync<PinnedRelation>(Tables.Pinned, x =>
        {
            (x.ArticleId, x.RelatedId) = (articles[x.ArticleId], articles[x.RelatedId]);
            db.Add(x);
        }, ct);
        var notes = await CopyAsync<ChangeNote>(Tables.ChangeNotes, space, x => x.Id, (x, id) => x.Id = (int)id, x => x.ArticleId = articles[x.ArticleId], ct);
        var accounts = await AccountsAsync(departments, now, ct);
        await CopyAsync<ArticleRevision>(Tables.Revisions, space, x => x.Id, (x, id) => x.Id = id, x =>
        {
            x.ArticleId = articles[x.ArticleId];
            x.UserId = x.UserId is null ? null : accounts.Ids.GetValueOrDefault(x.UserId);
        }, ct);
        var oldAddresses = new HashSet<string>();
        await CopyAsync<OldAddress>(Tables.OldAddresses, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
        {
            x.ArticleId = articles.Maybe(x.ArticleId);
            oldAddresses.Add(x.Path);
        }, ct);
        await CopyAsync<WordPressPost>(Tables.WordPressPosts, space, x => x.Id, (x, id) => x.Id = (int)id, x => x.ArticleId = articles[x.ArticleId], ct);
        var mail = !replace || withSubscribers;
        var subscribers = !mail ? null : await CopyAsync<Subscriber>(Tables.Subscribers, space, x => x.Id, (x, id) => x.Id = (int)id, null, ct);
        if (mail)
        {
            var searches = await SavedSearchesAsync(departments, tags, ct);
            // A choice of a saved search that can no longer match (its end passed since) goes with it.
            await CopyAsync<Subscription>(Tables.Subscriptions, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
            {
                x.SubscriberId = subscribers![x.SubscriberId];
                x.TopicId = x.Kind switch
                {
                    TopicKind.Department => departments[x.TopicId],
                    TopicKind.Tag => tags[x.TopicId],
                    TopicKind.Search => searches[x.TopicId],
                    _ => x.TopicId,
                };
            }, ct, keep: x => x.Kind != TopicKind.Search || searches.ContainsKey(x.TopicId));
            await CopyAsync<Mailing>(Tables.Mailings, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
            {
                if (x.ArticleId is { } article && x.Key == Mailing.AlertKey(article))
                {
                    x.Key = Mailing.AlertKey(articles[article]);
                }
                x.ArticleId = articles.Maybe(x.ArticleId);
                x.ChangeNoteId = notes.Maybe(x.ChangeNoteId);
            }, ct);
        }
        else
        {
            // Kept subscribers' choices of a department or tag the archive does not have go.
            await db.Subscriptions.Where(x => x.Kind == TopicKind.Department && !db.Departments.Any(d => d.Id == x.TopicId)).ExecuteDeleteAsync(ct);
            await db.Subscriptions.Where(x => x.Kind == TopicKind.Tag && !db.Tags.Any(t => t.Id == x.TopicId)).ExecuteDeleteAsync(ct);
        }
        // Residents' problem reports move with the site; a restore in place keeps the site's own as
        // they are (a record, like the audit log: a report handled or deleted since stays so).
        if (!replace)
        {
            // Input like any other: a page of this site or none, an address as the form takes it.
            await CopyAsync<Feedback.ProblemReport>(Tables.ProblemReports, space, x => x.Id, (x, id) => x.Id = (int)id, x =>
            {
                x.Page = Feedback.ProblemReport.PageOf(x.Page);
                x.Email = x.Email.Length > 0 && EmailAddress.Check(x.Email) is ({ } email, null) ? email : "";
                x.Text = x.Text.Length > Feedback.ProblemReport.MaxText ? x.Text[..Feedback.ProblemReport.MaxText] : x.Text;
                x.HandledBy = x.HandledBy.Length > 200 ? x.HandledBy[..200] : x.HandledBy;
            }, ct);
        }
        var logged = replace ? (await db.AuditEntries.Select(e => new { e.Id, e.At }).ToListAsync(ct)).Select(e => (e.Id, e.At)).ToHashSet() : [];
        await CopyAsync<AuditEntry>(Tables.Audit, space, x => x.Id, (x, id) => x.Id = id,
            x => x.UserId = x.UserId is null ? null : accounts.Ids.GetValueOrDefault(x.UserId), ct,
            keep: x => !logged.Contains((x.Id, x.At)), own: false);

        // An article that had to take a new id keeps its old address, as a permanent redirect.
        var renumbered = articles.Changed();
        foreach (var chunk in renumbered.Chunk(Batch))
        {
            foreach (var (old, id) in chunk.Where(c => slugs.ContainsKey(c.Item2)))
            {
                if (OldAddresses.Key($"/news/{old}-{slugs[id]}") is var path && oldAddresses.Add(path))
                {
                    db.OldAddresses.Add(new OldAddress { Path = path, ArticleId = id });
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        var subscriberCount = subscribers?.Count ?? await db.Subscribers.CountAsync(ct);
        await services.GetRequiredService<AuditLog>().WriteAsync(replace ? AuditActions.SiteRestored : AuditActions.SiteImported, $"site:{db.SiteId}",
            string.Format(replace ? AdminText.AuditSiteRestored : AdminText.AuditSiteImported, header.Name, articles.Count, subscriberCount), ct: ct);
        // One change for the whole site (the index puts it again in one pass), recorded and woken as any.
        db.LoadsWholeSite = false;
        db.ArticleChanges.Add(new ArticleChange { ArticleId = ArticleChange.WholeSite, At = now });
        await db.SaveChangesAsync(ct);

        var media = PlaceMedia(keys);
        await transaction.CommitAsync(ct);
        if (replace)
        {
            await EndSessionsAsync(rolesBefore, ct);
        }

        // Set-up links only now: a link made inside a transaction that then failed would point at nothing.
        var users = services.GetRequiredService<UserManager<User>>();
        var links = new List<(string, string?, string)>();
        foreach (var (email, id, isNew, roles) in accounts.List)
        {
            links.Add((email, isNew && await users.FindByIdAsync(id) is { } user ? await Invitations.LinkAsync(users, user, origin) : null, roles));
        }
        return new Result(articles.Count, subscriberCount, media, renumbered.Count, links, dropped);
    }

    // Each translation joined to its original once both are in (one the archive lacks stays unlinked).
    static async Task LinkTranslationsAsync(VisnykDb db, Dictionary<int, int?> originals, CancellationToken ct)
    {
        foreach (var (id, original) in originals)
        {
            if (original is { } to)
            {
                await db.Publications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.OriginalId, to), ct);
            }
        }
    }

    async Task SettingsAsync(CancellationToken ct)
    {
        var settings = await db.SiteSettings.SingleAsync(ct);
        var forwarding = settings.ReportsTo;
        header.Settings.Id = settings.Id;
        db.Entry(settings).CurrentValues.SetValues(header.Settings);
        // Links as the settings page accepts them (http and https only).
        settings.LicenceUrl = WebAddressAttribute.IsSafe(settings.LicenceUrl) ? settings.LicenceUrl : "";
        settings.SocialLinks = header.Settings.SocialLinks.Where(l => WebAddressAttribute.IsSafe(l.Url)).ToList();
        // Where residents' reports go is this installation's record: a restore in place keeps it
        // (an archive from before reports would silently stop their mail); a site moved here takes
        // the archive's only as the reports page would take an address.
        settings.ReportsTo = replace ? forwarding : EmailAddress.Check(settings.ReportsTo) is ({ } address, null) ? address : "";
        await db.SaveChangesAsync(ct);
    }

    // The site's rows, removed to be replaced by the archive's: what refers to others first. Its
    // settings row stays (SettingsAsync overwrites it), and so do its audit log and its article
    // changes. Returns how many letters were waiting (they go with their subscribers).
    async Task<int> ClearAsync(CancellationToken ct)
    {
        var waiting = 0;
        if (withSubscribers)
        {
            // Letters to subscribers; residents' problem reports stay, and so does their forwarding.
            waiting = await db.Deliveries.CountAsync(d => d.ProblemReportId == null && (d.Status == DeliveryStatus.Waiting || d.Status == DeliveryStatus.Sending), ct);
            await db.Deliveries.Where(d => d.ProblemReportId == null).ExecuteDeleteAsync(ct);
            await db.Mailings.ExecuteDeleteAsync(ct);
            await db.Subscriptions.ExecuteDeleteAsync(ct);
            await db.SavedSearches.ExecuteDeleteAsync(ct);
            await db.Subscribers.ExecuteDeleteAsync(ct);
        }
        await db.WordPressPosts.ExecuteDeleteAsync(ct);
        await db.OldAddresses.ExecuteDeleteAsync(ct);
        await db.Revisions.ExecuteDeleteAsync(ct);
        // Mailings kept (the subscribers stay) no longer name the notes that go.
        await db.Mailings.Where(m => m.ChangeNoteId != null).ExecuteUpdateAsync(s => s.SetProperty(m => m.ChangeNoteId, (int?)null), ct);
        await db.ChangeNotes.ExecuteDeleteAsync(ct);
        await db.Set<GalleryImage>().ExecuteDeleteAsync(ct);
        await db.Set<PinnedRelation>().ExecuteDeleteAsync(ct);
        foreach (var join in new[] { VisnykDb.ArticleDepartments, VisnykDb.ArticleTags, "UserDepartments" })
        {
            await db.Set<Dictionary<string, object>>(join).ExecuteDeleteAsync(ct);
        }
        await db.People.ExecuteDeleteAsync(ct);
        await db.Notices.ExecuteDeleteAsync(ct);
        await db.DocumentRelations.ExecuteDeleteAsync(ct);
        await db.SignedFiles.ExecuteDeleteAsync(ct);
        await db.FileContents.ExecuteDeleteAsync(ct);
        await db.Publications.ExecuteDeleteAsync(ct);
        await db.Images.ExecuteDeleteAsync(ct);
        await db.Departments.ExecuteDeleteAsync(ct);
        await db.Tags.ExecuteDeleteAsync(ct);
        await db.UserRoles.ExecuteDeleteAsync(ct);
        return waiting;
    }

    // Who holds which role on the site.
    async Task<HashSet<(string User, string Role)>> RolesAsync(CancellationToken ct) =>
        (await db.UserRoles.Select(r => new { r.UserId, r.RoleId }).ToListAsync(ct)).Select(r => (r.UserId, r.RoleId)).ToHashSet();

    // After a restore: every session on the site ends (their cookies hold roles the archive may not
    // give), and an account that lost a role here signs in again everywhere (a sites administrator
    // of this site works on the sites below it with sessions of theirs).
    async Task EndSessionsAsync(HashSet<(string User, string Role)> before, CancellationToken ct)
    {
        await db.Sessions.Where(s => s.SiteId == db.SiteId).ExecuteDeleteAsync(ct);
        before.ExceptWith(await RolesAsync(ct));
        var users = services.GetRequiredService<UserManager<User>>();
        foreach (var id in before.Select(r => r.User).Distinct())
        {
            if (await users.FindByIdAsync(id) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }
        }
    }

    // A table with ids of its own: read twice, once for the ids (to map them), once to write.
    // `keep`: false for a row not to write (still counted); `own`: whether ClearAsync removed the site's rows of it.
    // The archive's saved searches, made again here as a confirmation makes them (SavedSearches):
    // their departments and tags renumbered, their stems filed by this installation's dictionary.
    // Returns the new id of each archived one that can still match.
    async Task<Dictionary<int, int>> SavedSearchesAsync(IdMap departments, IdMap tags, CancellationToken ct)
    {
        var ids = new Dictionary<int, int>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var saved in Read<SavedSearch>(Path.Combine(staging, Entry(Tables.SavedSearches)), json))
        {
            count++;
            // A language this installation does not have: its words would be read as another's.
            if (Site.SiteLanguage.Find(saved.Language) is not { } language)
            {
                continue;
            }
            var spec = saved.AsSpec() with
            {
                Language = language.Code,
                Departments = [.. (saved.Departments ?? []).Where(departments.Has).Select(d => departments[d])],
                Tags = [.. (saved.Tags ?? []).Where(tags.Has).Select(t => tags[t])],
            };
            if (await SavedSearches.FollowAsync(db, spec, now, ct) is { Id: { } id })
            {
                ids[saved.Id] = id;
            }
            db.ChangeTracker.Clear();
        }
        if (header.Counts.TryGetValue(Tables.SavedSearches, out var expected) && expected != count)
        {
            throw new BackupException($"{Entry(Tables.SavedSearches)}: {count} записів замість {expected}");
        }
        return ids;
    }

    async Task<IdMap> CopyAsync<T>(string table, IdSpace space, Func<T, long> id, Action<T, long> setId, Action<T>? fix, CancellationToken ct,
        Func<T, bool>? keep = null, bool own = true) where T : class
    {
        var map = await space.MapAsync(table, db.Model.FindEntityType(typeof(T))!.GetTableName()!, Read<T>(Path.Combine(staging, Entry(table)), json).Select(id), own, ct);
        await AddAsync<T>(table, row =>
        {
            if (keep?.Invoke(row) == false)
            {
                return;
            }
            setId(row, map.Long(id(row)));
            fix?.Invoke(row);
            db.Add(row);
        }, ct);
        return map;
    }

    async Task<int> AddAsync<T>(string table, Action<T> add, CancellationToken ct)
    {
        var count = 0;
        foreach (var chunk in Read<T>(Path.Combine(staging, Entry(table)), json).Chunk(Batch))
        {
            foreach (var row in chunk)
            {
                add(row);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            count += chunk.Length;
        }
        if (header.Counts.TryGetValue(table, out var expected) && expected != count)
        {
            throw new BackupException($"{Entry(table)}: {count} записів замість {expected}");
        }
        return count;
    }

    void Join(string table, params (string Column, object Value)[] ends)
    {
        var row = new Dictionary<string, object> { [VisnykDb.SiteColumn] = db.SiteId };
        foreach (var (column, value) in ends)
        {
            row[column] = value;
        }
        db.Set<Dictionary<string, object>>(table).Add(row);
    }

    sealed record Accounts(Dictionary<string, string> Ids, List<(string Email, string Id, bool IsNew, string Roles)> List);

    // Each account by its address: found, or created without a password (a set-up link follows);
    // its roles and departments on this site as they were. Its old id maps to its id here.
    async Task<Accounts> AccountsAsync(IdMap departments, DateTime now, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        var result = new Accounts([], []);
        foreach (var account in Read<Account>(Path.Combine(staging, Entry(Tables.Accounts)), json).ToList())
        {
            var user = await users.FindByEmailAsync(account.Email);
            var isNew = user is null;
            if (user is null)
            {
                user = SiteCreation.NewUser(account.Email, now);
                user.DisplayName = string.IsNullOrWhiteSpace(account.DisplayName) ? account.Email : account.DisplayName;
                if (await users.CreateAsync(user) is { Succeeded: false } refused)
                {
                    throw new BackupException($"обліковий запис {account.Email}: {string.Join(" ", refused.Errors.Select(e => e.Description))}");
                }
            }
            foreach (var role in account.Roles.Where(r => Roles.All.Contains(r)))
            {
                if (!await users.IsInRoleAsync(user, role))
                {
                    await users.AddToRoleAsync(user, role);
                }
            }
            foreach (var department in account.Departments)
            {
                Join("UserDepartments", ("UserId", user.Id), ("DepartmentsId", departments[department]));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            result.Ids[account.Id] = user.Id;
            result.List.Add((account.Email, user.Id, isNew, string.Join(", ", account.Roles.Where(r => Roles.All.Contains(r)))));
        }
        return result;
    }

    // The archive's media files into the media folder, only the image pipeline's variants of the
    // imported pictures (/media/ is served to everyone: nothing else may arrive there); one already
    // there (the same name is the same picture) stays as it is. Returns how many were the site's.
    int PlaceMedia(HashSet<string> keys)
    {
        var from = Path.Combine(staging, "media");
        if (!Directory.Exists(from))
        {
            return 0;
        }
        var to = services.GetRequiredService<ImagePipeline>().MediaDirectory;
        Directory.CreateDirectory(to);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (MediaCollector.KeyOf(Path.GetFileName(file)) is not { } key || !keys.Contains(key))
            {
                Console.Error.WriteLine($"Пропущено media/{Path.GetFileName(file)}: це не файл зображення цього сайту.");
                continue;
            }
            var target = Path.Combine(to, Path.GetFileName(file));
            if (!File.Exists(target))
            {
                File.Move(file, target);
            }
            count++;
        }
        return count;
    }
}
