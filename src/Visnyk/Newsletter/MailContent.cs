using Microsoft.EntityFrameworkCore;
using Visnyk.Data;

namespace Visnyk.Newsletter;

// What a mailing says, read once per mailing and shared by all its messages: the articles
// (title, date, summary, departments, link, lead photo) and, for an update, the change note.
public record MailContent(Mailing Mailing, IReadOnlyDictionary<int, MailContent.Story> Stories, string? Note)
{
    public record Photo(string Key, string Widths, string Alt, int Width, int Height);

    public record Story(int Id, string Title, string Slug, string Summary, DateTime PublishedAt, IReadOnlyList<string> Departments, Photo? Photo)
    {
        public string Path => $"/news/{Id}-{Slug}";
    }

    public static async Task<MailContent?> LoadAsync(VisnykDb db, int mailingId, DateTime utcNow, CancellationToken ct)
    {
        var mailing = await db.Mailings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailingId, ct);
        if (mailing is null)
        {
            return null;
        }
        // An alert's or an update's article (whatever its date), or a digest's period; withdrawn ones not.
        var found = await MailingExpander.ArticlesOf(db, mailing, utcNow)
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt,
                Departments = a.Departments.OrderBy(d => d.Position).Select(d => d.Id).ToList(),
                Photo = a.LeadImage == null ? null : new Photo(a.LeadImage.Key, a.LeadImage.Widths, a.LeadAlt, a.LeadImage.Width, a.LeadImage.Height),
            })
            .ToListAsync(ct);
        // The departments by their names in the mailing's language (a site has tens).
        var language = Site.SiteLanguage.Of(mailing.Language);
        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.NameIn(language), ct);
        var stories = found.ToDictionary(a => a.Id, a => new Story(a.Id, a.Title, a.Slug, a.Summary, a.PublishedAt,
            a.Departments.Where(names.ContainsKey).Select(d => names[d]).ToList(), a.Photo));
        var note = mailing.ChangeNoteId is { } noteId
            ? await db.ChangeNotes.Where(n => n.Id == noteId).Select(n => n.Text).FirstOrDefaultAsync(ct)
            : null;
        return new MailContent(mailing, stories, note);
    }
}
