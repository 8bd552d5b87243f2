using System.ComponentModel.DataAnnotations;

namespace Visnyk.Site;

// The body's details in the site's other languages, as administrators enter them: a page in that
// language shows them (In); a field left empty shows the default language's.
public partial class SiteSettings
{
    public List<SettingsText> Translations { get; set; } = [];

    public SettingsText? TextIn(SiteLanguage language) =>
        language.IsDefault ? null : Translations?.FirstOrDefault(t => t.Language == language.Code); // null: a row from before the column

    // The settings as a page in this language shows them.
    public SiteSettings In(SiteLanguage language)
    {
        if (TextIn(language) is not { } own)
        {
            return this;
        }
        var copy = (SiteSettings)MemberwiseClone();
        copy.BodyName = Or(own.BodyName, BodyName);
        copy.Tagline = Or(own.Tagline, Tagline);
        copy.PostalAddress = Or(own.PostalAddress, PostalAddress);
        copy.LicenceText = Or(own.LicenceText, LicenceText);
        copy.LicenceName = Or(own.LicenceName, LicenceName);
        copy.DevelopedBy = Or(own.DevelopedBy, DevelopedBy);
        copy.SupportedBy = Or(own.SupportedBy, SupportedBy);
        return copy;
    }

    static string Or(string own, string fallback) => own.Length > 0 ? own : fallback;
}

// One language's version of the settings' texts.
public class SettingsText
{
    public string Language { get; set; } = "";
    [MaxLength(300)]
    public string BodyName { get; set; } = "";
    [MaxLength(300)]
    public string Tagline { get; set; } = "";
    [MaxLength(300)]
    public string PostalAddress { get; set; } = "";
    [MaxLength(300)]
    public string LicenceText { get; set; } = "";
    [MaxLength(300)]
    public string LicenceName { get; set; } = "";
    [MaxLength(300)]
    public string DevelopedBy { get; set; } = "";
    [MaxLength(300)]
    public string SupportedBy { get; set; } = "";

    public SettingsText Trimmed() => new()
    {
        Language = Language, BodyName = T(BodyName), Tagline = T(Tagline), PostalAddress = T(PostalAddress),
        LicenceText = T(LicenceText), LicenceName = T(LicenceName), DevelopedBy = T(DevelopedBy), SupportedBy = T(SupportedBy),
    };

    public bool IsEmpty => BodyName.Length + Tagline.Length + PostalAddress.Length + LicenceText.Length + LicenceName.Length + DevelopedBy.Length + SupportedBy.Length == 0;

    static string T(string? value) => (value ?? "").Trim();
}
