using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Articles;

public enum ArticleStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
    Withdrawn = 3,
    // Submitted by an editor who may not publish; waits for a chief editor.
    InReview = 4,
    // Published by mistake and taken down for good: its address answers 410 Gone.
    Removed = 5,
}

// What an article is: news (dated, in lists, feeds and mail), a page of the site's structure
// ("Про область", "Контакти"), placed in the page tree (SitePages/PageTree) and reached by its address
// there, or an official document of the register (Documents/: an order, a decision, with its signed
// files). All live the same life (Publishing): editor, revisions, previews, schedule, audit.
public enum ArticleKind
{
    News = 0,
    Page = 1,
    Document = 2,
}

public partial class Article
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Summary { get; set; } = "";
    // Sanitised HTML: whatever reaches this property is rendered as is on the public page.
    public string Body { get; set; } = "";
    public ArticleStatus Status { get; set; }
    // UTC; shown in Europe/Kyiv.
    public DateTime PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    // Preview links carry the version they were made for (Previews); a new version voids the older ones.
    public int PreviewVersion { get; set; }

    public int? LeadImageId { get; set; }
    public Image? LeadImage { get; set; }
    // The lead photo's text as this article shows it. The library's text is only the default a new
    // use starts from, so editing a library photo never changes what readers see on an article.
    public string LeadAlt { get; set; } = "";
    public string LeadCaption { get; set; } = "";
    public string LeadCredit { get; set; } = "";

    public List<Department> Departments { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public List<GalleryImage> Gallery { get; set; } = [];
    public List<PinnedRelation> PinnedRelated { get; set; } = [];

    public ArticleKind Kind { get; set; }
    // A page's place in the tree: the page above it (none: top level), its order among its
    // siblings, whether the main menu and the footer list it, and its address as the tree makes it (PagePlace).
    public int? ParentId { get; set; }
    public int Position { get; set; }
    public bool InMenu { get; set; }
    public bool InFooter { get; set; }
    public string? PagePath { get; set; }

    public bool IsPage => Kind == ArticleKind.Page;
    public bool IsNews => Kind == ArticleKind.News;

    // A document's in the language of the page that links to it (the register reads in every language).
    public string Path => PathOf(Kind, Id, Slug, PagePath, IsDocument ? SiteLanguage.Current : Written);

    // The address of an article of this kind in its language (a row read without its entity: ArticlePage's translations).
    public static string PathOf(ArticleKind kind, int id, string slug, string? pagePath, SiteLanguage language) => language.PathOf(kind switch
    {
        ArticleKind.Page => pagePath ?? "/",
        ArticleKind.Document => $"/documents/{id}-{slug}",
        _ => $"/news/{id}-{slug}",
    });

    public bool IsPublicAt(DateTime utcNow) => Status == ArticleStatus.Published && PublishedAt <= utcNow;

    // Withdrawn, removed or revoked by the editor: every preview link made so far stops working.
    public void RevokePreviews() => PreviewVersion++;

    // Published or waiting to be: what readers see or will see without anyone else's approval.
    public bool IsLive => Status is ArticleStatus.Published or ArticleStatus.Scheduled;

    // A new lead photo starts from the library's text; the same photo keeps the text this article
    // gave it. `given` overrides either where it has a value.
    public void SetLead(Image? image, PhotoText? given = null)
    {
        var start = image is null ? PhotoText.None
            : LeadImage == image || image.Id != 0 && image.Id == LeadImageId ? new PhotoText(LeadAlt, LeadCaption, LeadCredit)
            : PhotoText.Of(image);
        var text = (image is null ? PhotoText.Keep : given ?? PhotoText.Keep).Over(start);
        (LeadImage, LeadImageId) = (image, image?.Id);
        (LeadAlt, LeadCaption, LeadCredit) = (text.Alt!, text.Caption!, text.Credit!);
    }

    // The gallery as the editor arranged it. A photo already in the gallery keeps its text wherever
    // it moves; a new one starts from the library's. Returns the rows no longer used (to delete).
    public List<GalleryImage> SetGallery(IReadOnlyList<(Image Image, PhotoText Given)> photos)
    {
        var rows = Gallery.OrderBy(g => g.Position).ToList();
        var before = rows.GroupBy(g => g.ImageId).ToDictionary(g => g.Key, g => new PhotoText(g.First().Alt, g.First().Caption, g.First().Credit));
        for (var i = 0; i < photos.Count; i++)
        {
            var (image, given) = photos[i];
            var text = given.Over(image.Id != 0 && before.TryGetValue(image.Id, out var known) ? known : PhotoText.Of(image));
            if (i == rows.Count)
            {
                rows.Add(new GalleryImage { Position = i });
                Gallery.Add(rows[i]);
            }
            (rows[i].ImageId, rows[i].Image) = (image.Id, image);
            (rows[i].Alt, rows[i].Caption, rows[i].Credit) = (text.Alt!, text.Caption!, text.Credit!);
        }
        var gone = rows.Skip(photos.Count).ToList();
        gone.ForEach(g => Gallery.Remove(g));
        return gone;
    }
}

// One picture of an article's gallery, in the order the editor chose, with the text this article
// gives it (Article.SetGallery).
public class GalleryImage
{
    public int ArticleId { get; set; }
    public int ImageId { get; set; }
    public Image Image { get; set; } = null!;
    public int Position { get; set; }
    public string Alt { get; set; } = "";
    public string Caption { get; set; } = "";
    public string Credit { get; set; } = "";
}

// A related article the editor pinned by hand; shown before the automatic suggestions.
public class PinnedRelation
{
    public int ArticleId { get; set; }
    public int RelatedId { get; set; }
    public Article Related { get; set; } = null!;
    public int Position { get; set; }
}
