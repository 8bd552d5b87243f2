using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Visnyk.Site;

// The body's own details shown in the header and footer; one row, edited in the back office.
public partial class SiteSettings
{
    public int Id { get; set; }
    public string BodyName { get; set; } = "";
    public string Tagline { get; set; } = "Офіційний веб-сайт";
    public string PostalAddress { get; set; } = "";
    public string Phone { get; set; } = "";
    [RegularExpression(Contact.EmailPattern, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.EmailInvalid)), Display(Name = "Електронна пошта")]
    public string Email { get; set; } = "";
    public string Hotline { get; set; } = "";
    public string LicenceText { get; set; } = "";
    public string LicenceName { get; set; } = "";
    // Links in the footer: http(s) only (WebAddress), checked when saved and again when shown.
    [WebAddress, Display(Name = "Адреса ліцензії")]
    public string LicenceUrl { get; set; } = "";
    [RegularExpression(Contact.EmailPattern, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.EmailInvalid)), Display(Name = "Пошта технічної підтримки")]
    public string SupportEmail { get; set; } = "";
    public string DevelopedBy { get; set; } = "";
    public string SupportedBy { get; set; } = "";
    public List<SocialLink> SocialLinks { get; set; } = [];
    // Newsroom rules: may editors publish their department's news without a chief editor's
    // review, and may they sign in without a second factor. Two-factor is the default for every
    // role, always required of chief editors and administrators; relaxing it is the exception
    // that must be chosen (an unticked box or a missing field keeps it required).
    public bool EditorsMayPublish { get; set; }
    public bool EditorsMaySkipTwoFactor { get; set; }
    // Set in the back office (/admin/mail): no mail of this site leaves while it is on; nothing is dropped.
    public bool MailPaused { get; set; }
    // A hromada's news shown on its oblast's site too ("Новини громад", /hromady), each linking here.
    public bool ShareWithParent { get; set; }
    // Who the site's mail comes from (Newsletter.MailFrom); empty: the installation's sender.
    [MaxLength(100)]
    public string MailSenderName { get; set; } = "";
    [MaxLength(254), RegularExpression(Contact.EmailPattern, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.EmailInvalid))]
    public string MailSenderAddress { get; set; } = "";
    // The accessibility statement (/accessibility), after the model of the EU Web Accessibility
    // Directive (Commission Implementing Decision (EU) 2018/1523): how far the site conforms to
    // WCAG 2.1 level AA, what is known not to (one item a line), when and how that was checked,
    // and where a resident may turn if the answer to a complaint does not satisfy them.
    public Conformance AccessibilityConformance { get; set; }
    [MaxLength(4000)]
    public string AccessibilityExceptions { get; set; } = "";
    public DateOnly? AccessibilityPreparedOn { get; set; }
    public DateOnly? AccessibilityCheckedOn { get; set; }
    [MaxLength(500)]
    public string AccessibilityCheckMethod { get; set; } = "";
    [MaxLength(1000)]
    public string AccessibilityEnforcement { get; set; } = "";
    // Where residents' problem reports (/feedback) are forwarded; empty: kept in the back office only.
    [MaxLength(254), RegularExpression(Contact.EmailPattern, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.EmailInvalid))]
    public string ReportsTo { get; set; } = "";
    public DateTime UpdatedAt { get; set; }

    // The statement's non-accessible content, one item per non-empty line.
    [System.ComponentModel.DataAnnotations.Schema.NotMapped, System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> AccessibilityExceptionList =>
        AccessibilityExceptions.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

public static class SiteSettingsRow
{
    // The site's one row, tracked for a change; a site without one yet gets it added.
    public static async Task<SiteSettings> ForEditAsync(this DbSet<SiteSettings> rows, CancellationToken ct)
    {
        var settings = await rows.OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new SiteSettings();
            rows.Add(settings);
        }
        return settings;
    }
}

// How far a site conforms to WCAG 2.1 AA, in the EU model statement's three words; until an
// administrator has stated one, not assessed (never "full" by default).
public enum Conformance
{
    NotAssessed = 0,
    Full = 1,
    Partial = 2,
    None = 3,
}

public class SocialLink
{
    public string Name { get; set; } = "";
    [WebAddress, Display(Name = "Адреса соцмережі")]
    public string Url { get; set; } = "";
}
