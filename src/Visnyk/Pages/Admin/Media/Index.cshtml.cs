using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Data;
using Visnyk.Media;

namespace Visnyk.Pages.Admin.Media;

// The media library: every picture uploaded, searchable by its description, caption and credit;
// upload many at once. A picture needs a description (alt text) before an article showing it can
// be published.
[UploadForm]
public class IndexModel(VisnykDb db, MediaLibrary library) : PageModel
{
    public const int PageSize = 60;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "missing-alt")]
    public bool MissingAlt { get; set; }

    public IReadOnlyList<Image> Images { get; private set; } = [];
    public List<string> Uploaded { get; } = [];
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            Errors.Add(AdminText.MediaNoFiles);
        }
        foreach (var file in files.Take(library.Limits.MaxFilesPerUpload))
        {
            try
            {
                var image = await library.AddAsync(file, alt: null, caption: null, credit: null, ct);
                Uploaded.Add(Path.GetFileName(file.FileName));
            }
            catch (ImageUpload.Rejected e)
            {
                Errors.Add(e.Message);
            }
        }
        if (files.Count > library.Limits.MaxFilesPerUpload)
        {
            Errors.Add(string.Format(AdminText.MediaTooManyFiles, library.Limits.MaxFilesPerUpload));
        }
        MissingAlt = Uploaded.Count > 0;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var images = db.Images.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            images = images.Where(i => i.Alt.Contains(q) || i.Caption.Contains(q) || i.Credit.Contains(q));
        }
        if (MissingAlt)
        {
            images = images.Where(i => i.Alt == "");
        }
        Images = await images.OrderByDescending(i => i.Id).Take(PageSize).ToListAsync(ct);
    }
}
