using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Departments;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Departments;

[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
public class EditModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache) : PageModel
{
    public class DepartmentForm
    {
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.NameRequired)), MaxLength(200), Display(Name = nameof(AdminText.Name), ResourceType = typeof(AdminText))]
        public string Name { get; set; } = "";
        [MaxLength(100), Display(Name = nameof(AdminText.DepartmentSlugLabel), ResourceType = typeof(AdminText)), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.SlugInvalid))]
        public string? Slug { get; set; }
        [MaxLength(2000), Display(Name = nameof(AdminText.DepartmentDescription), ResourceType = typeof(AdminText))]
        public string? Description { get; set; }
        [MaxLength(300), Display(Name = nameof(AdminText.PostalAddress), ResourceType = typeof(AdminText))]
        public string? Address { get; set; }
        [MaxLength(100), Display(Name = nameof(AdminText.Phone), ResourceType = typeof(AdminText))]
        public string? Phone { get; set; }
        [MaxLength(200), Display(Name = nameof(AdminText.Email), ResourceType = typeof(AdminText)), EmailAddress(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.EmailInvalid))]
        public string? Email { get; set; }
        // Its limit is checked on the lines as kept (a browser counts a line break as one character, the post has two).
        [MaxLength(4000), Display(Name = nameof(AdminText.DepartmentReceptionHours), ResourceType = typeof(AdminText))]
        public string? ReceptionHours { get; set; }
        [Display(Name = nameof(AdminText.DepartmentPosition), ResourceType = typeof(AdminText))]
        public int Position { get; set; }
        // Its texts in each of the site's other languages, by code; empty: the Ukrainian one shows there.
        public Dictionary<string, string?> OtherNames { get; set; } = [];
        public Dictionary<string, string?> OtherDescriptions { get; set; } = [];
        public Dictionary<string, string?> OtherAddresses { get; set; } = [];
        public Dictionary<string, string?> OtherReceptionHours { get; set; } = [];

        // The text given for this language, trimmed (reception hours one line a period).
        public DepartmentText In(SiteLanguage language)
        {
            string Trim(Dictionary<string, string?> values) => values.GetValueOrDefault(language.Code)?.Trim() ?? "";
            return new()
            {
                Name = Trim(OtherNames), Description = Trim(OtherDescriptions), Address = Trim(OtherAddresses),
                ReceptionHours = FormTexts.Lines(OtherReceptionHours.GetValueOrDefault(language.Code)),
            };
        }
    }

    [BindProperty]
    public DepartmentForm Form { get; set; } = new();
    public Department? Department { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is null)
        {
            return Page();
        }
        Department = await db.Departments.FindAsync([id.Value], ct);
        if (Department is null)
        {
            return NotFound();
        }
        Form = new DepartmentForm
        {
            Name = Department.Name, Slug = Department.Slug, Description = Department.Description, Address = Department.Address,
            Phone = Department.Phone, Email = Department.Email, ReceptionHours = Department.ReceptionHours, Position = Department.Position,
            OtherNames = Others(t => t.Name), OtherDescriptions = Others(t => t.Description),
            OtherAddresses = Others(t => t.Address), OtherReceptionHours = Others(t => t.ReceptionHours),
        };
        return Page();
    }

    Dictionary<string, string?> Others(Func<DepartmentText, string> text) =>
        SiteLanguage.Others.ToDictionary(l => l.Code, l => NameText.Of(Department!.Translations, l) is { } own ? text(own) : null);

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Department = id is null ? null : await db.Departments.FindAsync([id.Value], ct);
        if (id is not null && Department is null)
        {
            return NotFound();
        }
        // An empty field binds as null; a name of no letters makes no address.
        Form.Name ??= "";
        var slug = string.IsNullOrWhiteSpace(Form.Slug) ? Transliteration.Slugify(Form.Name) : Form.Slug;
        if (slug.Length == 0 && Form.Name.Length > 0)
        {
            ModelState.AddModelError("Form.Slug", AdminText.SlugInvalid);
        }
        else if (await db.Departments.AnyAsync(d => d.Slug == slug && d.Id != (id ?? 0), ct))
        {
            ModelState.AddModelError("Form.Slug", AdminText.DepartmentSlugTaken);
        }
        var hours = ModelState.CheckLength("Form.ReceptionHours", FormTexts.Lines(Form.ReceptionHours), AdminText.DepartmentReceptionHours, Department.MaxReceptionHours);
        ModelState.CheckOtherLanguages(language =>
        {
            var text = Form.In(language);
            return
            [
                ("OtherNames", text.Name, AdminText.Name, NameText.MaxLength),
                ("OtherDescriptions", text.Description, AdminText.DepartmentDescription, DepartmentText.MaxDescription),
                ("OtherAddresses", text.Address, AdminText.PostalAddress, DepartmentText.MaxAddress),
                ("OtherReceptionHours", text.ReceptionHours, AdminText.DepartmentReceptionHours, Department.MaxReceptionHours),
            ];
        });
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var department = Department ?? new Department { Name = "", Slug = "" };
        var before = Describe(department);
        department.Name = Form.Name.Trim();
        department.Slug = slug;
        department.Description = (Form.Description ?? "").Trim();
        department.Address = (Form.Address ?? "").Trim();
        department.Phone = (Form.Phone ?? "").Trim();
        department.Email = (Form.Email ?? "").Trim();
        department.ReceptionHours = hours;
        department.Position = Form.Position;
        foreach (var language in SiteLanguage.Others)
        {
            department.Translations = DepartmentText.With(department.Translations, language, Form.In(language));
        }
        if (Department is null)
        {
            db.Departments.Add(department);
            await db.SaveChangesAsync(ct);
        }
        audit.Record(AuditActions.DepartmentChanged, $"department:{department.Id}", AuditLog.Changes(before, Describe(department)));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        TempData["Message"] = AdminText.Saved;
        return Redirect($"/admin/departments/edit/{department.Id}");
    }

    static Dictionary<string, string> Describe(Department d)
    {
        var fields = new Dictionary<string, string>
        {
            [AdminText.Name] = d.Name, [AdminText.SiteAddress] = d.Slug, [AdminText.Description] = d.Description, [AdminText.PostalAddress] = d.Address,
            [AdminText.Phone] = d.Phone, [AdminText.EmailShort] = d.Email, [AdminText.DepartmentReceptionHours] = d.ReceptionHours, [AdminText.Position] = d.Position.ToString(),
        };
        foreach (var language in SiteLanguage.Others)
        {
            var own = NameText.Of(d.Translations, language) ?? new DepartmentText();
            fields[string.Format(AdminText.NameInLanguage, language.InNewsroom)] = own.Name;
            fields[string.Format(AdminText.InLanguage, AdminText.Description, language.InNewsroom)] = own.Description;
            fields[string.Format(AdminText.InLanguage, AdminText.PostalAddress, language.InNewsroom)] = own.Address;
            fields[string.Format(AdminText.InLanguage, AdminText.DepartmentReceptionHours, language.InNewsroom)] = own.ReceptionHours;
        }
        return fields;
    }
}
