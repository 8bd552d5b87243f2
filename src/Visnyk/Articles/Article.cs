using Visnyk.Departments;
using Visnyk.Media;
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

public class Article
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

    public int? LeadImageId { get; set; }
    public Image? LeadImage { get; set; }

    public List<Department> Departments { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public List<GalleryImage> Gallery { get; set; } = [];
    public List<PinnedRelation> PinnedRelated { get; set; } = [];

    public string Path => $"/news/{Id}-{Slug}";

    public bool IsPublicAt(DateTime utcNow) => Status == ArticleStatus.Published && PublishedAt <= utcNow;
}

// One picture of an article's gallery, in the order the editor chose.
public class GalleryImage
{
    public int ArticleId { get; set; }
    public int ImageId { get; set; }
    public Image Image { get; set; } = null!;
    public int Position { get; set; }
}

// A related article the editor pinned by hand; shown before the automatic suggestions.
public class PinnedRelation
{
    public int ArticleId { get; set; }
    public int RelatedId { get; set; }
    public Article Related { get; set; } = null!;
    public int Position { get; set; }
}
