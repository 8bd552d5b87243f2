using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using MimeKit;
using Visnyk.Site;

namespace Visnyk.Newsletter;

// The messages themselves: multipart (plain text and HTML with inline styles and a table layout
// that mail clients render), every article with its title, date, departments, summary and link,
// photos with alt text, and no tracking of any kind. Every list message carries a manage link and
// a one-click unsubscribe (RFC 8058), visible and in its headers.
// One site's: its address in every link, its name, its sender (MailFrom). Each message in its
// reader's language (a mailing's, a sign-up's): its words, dates, name and links; a problem
// report, to the newsroom, in the default one.
public class MailMessages(MailOptions options, MailboxAddress from, string origin, SiteChrome.Snapshot site, MailTokens tokens, TimeProvider clock)
{
    readonly SiteSettings settings = site.Settings;

    // The saved searches the messages being written name (Picked), by id; one removed since is
    // described in general words.
    public IReadOnlyDictionary<int, SavedSearch> Searches { get; set; } = new Dictionary<int, SavedSearch>();

    static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    readonly string domain = new Uri(origin).Host;

    // Writes a message in a language: the UI culture (the resources, the dates, SiteLanguage.Current)
    // is the thread's own, so the sender's connections, writing messages side by side, each keep theirs.
    static T In<T>(SiteLanguage written, Func<T> write)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = written.Culture;
        try
        {
            return write();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    static SiteLanguage Language => SiteLanguage.Current;

    // The site's name in the message's language.
    string SiteName => settings.In(Language).BodyName is { Length: > 0 } name ? name : "Вісник";

    // An address of the site in the message's language.
    string Link(string path) => origin + Language.PathOf(path);

    public MimeMessage Confirmation(Outbox.Claimed item) =>
        In(SiteLanguage.Of(tokens.ReadConfirmation(item.Payload)?.SignUp.Language), () => WriteConfirmation(item));

    MimeMessage WriteConfirmation(Outbox.Claimed item)
    {
        var siteName = SiteName;
        var link = Link($"/subscribe/confirm/{item.Payload}");
        var intro = string.Format(Text.MailConfirmIntro, siteName, item.To);
        var expires = string.Format(Text.MailConfirmExpires, options.ConfirmationHours);
        var html = new StringBuilder();
        html.Append($"""<p style="margin:0 0 16px">{E(intro)}</p>""")
            .Append($"""<p style="margin:0 0 16px"><a href="{E(link)}" style="display:inline-block;padding:12px 20px;background:#0b3d91;color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px">{E(Text.MailConfirmAction)}</a></p>""")
            .Append($"""<p style="margin:0;color:#4b5563;font-size:14px">{E(expires)}</p>""");
        var text = $"{intro}\n\n{Text.MailConfirmAction}: {link}\n\n{expires}\n";
        return Message(item, string.Format(Text.MailConfirmSubject, siteName), Page(Row(html.ToString()), null, siteName), $"{siteName}\n\n{text}", null);
    }

    // A resident's problem report, to the site's administrators. Its text is the resident's,
    // shown as text; the address they gave is shown but not made the Reply-To: it was never
    // confirmed, and answering it is a person's decision, not a click on "Reply".
    public MimeMessage Report(Outbox.Claimed item, Feedback.ProblemReport report) => In(SiteLanguage.Default, () => WriteReport(item, report));

    MimeMessage WriteReport(Outbox.Claimed item, Feedback.ProblemReport report)
    {
        var siteName = SiteName;
        var page = report.Page.Length > 0 ? origin + report.Page : Text.ReportNoPage;
        var email = report.Email.Length > 0 ? string.Format(Text.MailReportEmail, report.Email) : Text.ReportNoEmail;
        var back = $"{origin}/admin/feedback#report-{report.Id}";
        var intro = string.Format(Text.MailReportIntro, siteName, KyivTime.Long(report.ReceivedAt));
        var kind = Feedback.ProblemReport.KindName(report.Kind);
        var pageHtml = report.Page.Length > 0 ? $"""<a href="{E(page)}" style="color:#0b3d91">{E(page)}</a>""" : E(page);
        var html = new StringBuilder();
        html.Append($"""<p style="margin:0 0 16px">{E(intro)}</p>""")
            .Append($"""<p style="margin:0 0 8px"><strong>{E(Text.ReportKind)}:</strong> {E(kind)}</p>""")
            .Append($"""<p style="margin:0 0 8px"><strong>{E(Text.ReportPage)}:</strong> {pageHtml}</p>""")
            .Append($"""<p style="margin:0 0 8px"><strong>{E(Text.ReportEmailShort)}:</strong> {E(email)}</p>""")
            .Append($"""<div style="margin:16px 0;padding:12px 16px;background:#f3f4f6;white-space:pre-wrap">{E(report.Text)}</div>""")
            .Append($"""<p style="margin:0"><a href="{E(back)}" style="color:#0b3d91">{E(Text.MailReportBackOffice)}</a></p>""");
        var text = $"{intro}\n\n{Text.ReportKind}: {kind}\n{Text.ReportPage}: {page}\n{Text.ReportEmailShort}: {email}\n\n{report.Text}\n\n{Text.MailReportBackOffice}: {back}\n";
        return Message(item, string.Format(Text.MailReportSubject, kind), Page(Row(html.ToString()), null, siteName), $"{siteName}\n\n{text}", null);
    }

    // Null when nothing is left to say (every article of a digest withdrawn since it was decided).
    public MimeMessage? News(Outbox.Claimed item, MailContent content) => In(SiteLanguage.Of(content.Mailing.Language), () => WriteNews(item, content));

    MimeMessage? WriteNews(Outbox.Claimed item, MailContent content)
    {
        var siteName = SiteName;
        var mailing = content.Mailing;
        // The subscriber's topics' articles, then each saved search's own (Picked); no payload:
        // the mailing's article(s).
        var picked = Picked.Parse(item.Payload);
        var stories = Stories(picked?.Topics ?? content.Stories.Values.OrderByDescending(s => s.PublishedAt).Select(s => s.Id));
        var sections = (picked?.Searches ?? []).Select(f => (f.Search, Stories: Stories(f.Articles))).Where(f => f.Stories.Count > 0).ToList();
        var count = stories.Count + sections.Sum(f => f.Stories.Count);
        if (count == 0)
        {
            return null;
        }
        var lead = stories.Count > 0 ? stories[0] : sections[0].Stories[0];
        var (subject, intro) = mailing.Kind switch
        {
            MailingKind.Alert when stories.Count == 0 => (lead.Title, string.Format(Text.MailSearchIntro, Describe(sections[0].Search), siteName)),
            MailingKind.Alert => (lead.Title, string.Format(Text.MailAlertIntro, siteName)),
            MailingKind.Update => (string.Format(Text.MailUpdateSubject, lead.Title), string.Format(Text.MailUpdateIntro, content.Note)),
            MailingKind.WeeklyDigest => (string.Format(Text.MailWeeklySubject, KyivTime.LongDate(mailing.From!.Value), KyivTime.LongDate(mailing.To!.Value.AddMinutes(-1))), string.Format(Text.MailDigestIntro, siteName, count)),
            _ => (string.Format(Text.MailDailySubject, KyivTime.LongDate(mailing.To ?? item.CreatedAt)), string.Format(Text.MailDigestIntro, siteName, count)),
        };
        if (item.SubscriberId is null)
        {
            intro = Text.MailTestNote + " " + intro;
        }
        var html = new StringBuilder(Row($"""<p style="margin:0">{E(intro)}</p>"""));
        var text = new StringBuilder(intro).Append("\n\n");
        foreach (var story in stories)
        {
            html.Append(StoryHtml(story));
            StoryText(text, story);
        }
        Frequency? frequency = mailing.DigestFrequency ?? Frequency.Immediately;
        string Leave(int? search) => Link(item.SubscriberId is { } sid ? $"/unsubscribe/{tokens.ForUnsubscribing(sid, item.Stamp!, frequency, search)}" : "/subscribe");
        // Each saved search's articles under its description, with its own way out.
        foreach (var (search, found) in sections)
        {
            var heading = string.Format(Text.MailSearchSection, Describe(search));
            var stop = Leave(search);
            html.Append(Row($"""<h2 style="margin:0;font-size:18px;line-height:1.3">{E(heading)}</h2><p style="margin:4px 0 0;font-size:14px"><a href="{E(stop)}" style="color:#0b3d91">{E(Text.MailSearchUnsubscribe)}</a></p>""", border: true));
            text.Append("== ").Append(heading).Append(" ==\n").Append(Text.MailSearchUnsubscribe).Append(": ").Append(stop).Append("\n\n");
            foreach (var story in found)
            {
                html.Append(StoryHtml(story));
                StoryText(text, story);
            }
        }
        var manage = Link(item.SubscriberId is { } id ? $"/subscribe/manage/{tokens.ForManaging(id, item.Stamp!)}" : "/subscribe");
        // A message that only one saved search brought stops that search in one click; any other,
        // the mail of its frequency.
        var unsubscribe = Leave(stories.Count == 0 && sections.Count == 1 ? sections[0].Search : null);
        var why = string.Format(Text.MailWhy, siteName);
        var footer = $"""<p style="margin:0 0 8px">{E(why)}</p><p style="margin:0"><a href="{E(manage)}" style="color:#0b3d91">{E(Text.MailManage)}</a> · <a href="{E(unsubscribe)}" style="color:#0b3d91">{E(Text.MailUnsubscribe)}</a></p>""";
        text.Append($"--\n{why}\n{Text.MailManage}: {manage}\n{Text.MailUnsubscribe}: {unsubscribe}\n");
        // A test digest goes to a newsroom user, not to a list: no list headers.
        return Message(item, subject, Page(html.ToString(), footer, siteName), $"{siteName}\n\n{text}", item.SubscriberId is null ? null : unsubscribe);

        List<MailContent.Story> Stories(IEnumerable<int> ids) => [.. ids.Where(content.Stories.ContainsKey).Select(i => content.Stories[i])];
    }

    string Describe(int search) => Searches.TryGetValue(search, out var saved) ? saved.Describe(site) : Text.MailSearchGone;

    string StoryHtml(MailContent.Story story)
    {
        var url = Link(story.Path);
        var meta = Meta(story);
        var photo = "";
        if (story.Photo is { } p && p.Width > 0)
        {
            var image = new Media.Image { Key = p.Key, Widths = p.Widths, Width = p.Width, Height = p.Height };
            var width = image.BestWidth(600);
            photo = $"""<img src="{E(origin + image.Url(width, "jpg"))}" width="552" alt="{E(p.Alt)}" style="display:block;width:100%;max-width:552px;height:auto;border:0;margin:0 0 12px">""";
        }
        return Row($"""{photo}<h2 style="margin:0 0 4px;font-size:20px;line-height:1.3"><a href="{E(url)}" style="color:#0b3d91">{E(story.Title)}</a></h2><p style="margin:0 0 8px;font-size:14px;color:#4b5563">{E(meta)}</p><p style="margin:0">{E(story.Summary)}</p>""", border: true);
    }

    void StoryText(StringBuilder text, MailContent.Story story) =>
        text.Append(story.Title).Append('\n').Append(Meta(story)).Append('\n')
            .Append(story.Summary.Length > 0 ? story.Summary + "\n" : "").Append(Link(story.Path)).Append("\n\n");

    static string Meta(MailContent.Story story) =>
        story.Departments.Count == 0 ? KyivTime.Long(story.PublishedAt) : $"{KyivTime.Long(story.PublishedAt)} · {string.Join(", ", story.Departments)}";

    static string Row(string content, bool border = false) =>
        $"""<tr><td style="padding:20px 24px;{(border ? "border-top:1px solid #e5e7eb;" : "")}font-size:16px;line-height:1.5">{content}</td></tr>""";

    static string Page(string rows, string? footer, string siteName) => $"""
        <!DOCTYPE html>
        <html lang="{Language.Code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(siteName)}</title></head>
        <body style="margin:0;padding:0;background:#f3f4f6">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6"><tr><td align="center" style="padding:16px 8px">
        <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a">
        <tr><td style="padding:16px 24px;background:#0b3d91;color:#ffffff;font-size:18px;font-weight:bold">{E(siteName)}</td></tr>
        {rows}
        {(footer is null ? "" : Row($"""<div style="font-size:14px;color:#4b5563">{footer}</div>""", border: true))}
        </table></td></tr></table>
        </body></html>
        """;

    MimeMessage Message(Outbox.Claimed item, string subject, string html, string text, string? unsubscribe)
    {
        var message = new MimeMessage { Subject = subject, Date = clock.GetUtcNow() };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(item.To));
        // Stable per delivery: a copy sent again after a crash carries the same id, so mail
        // systems and people can tell it is the same message.
        message.MessageId = $"d{item.Id}@{domain}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (unsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.Headers.Add("List-Id", $"<news.{domain}>");
            message.Headers.Add("Precedence", "bulk");
        }
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    static string E(string? value) => Html.Encode(value ?? "");
}
