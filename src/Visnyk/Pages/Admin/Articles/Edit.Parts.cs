using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Pages.Admin.Articles;

// The form's pictures, pinned news and tags turned into what the article keeps.
public partial class EditModel
{
    // The lead photo and the gallery the form asks for: uploads go through the media library
    // (a rejected file is reported and the rest of the form kept). The text typed here is this
    // article's own (Article.SetLead, SetGallery); the library's text is only where a new use starts.
    async Task<(Visnyk.Media.Image? Lead, List<(Visnyk.Media.Image, PhotoText)> Gallery)> PicturesAsync(CancellationToken ct)
    {
        Visnyk.Media.Image? lead = null;
        if (Form.LeadUpload is { Length: > 0 } upload)
        {
            try
            {
                lead = await library.AddAsync(upload, Form.LeadAlt, Form.LeadCaption, Form.LeadCredit, ct);
                Form.LeadImageId = lead.Id;
            }
            catch (ImageUpload.Rejected e)
            {
                ModelState.AddModelError("Form.LeadUpload", e.Message);
            }
        }
        else if (Form.LeadImageId is { } leadId)
        {
            lead = await db.Images.FindAsync([leadId], ct);
            if (lead is null)
            {
                ModelState.AddModelError("Form.LeadImageId", AdminText.LeadPhotoMissing);
            }
        }

        var kept = Form.Gallery.Where(g => !g.Remove).OrderBy(g => g.Position).ToList();
        var keptIds = kept.Select(g => g.ImageId).ToList();
        var known = await db.Images.Where(i => keptIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var gallery = new List<(Visnyk.Media.Image Image, PhotoText Text)>();
        foreach (var item in kept)
        {
            if (known.TryGetValue(item.ImageId, out var image))
            {
                gallery.Add((image, PhotoText.Typed(item.Alt, item.Caption, item.Credit)));
            }
        }
        foreach (var number in Numbers(Form.GalleryFromLibrary))
        {
            var image = await db.Images.FindAsync([number], ct);
            if (image is null)
            {
                ModelState.AddModelError("Form.GalleryFromLibrary", string.Format(AdminText.GalleryPhotoMissing, number));
            }
            else if (gallery.All(g => g.Image != image))
            {
                gallery.Add((image, PhotoText.Keep));
                Form.Gallery.Add(new GalleryItem { ImageId = image.Id, Alt = image.Alt, Caption = image.Caption, Credit = image.Credit, Position = Form.Gallery.Count + 1 });
            }
        }
        foreach (var file in Form.GalleryUploads.Where(f => f.Length > 0).Take(library.Limits.MaxFilesPerUpload))
        {
            try
            {
                var image = await library.AddAsync(file, null, null, null, ct);
                gallery.Add((image, PhotoText.Keep));
                Form.Gallery.Add(new GalleryItem { ImageId = image.Id, Position = Form.Gallery.Count + 1 });
            }
            catch (ImageUpload.Rejected e)
            {
                ModelState.AddModelError("Form.GalleryUploads", e.Message);
            }
        }
        return (lead, gallery);
    }

    // Numbers in free text: "12, 15" or pasted addresses "/news/12-slug https://…/news/15-…".
    static IEnumerable<int> Numbers(string? text) =>
        (text ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.Contains("/news/") ? token[(token.IndexOf("/news/") + 6)..] : token)
            .Select(token => ArticleKey.TryParse(token, out var id, out _) ? id : 0)
            .Where(id => id > 0).Distinct().Take(20);

    async Task<List<int>> PinnedAsync(int? id, CancellationToken ct)
    {
        var wanted = Numbers(Form.Pinned).Where(n => n != id).Take(ArticlePage.RelatedCount).ToList();
        var known = await db.Articles.Where(a => wanted.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        foreach (var missing in wanted.Except(known))
        {
            ModelState.AddModelError("Form.Pinned", string.Format(AdminText.PinnedMissing, missing));
        }
        return wanted.Where(known.Contains).ToList();
    }

    // Pinned rows are keyed by (article, related): remove those no longer wanted, reorder the rest.
    void SetPinned(Article article, List<int> ids)
    {
        foreach (var gone in article.PinnedRelated.Where(p => !ids.Contains(p.RelatedId)).ToList())
        {
            article.PinnedRelated.Remove(gone);
            db.Remove(gone);
        }
        for (var i = 0; i < ids.Count; i++)
        {
            var row = article.PinnedRelated.FirstOrDefault(p => p.RelatedId == ids[i]);
            if (row is null)
            {
                article.PinnedRelated.Add(new PinnedRelation { RelatedId = ids[i], Position = i });
            }
            else
            {
                row.Position = i;
            }
        }
    }

    // Tags by name, comma-separated; unknown names become new tags.
    async Task<List<Tag>> TagsAsync(string? input, CancellationToken ct)
    {
        var names = (input ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.Length > 100 ? n[..100] : n).Distinct(StringComparer.OrdinalIgnoreCase).Take(20).ToList();
        var tags = new List<Tag>();
        var created = false;
        foreach (var name in names)
        {
            var slug = Transliteration.Slugify(name);
            if (slug.Length == 0)
            {
                continue;
            }
            var tag = await db.Tags.FirstOrDefaultAsync(t => t.Slug == slug, ct);
            if (tag is null)
            {
                tag = new Tag { Name = name, Slug = slug };
                db.Tags.Add(tag);
                created = true;
            }
            tags.Add(tag);
        }
        if (created)
        {
            chrome.Invalidate();
        }
        return tags;
    }

    async Task LoadImagesAsync(CancellationToken ct)
    {
        RecentImages = await db.Images.AsNoTracking().OrderByDescending(i => i.Id).Take(100).ToListAsync(ct);
        var ids = Form.Gallery.Select(g => g.ImageId).Append(Form.LeadImageId ?? 0).ToList();
        GalleryImages = await db.Images.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
    }

    // Photos shown without a description for screen readers: publishing needs one on each.
    static List<int> MissingAlt(Article article) =>
        article.Gallery.Where(g => g.Alt.Length == 0).Select(g => g.ImageId)
            .Prepend(article.LeadImageId is { } id && article.LeadAlt.Length == 0 ? id : 0).Where(id => id != 0).Distinct().ToList();
}
