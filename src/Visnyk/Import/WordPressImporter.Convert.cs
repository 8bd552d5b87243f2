using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Visnyk.Articles;
using Visnyk.Newsroom;
using Visnyk.Site;

namespace Visnyk.Import;

public partial class WordPressImporter
{
    // A post made ready to save: everything but the database rows.
    record Converted(
        WordPressItem Post, string Fingerprint, string Title, string Slug, string Summary, string Body,
        ArticleStatus Status, DateTime PublishedAt, DateTime UpdatedAt, Media.Image? Lead, List<Media.Image> Pictures, List<(Media.Image Image, Media.PhotoText Text)> Gallery,
        List<WordPressTerm> Categories, List<WordPressTerm> Tags, string Author, string AuthorEmail, List<string> OldPaths, bool Partial);

    Converted Convert(WordPressItem post, WordPressExport export, WordPressUploads uploads, string fingerprint, List<string> allWarnings)
    {
        var attachments = export.Attachments;
        var warnings = new List<string>();
        var partial = false;
        var title = Title(post);

        Media.Image? lead = null;
        if (post.MetaValue("_thumbnail_id") is { Length: > 0 } thumbnail)
        {
            if (long.TryParse(thumbnail, out var id) && attachments.TryGetValue(id, out var attachment) && FileOf(attachment, uploads) is { } path)
            {
                lead = uploads.Picture(path, Alt(attachment), Caption(attachment), warnings);
            }
            else
            {
                warnings.Add($"головного фото (вкладення {thumbnail}) немає в експорті");
            }
            partial |= lead is null;
        }

        var pictures = new List<Media.Image>();
        var gallery = new List<(Media.Image Image, Media.PhotoText Text)>();
        var html = WordPressBody.Html(post.Content, warnings, () => attachments.Values.Where(a => a.ParentId == post.PostId)
            .OrderBy(a => a.MenuOrder).ThenBy(a => a.PostId).Select(a => a.PostId).ToList());
        html = WordPressBody.Pictures(html, img =>
        {
            var picture = BodyPicture(img, attachments, uploads, warnings);
            partial |= picture is null;
            if (picture is not null)
            {
                pictures.Add(picture);
            }
            return picture;
        }, src => uploads.RelativePath(src) is not null, warnings, gallery);
        var body = BodySanitizer.Clean(html);

        var (status, publishedAt) = post.Status switch
        {
            // A password-protected post was never meant for everyone: kept as a draft for an editor to decide.
            "publish" or "future" when post.Password.Length > 0 => (ArticleStatus.Draft, post.DateGmt ?? Local(post) ?? clock.GetUtcNow().UtcDateTime),
            "publish" => (ArticleStatus.Published, post.DateGmt ?? Local(post) ?? clock.GetUtcNow().UtcDateTime),
            "future" => (ArticleStatus.Scheduled, post.DateGmt ?? Local(post) ?? clock.GetUtcNow().UtcDateTime),
            // Drafts have no publication date in WordPress yet (0000-00-00): when it was last saved will do.
            _ => (ArticleStatus.Draft, post.DateGmt ?? post.ModifiedGmt ?? Local(post) ?? clock.GetUtcNow().UtcDateTime),
        };
        if (post.Password.Length > 0)
        {
            warnings.Add("запис був захищений паролем у WordPress; перенесено як чернетку");
        }
        var (email, name) = export.Authors.GetValueOrDefault(post.Creator, ("", ""));
        foreach (var warning in warnings)
        {
            allWarnings.Add($"«{title}» (запис {post.PostId}): {warning}");
        }
        return new Converted(post, fingerprint, title, Slug(post, title), WordPressBody.Summary(post.Excerpt, body), body,
            status, publishedAt, post.ModifiedGmt ?? publishedAt, lead, pictures, gallery,
            Categories(post).ToList(), post.Terms.Where(t => t.Domain == "post_tag").ToList(),
            name.Length > 0 ? name : post.Creator, email, OldPaths(post, export.SiteUrl), partial);
    }

    // The export does not name the old site's time zone; a Ukrainian site's is Kyiv's.
    static DateTime? Local(WordPressItem post) => post.LocalDate is { } local ? KyivTime.ToUtc(local) : null;

    // A picture in the body: by its attachment (class wp-image-N) when the export has it, else by its address.
    static Media.Image? BodyPicture(IElement img, Dictionary<long, WordPressItem> attachments, WordPressUploads uploads, List<string> warnings)
    {
        var id = img.ClassList.FirstOrDefault(c => c.StartsWith("wp-image-", StringComparison.Ordinal)) is { } name && long.TryParse(name[9..], out var n) ? n : 0;
        if (attachments.TryGetValue(id, out var attachment) && FileOf(attachment, uploads) is { } file)
        {
            return uploads.Picture(file, img.GetAttribute("alt") is { Length: > 0 } alt ? alt : Alt(attachment), Caption(attachment), warnings);
        }
        return uploads.RelativePath(img.GetAttribute("src") ?? "") is { } path ? uploads.Picture(path, img.GetAttribute("alt") ?? "", "", warnings) : null;
    }

    static string? FileOf(WordPressItem attachment, WordPressUploads uploads) =>
        attachment.MetaValue("_wp_attached_file") is { Length: > 0 } file ? file : uploads.RelativePath(attachment.AttachmentUrl);

    static string Alt(WordPressItem attachment) => attachment.MetaValue("_wp_attachment_image_alt").Trim();

    static string Caption(WordPressItem attachment) =>
        new HtmlParser().ParseDocument($"<body>{attachment.Excerpt}</body>").Body!.TextContent.Trim();

    // The post's addresses on the old site: its permalink, its guid when that was another
    // permalink of the same site, and the short link /?p=ID that always worked.
    static List<string> OldPaths(WordPressItem post, string siteUrl)
    {
        var site = new Uri(siteUrl + "/");
        var paths = new List<string> { $"/?p={post.PostId}" };
        foreach (var address in new[] { post.Link, post.Guid })
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || !string.Equals(url.Host, site.Host, StringComparison.OrdinalIgnoreCase) || url.Query.Length > 0)
            {
                continue;
            }
            var key = OldAddresses.Key(Uri.UnescapeDataString(url.AbsolutePath));
            if (key != "/" && key.Length <= OldAddress.MaxPath && !paths.Contains(key))
            {
                paths.Add(key);
            }
        }
        return paths;
    }
}
