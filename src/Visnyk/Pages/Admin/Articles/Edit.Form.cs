using System.ComponentModel.DataAnnotations;
using Visnyk.Media;

namespace Visnyk.Pages.Admin.Articles;

// What the edit form posts: the article's fields, its pictures, pinned news and a change note.
public partial class EditModel
{
    public class ArticleForm
    {
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticleTitleRequired)), MaxLength(300, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticleTitleTooLong))]
        public string Title { get; set; } = "";

        [MaxLength(100, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticleSlugTooLong)), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.SlugInvalid))]
        public string? Slug { get; set; }

        [MaxLength(1000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticleSummaryTooLong))]
        public string? Summary { get; set; }

        [MaxLength(500_000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticleBodyTooLong))]
        public string? Body { get; set; }

        public List<int> Departments { get; set; } = [];

        [MaxLength(1000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticleTagsTooLong))]
        public string? Tags { get; set; }

        // Kyiv time, from <input type="datetime-local">; empty: now.
        public DateTime? PublishAt { get; set; }

        // Lead photo: one from the library, or a new upload; its description, caption and credit in
        // this article (LeadTextOf: the photo the form showed them for).
        public int? LeadImageId { get; set; }
        public IFormFile? LeadUpload { get; set; }
        public int? LeadTextOf { get; set; }
        [MaxLength(PhotoText.MaxAlt, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoAltTooLong)), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? LeadAlt { get; set; }
        [MaxLength(PhotoText.MaxCaption, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoCaptionTooLong)), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? LeadCaption { get; set; }
        [MaxLength(PhotoText.MaxCredit, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoCreditTooLong)), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? LeadCredit { get; set; }

        // The gallery as the editor arranged it, and new photos to add at its end.
        public List<GalleryItem> Gallery { get; set; } = [];
        public List<IFormFile> GalleryUploads { get; set; } = [];
        // Photos already in the library to add to the gallery: numbers, comma-separated.
        [MaxLength(500, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.GalleryFromLibraryTooLong))]
        public string? GalleryFromLibrary { get; set; }

        // Related news ("see also") chosen by hand, in order: article numbers or addresses (/news/123-...).
        [MaxLength(1000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ArticlePinnedTooLong))]
        public string? Pinned { get; set; }

        // Shown under the published article with today's date (a correction or an update).
        [MaxLength(1000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.ChangeNoteTooLong))]
        public string? ChangeNote { get; set; }

        // Mail the change note to the article's Immediately subscribers (GOV.UK's "major change").
        public bool NotifySubscribers { get; set; }

        // A page of the site's tree (only read for a new one): the page it stands under, its
        // order there and whether the main menu lists it (EditModel.PlacePageAsync).
        public bool IsPage { get; set; }
        public int? ParentId { get; set; }
        [Range(0, 10_000, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PositionRange))]
        public int Position { get; set; }
        public bool InMenu { get; set; }
        public bool InFooter { get; set; }

        // A document of the register (only read for a new one): its particulars, new files, files
        // to take off, whether its text is to be taken from the new file, and what it amends or cancels.
        public bool IsDocument { get; set; }
        public Visnyk.Articles.DocumentType? DocType { get; set; }
        [MaxLength(Visnyk.Articles.DocumentNumbers.MaxNumber, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.DocumentNumberTooLong))]
        public string? DocNumber { get; set; }
        public DateOnly? SignedOn { get; set; }
        [MaxLength(Visnyk.Articles.DocumentNumbers.MaxIssuedBy, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.DocumentIssuedByTooLong))]
        public string? IssuedBy { get; set; }
        public Visnyk.Articles.DocumentStatus DocStatus { get; set; }
        public List<IFormFile> DocFiles { get; set; } = [];
        public List<int> RemoveFiles { get; set; } = [];
        public bool TextFromFile { get; set; }
        [MaxLength(500)]
        public string? Amends { get; set; }
        [MaxLength(500)]
        public string? Cancels { get; set; }
    }

    public class GalleryItem
    {
        public int ImageId { get; set; }
        [MaxLength(PhotoText.MaxAlt, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoAltTooLong)), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Alt { get; set; }
        [MaxLength(PhotoText.MaxCaption, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoCaptionTooLong)), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Caption { get; set; }
        [MaxLength(PhotoText.MaxCredit, ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PhotoCreditTooLong)), DisplayFormat(ConvertEmptyStringToNull = false)]
        public string? Credit { get; set; }
        public int Position { get; set; }
        public bool Remove { get; set; }
    }
}
