using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Media;
using Visnyk.People;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.People;

// One person: their post, unit, contacts, reception hours, biography and photo. Saved, the site's
// snapshot is renewed and every cached page of the site goes (a person shows on their unit's page,
// on the pages that list them and in lists), so a changed phone number is right everywhere at once.
[Authorize(Policy = AccountsSetup.AdministrationPolicy)]
[UploadForm]
public class EditModel(VisnykDb db, SiteChrome chrome, AuditLog audit, IOutputCacheStore cache, MediaLibrary library) : PageModel
{
    public class PersonForm
    {
        [Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.NameRequired)), MaxLength(Person.MaxName), Display(Name = nameof(AdminText.PersonFullName), ResourceType = typeof(AdminText))]
        public string Name { get; set; } = "";
        [MaxLength(Person.MaxSlug), Display(Name = nameof(AdminText.PersonSlug), ResourceType = typeof(AdminText)), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.SlugInvalid))]
        public string? Slug { get; set; }
        [MaxLength(Person.MaxJobTitle), Display(Name = nameof(AdminText.PersonJobTitle), ResourceType = typeof(AdminText))]
        public string? JobTitle { get; set; }
        [Display(Name = nameof(AdminText.PersonDepartment), ResourceType = typeof(AdminText))]
        public int? DepartmentId { get; set; }
        public bool Heads { get; set; }
        public bool InLeadership { get; set; }
        [Display(Name = nameof(AdminText.PersonPage), ResourceType = typeof(AdminText))]
        public int? PageId { get; set; }
        [Display(Name = nameof(AdminText.Position), ResourceType = typeof(AdminText))]
        public int Position { get; set; }
        [MaxLength(100), Display(Name = nameof(AdminText.Phone), ResourceType = typeof(AdminText))]
        public string? Phone { get; set; }
        [MaxLength(200), Display(Name = nameof(AdminText.Email), ResourceType = typeof(AdminText)), EmailAddress(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.EmailInvalid))]
        public string? Email { get; set; }
        // Limits are checked on the lines as kept (a browser counts a line break as one character, the post has two).
        [MaxLength(2 * Person.MaxReceptionHours), Display(Name = nameof(AdminText.PersonReceptionHours), ResourceType = typeof(AdminText))]
        public string? ReceptionHours { get; set; }
        [MaxLength(2 * Person.MaxBiography), Display(Name = nameof(AdminText.PersonBiography), ResourceType = typeof(AdminText))]
        public string? Biography { get; set; }
        [Display(Name = nameof(AdminText.PersonPhoto), ResourceType = typeof(AdminText))]
        public IFormFile? Photo { get; set; }
        public bool RemovePhoto { get; set; }
        // Their texts in each of the site's other languages, by code; empty: the Ukrainian one shows there.
        public Dictionary<string, string?> OtherJobTitles { get; set; } = [];
        public Dictionary<string, string?> OtherBiographies { get; set; } = [];
        public Dictionary<string, string?> OtherReceptionHours { get; set; } = [];

        // The text given for this language, trimmed (biography and reception hours one line a paragraph or period).
        public PersonText In(SiteLanguage language) => new()
        {
            JobTitle = OtherJobTitles.GetValueOrDefault(language.Code)?.Trim() ?? "",
            Biography = FormTexts.Lines(OtherBiographies.GetValueOrDefault(language.Code)),
            ReceptionHours = FormTexts.Lines(OtherReceptionHours.GetValueOrDefault(language.Code)),
        };
    }

    [BindProperty]
    public PersonForm Form { get; set; } = new();
    public Person? Person { get; private set; }
    public IReadOnlyList<(int Id, string Title, string Path)> Pages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        await LoadPagesAsync(ct);
        if (id is null)
        {
            return Page();
        }
        Person = await db.People.Include(p => p.Photo).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Person is null)
        {
            return NotFound();
        }
        Form = new PersonForm
        {
            Name = Person.Name, Slug = Person.Slug, JobTitle = Person.JobTitle, DepartmentId = Person.DepartmentId, Heads = Person.Heads,
            InLeadership = Person.InLeadership, PageId = Person.PageId, Position = Person.Position, Phone = Person.Phone, Email = Person.Email,
            ReceptionHours = Person.ReceptionHours, Biography = Person.Biography,
            OtherJobTitles = Others(t => t.JobTitle), OtherBiographies = Others(t => t.Biography), OtherReceptionHours = Others(t => t.ReceptionHours),
        };
        return Page();
    }

    Dictionary<string, string?> Others(Func<PersonText, string> text) =>
        SiteLanguage.Others.ToDictionary(l => l.Code, l => NameText.Of(Person!.Translations, l) is { } own ? text(own) : null);

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Person = id is null ? null : await db.People.Include(p => p.Photo).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && Person is null)
        {
            return NotFound();
        }
        await LoadPagesAsync(ct);
        // An empty field binds as null; a name of no letters makes no address.
        Form.Name ??= "";
        var slug = string.IsNullOrWhiteSpace(Form.Slug) ? Transliteration.Slugify(Form.Name, Person.MaxSlug) : Form.Slug;
        if (slug.Length == 0 && Form.Name.Length > 0)
        {
            ModelState.AddModelError("Form.Slug", AdminText.SlugInvalid);
        }
        else if (await db.People.AnyAsync(p => p.Slug == slug && p.Id != (id ?? 0), ct))
        {
            ModelState.AddModelError("Form.Slug", AdminText.PersonSlugTaken);
        }
        // The unit and the page are this site's (the query filter reads this site's rows only).
        if (Form.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, ct))
        {
            ModelState.AddModelError("Form.DepartmentId", AdminText.PersonDepartmentUnknown);
        }
        if (Form.PageId is { } page && Pages.All(p => p.Id != page))
        {
            ModelState.AddModelError("Form.PageId", AdminText.PersonPageUnknown);
        }
        if (Form.Heads && Form.DepartmentId is null)
        {
            ModelState.AddModelError("Form.Heads", AdminText.PersonHeadsNeedsDepartment);
        }
        var hours = ModelState.CheckLength("Form.ReceptionHours", FormTexts.Lines(Form.ReceptionHours), AdminText.PersonReceptionHours, Person.MaxReceptionHours);
        var biography = ModelState.CheckLength("Form.Biography", FormTexts.Lines(Form.Biography), AdminText.PersonBiography, Person.MaxBiography);
        ModelState.CheckOtherLanguages(language =>
        {
            var text = Form.In(language);
            return
            [
                ("OtherJobTitles", text.JobTitle, AdminText.PersonJobTitle, Person.MaxJobTitle),
                ("OtherBiographies", text.Biography, AdminText.PersonBiography, Person.MaxBiography),
                ("OtherReceptionHours", text.ReceptionHours, AdminText.PersonReceptionHours, Person.MaxReceptionHours),
            ];
        });
        Image? photo = null;
        if (ModelState.IsValid && Form.Photo is { Length: > 0 } upload)
        {
            try
            {
                photo = await library.AddAsync(upload, Form.Name.Trim(), caption: null, credit: null, ct);
            }
            catch (ImageUpload.Rejected e)
            {
                ModelState.AddModelError("Form.Photo", e.Message);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = Person ?? new Person { Name = "", Slug = "" };
        var before = Describe(person);
        person.Name = Form.Name.Trim();
        person.Slug = slug;
        person.JobTitle = (Form.JobTitle ?? "").Trim();
        person.DepartmentId = Form.DepartmentId;
        person.Heads = Form.Heads;
        person.InLeadership = Form.InLeadership;
        person.PageId = Form.PageId;
        person.Position = Form.Position;
        person.Phone = (Form.Phone ?? "").Trim();
        person.Email = (Form.Email ?? "").Trim();
        person.ReceptionHours = hours;
        person.Biography = biography;
        foreach (var language in SiteLanguage.Others)
        {
            person.Translations = PersonText.With(person.Translations, language, Form.In(language));
        }
        if (photo is not null)
        {
            (person.Photo, person.PhotoId) = (photo, photo.Id);
        }
        else if (Form.RemovePhoto)
        {
            (person.Photo, person.PhotoId) = (null, null);
        }
        if (Person is null)
        {
            db.People.Add(person);
        }
        if (person.Heads)
        {
            // A unit has one head: the one saved now.
            await db.People.Where(p => p.DepartmentId == person.DepartmentId && p.Heads && p.Id != person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Heads, false), ct);
        }
        await db.SaveChangesAsync(ct);
        audit.Record(AuditActions.PersonChanged, $"person:{person.Id}", AuditLog.Changes(before, Describe(person)));
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        TempData["Message"] = AdminText.Saved;
        return Redirect($"/admin/people/edit/{person.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await db.People.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return NotFound();
        }
        db.People.Remove(person);
        audit.Record(AuditActions.PersonRemoved, $"person:{person.Id}", $"{person.Name}, {person.JobTitle}");
        await db.SaveChangesAsync(ct);
        await chrome.ChangedAsync(cache, ct);
        TempData["Message"] = string.Format(AdminText.PersonRemoved, person.Name);
        return Redirect("/admin/people");
    }

    // The pages of the site's tree a person may be listed on, in the tree's order.
    async Task LoadPagesAsync(CancellationToken ct) =>
        Pages = (await db.SitePages.Where(p => p.PagePath != null && p.OriginalId == null).OrderBy(p => p.PagePath).Select(p => new { p.Id, p.Title, p.PagePath }).ToListAsync(ct))
            .Select(p => (p.Id, p.Title, p.PagePath!)).ToList();

    static Dictionary<string, string> Describe(Person p)
    {
        var fields = Fields(p);
        foreach (var language in SiteLanguage.Others)
        {
            var own = NameText.Of(p.Translations, language) ?? new PersonText();
            fields[string.Format(AdminText.InLanguage, AdminText.PersonJobTitle, language.InNewsroom)] = own.JobTitle;
            fields[string.Format(AdminText.InLanguage, AdminText.PersonBiography, language.InNewsroom)] = own.Biography;
            fields[string.Format(AdminText.InLanguage, AdminText.PersonReceptionHours, language.InNewsroom)] = own.ReceptionHours;
        }
        return fields;
    }

    static Dictionary<string, string> Fields(Person p) => new()
    {
        [AdminText.PersonFullName] = p.Name, [AdminText.SiteAddress] = p.Slug, [AdminText.PersonJobTitle] = p.JobTitle,
        [AdminText.PersonDepartment] = p.DepartmentId?.ToString() ?? "", [AdminText.PersonHeads] = p.Heads ? AdminText.Yes : AdminText.No,
        [AdminText.PersonLeadership] = p.InLeadership ? AdminText.Yes : AdminText.No, [AdminText.PersonPage] = p.PageId?.ToString() ?? "",
        [AdminText.Position] = p.Position.ToString(), [AdminText.Phone] = p.Phone, [AdminText.EmailShort] = p.Email,
        [AdminText.PersonReceptionHours] = p.ReceptionHours, [AdminText.PersonBiography] = p.Biography, [AdminText.PersonPhoto] = p.PhotoId?.ToString() ?? "",
    };
}
