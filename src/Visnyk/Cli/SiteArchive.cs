using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore.Metadata;
using Visnyk.Site;

namespace Visnyk.Cli;

// One site's content as `site export` writes it and `site import` reads it, in BackupArchive's
// file (zstd tar, optionally encrypted, a manifest with every entry's size and SHA-256):
//   site/site.json       the site: name, hosts, settings, and counts to check the import against
//   site/TABLE.jsonl     its rows, one JSON object per line, one file per table (Tables, in import order)
//   media/...            the files of its media library's pictures
// A row is written as the model maps it: the entity's columns, no navigations and no SiteId. Its
// ids are the exporting installation's; import keeps each one that is free and maps the rest.
// Accounts are the installation's, not the site's: only their addresses, names, roles and
// departments travel, never a password or a second factor.
public static class SiteArchive
{
    public static class Tables
    {
        public const string Departments = "departments";
        public const string Tags = "tags";
        public const string Images = "images";
        public const string Articles = "articles";
        public const string ArticleDepartments = "article-departments";
        public const string ArticleTags = "article-tags";
        public const string Gallery = "gallery";
        public const string Pinned = "pinned";
        public const string ChangeNotes = "change-notes";
        public const string Revisions = "revisions";
        public const string OldAddresses = "old-addresses";
        public const string WordPressPosts = "wordpress-posts";
        public const string Subscribers = "subscribers";
        public const string Subscriptions = "subscriptions";
        public const string SavedSearches = "saved-searches";
        public const string Mailings = "mailings";
        public const string Audit = "audit";
        public const string Accounts = "accounts";
        public const string ProblemReports = "problem-reports";
        public const string People = "people";
        public const string SignedFiles = "signed-files";
        public const string FileContents = "file-contents";
        public const string DocumentRelations = "document-relations";
        public const string Notices = "notices";

        public static readonly string[] All =
        [
            Departments, Tags, Images, Articles, ArticleDepartments, ArticleTags, Gallery, Pinned, ChangeNotes, Revisions,
            OldAddresses, WordPressPosts, Subscribers, SavedSearches, Subscriptions, Mailings, Audit, Accounts, ProblemReports, People, SignedFiles, FileContents, DocumentRelations, Notices,
        ];
    }

    public static string Entry(string table) => $"site/{table}.jsonl";

    public record HostName(string Host, bool IsPrimary);

    // Counts: rows per table, as exported; import compares what it read.
    public record Header(string Name, List<HostName> Hosts, SiteSettings Settings, Dictionary<string, int> Counts);

    // A row of a join table (article and department, article and tag).
    public record Link(int ArticleId, int OtherId);

    // An account with a role on the site: matched by address on import.
    public record Account(string Id, string Email, string DisplayName, List<string> Roles, List<int> Departments);

    // JSON of the model's columns only: each mapped entity type loses the properties the model does
    // not map to a column of its own (navigations, computed ones such as Article.Path), except its
    // JSON-column owned collections (SiteSettings.SocialLinks).
    public static JsonSerializerOptions Json(IModel model) => new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { info => OnlyColumns(model, info) } },
    };

    static void OnlyColumns(IModel model, JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || model.FindEntityType(info.Type) is not { } entity)
        {
            return;
        }
        var columns = entity.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => p.Name)
            .Concat(entity.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).Select(n => n.Name))
            .ToHashSet();
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if ((info.Properties[i].AttributeProvider as MemberInfo)?.Name is not { } name || !columns.Contains(name))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    // Writes rows as JSON lines; returns how many.
    public static async Task<int> WriteAsync<T>(string path, IAsyncEnumerable<T> rows, JsonSerializerOptions json, CancellationToken ct)
    {
        var count = 0;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await JsonSerializer.SerializeAsync(file, row, json, ct);
            file.WriteByte((byte)'\n');
            count++;
        }
        return count;
    }

    // Reads them back, one row at a time; a line that is not a row of this table stops the import
    // with its table and line number.
    public static IEnumerable<T> Read<T>(string path, JsonSerializerOptions json)
    {
        if (!File.Exists(path))
        {
            yield break;
        }
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            T? row;
            try
            {
                row = JsonSerializer.Deserialize<T>(line, json);
            }
            catch (JsonException e)
            {
                throw new BackupException($"{Path.GetFileName(path)}, рядок {number}: {e.Message}");
            }
            yield return row ?? throw new BackupException($"{Path.GetFileName(path)}, рядок {number}: порожній запис");
        }
    }
}
