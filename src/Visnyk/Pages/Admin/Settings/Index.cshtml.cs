using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Caching;
using Visnyk.Data;
using Visnyk.Newsletter;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Settings;

// The body's details in the header and footer, and the newsroom's rules.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class IndexModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, IOptions<MailOptions> mail, IOptions<SiteOptions> site, TimeProvider clock) : PageModel
{
    public const int SocialRows = 6;

    [BindProperty]
    public SiteSettings Form { get; set; } = new();
    [TempData]
    public string? Message { get; set; }

    // The domains the site's mail may come from (shown beside the sender's address).
    public IReadOnlyCollection<string> MailDomains { get; private set; } = [];

    // The site above this one, whose "Новини громад" may show this site's news.
    public int? ParentId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct) ?? new SiteSettings();
        MailDomains = await MailDomainsAsync(ct);
        ParentId = (await chrome.GetAsync(ct)).ParentId;
    }

    List<string> hosts = [];

    // The site's own domains, and the installation's address (what MailFrom.Allowed accepts).
    async Task<IReadOnlyCollection<string>> MailDomainsAsync(CancellationToken ct)
    {
        var id = HttpContext.SiteId();
        hosts = await db.SiteHosts.Where(h => h.SiteId == id).Select(h => h.Host).ToListAsync(ct);
        return MailFrom.Domains(id, hosts, mail.Value, site.Value.PublicUrl).Order()
            .Append(MimeKit.MailboxAddress.Parse(mail.Value.From).Address).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var links = Form.SocialLinks.Where(l => !string.IsNullOrWhiteSpace(l.Url)).ToList();
        foreach (var link in links)
        {
            // The address itself is checked by its WebAddress attribute.
            if (string.IsNullOrWhiteSpace(link.Name))
            {
                ModelState.AddModelError("", string.Format(AdminText.SettingsSocialNameRequired, link.Url));
            }
        }
        static string T(string? value) => (value ?? "").Trim();
        if (string.IsNullOrWhiteSpace(Form.BodyName))
        {
            ModelState.AddModelError("Form.BodyName", AdminText.SettingsBodyNameRequired);
        }
        MailDomains = await MailDomainsAsync(ct);
        ParentId = (await chrome.GetAsync(ct)).ParentId;
        if (T(Form.MailSenderAddress) is { Length: > 0 } sender && ModelState.GetFieldValidationState("Form.MailSenderAddress") != ModelValidationState.Invalid
            && (!MimeKit.MailboxAddress.TryParse(sender, out _) || !MailFrom.Allowed(sender, HttpContext.SiteId(), hosts, mail.Value, site.Value.PublicUrl)))
        {
            ModelState.AddModelError("Form.MailSenderAddress", string.Format(AdminText.SettingsMailSenderDomain, string.Join(", ", MailDomains)));
        }
        if (T(Form.MailSenderName).Any(char.IsControl))
        {
            ModelState.AddModelError("Form.MailSenderName", AdminText.SettingsMailSenderNameInvalid);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var settings = await db.SiteSettings.ForEditAsync(ct);
        var before = Describe(settings);
        settings.BodyName = T(Form.BodyName);
        settings.Tagline = T(Form.Tagline);
        settings.PostalAddress = T(Form.PostalAddress);
        settings.Phone = T(Form.Phone);
        settings.Email = T(Form.Email);
        settings.Hotline = T(Form.Hotline);
        settings.LicenceText = T(Form.LicenceText);
        settings.LicenceName = T(Form.LicenceName);
        settings.LicenceUrl = T(Form.LicenceUrl);
        settings.SupportEmail = T(Form.SupportEmail);
        settings.DevelopedBy = T(Form.DevelopedBy);
        settings.SupportedBy = T(Form.SupportedBy);
        settings.SocialLinks = links.Select(l => new SocialLink { Name = T(l.Name), Url = T(l.Url) }).ToList();
        // Each of the site's other languages once; an empty one is none.
        settings.Translations = Form.Translations.Select(t => t.Trimmed())
            .Where(t => SiteLanguage.Find(t.Language) is { IsDefault: false } && !t.IsEmpty).DistinctBy(t => t.Language).ToList();
        settings.MailSenderName = T(Form.MailSenderName);
        settings.MailSenderAddress = T(Form.MailSenderAddress);
        var shared = settings.ShareWithParent;
        settings.ShareWithParent = ParentId is not null && Form.ShareWithParent;
        settings.EditorsMayPublish = Form.EditorsMayPublish;
        if (settings.EditorsMaySkipTwoFactor != Form.EditorsMaySkipTwoFactor)
        {
            // Its own entry, easy to find: who let editors in on a password alone, and when.
            audit.Record(AuditActions.TwoFactorPolicyChanged, "settings", Form.EditorsMaySkipTwoFactor ? Text.AuditTwoFactorRelaxed : Text.AuditTwoFactorRequired);
        }
        settings.EditorsMaySkipTwoFactor = Form.EditorsMaySkipTwoFactor;
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.SettingsChanged, "settings", AuditLog.Changes(before, Describe(settings)));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        if (ParentId is { } parent && shared != settings.ShareWithParent)
        {
            // The oblast's "Новини громад" gain or lose this site's news.
            await cache.EvictAsync(parent, CacheTags.Hromadas, ct);
        }
        Message = AdminText.Saved;
        return RedirectToPage();
    }

    static Dictionary<string, string> Describe(SiteSettings s) => new()
    {
        [AdminText.SettingsBodyName] = s.BodyName, [AdminText.SettingsTagline] = s.Tagline, [AdminText.Address] = s.PostalAddress, [AdminText.Phone] = s.Phone,
        [AdminText.EmailShort] = s.Email, [AdminText.SettingsHotline] = s.Hotline, [AdminText.AuditLicence] = $"{s.LicenceText} {s.LicenceName} {s.LicenceUrl}",
        [AdminText.AuditSupportEmail] = s.SupportEmail, [AdminText.SettingsDevelopedBy] = s.DevelopedBy, [AdminText.SettingsSupportedBy] = s.SupportedBy,
        [AdminText.AuditSocial] = string.Join(", ", s.SocialLinks.Select(l => $"{l.Name} {l.Url}")),
        [AdminText.SettingsInOtherLanguages] = string.Join("; ", (s.Translations ?? []).Select(t => $"{t.Language}: {t.BodyName} | {t.Tagline} | {t.PostalAddress} | {t.LicenceText} {t.LicenceName} | {t.DevelopedBy} | {t.SupportedBy}")),
        [AdminText.SettingsShareWithParent] = s.ShareWithParent ? AdminText.Yes : AdminText.No,
        [AdminText.SettingsMailSenderName] = s.MailSenderName, [AdminText.SettingsMailSenderAddress] = s.MailSenderAddress,
        [AdminText.AuditEditorsMayPublish] = s.EditorsMayPublish ? AdminText.Yes : AdminText.No,
        [AdminText.AuditEditorsMaySkipTwoFactor] = s.EditorsMaySkipTwoFactor ? AdminText.Yes : AdminText.No,
    };
}
