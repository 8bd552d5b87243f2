using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Newsroom;

namespace Visnyk.Newsletter;

// What subscribers are told when an article is published or corrected. Publishing asks here in
// the unit of work of the change, so a publication is never committed without its alert, nor an
// alert without its publication.
public static class Alerts
{
    // Older news published now (a back-dated archive entry) is not news to alert about.
    static readonly TimeSpan Fresh = TimeSpan.FromDays(1);

    // A publication alerts once per article, ever: a re-publication after a withdrawal does not
    // alert again (an editor's change note can ask for an update mail instead).
    public static async Task<bool> DecideAsync(VisnykDb db, Article article, DateTime utcNow, CancellationToken ct)
    {
        var key = Mailing.AlertKey(article.Id);
        if (article.Status is not ArticleStatus.Published || article.PublishedAt <= utcNow - Fresh
            || db.Mailings.Local.Any(m => m.Key == key) || await db.Mailings.AnyAsync(m => m.Key == key, ct))
        {
            return false;
        }
        db.Mailings.Add(new Mailing { Kind = MailingKind.Alert, Key = key, ArticleId = article.Id, Language = article.Language, CreatedAt = utcNow });
        return true;
    }

    // The editor's change note, mailed to the article's Immediately subscribers when asked.
    public static void Update(VisnykDb db, Article article, ChangeNote note, DateTime utcNow) => db.Mailings.Add(new Mailing
    {
        Kind = MailingKind.Update, Key = $"update:{article.Id}:{utcNow.Ticks}", ArticleId = article.Id, Language = article.Language, ChangeNote = note, CreatedAt = utcNow,
    });
}
