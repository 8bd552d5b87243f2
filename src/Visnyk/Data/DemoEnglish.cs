using Visnyk.Articles;
using Visnyk.Media;
using Visnyk.Site;

namespace Visnyk.Data;

// English versions of some of the demo news, so a fresh start shows both languages: the reference
// article translated faithfully (names as the official transliteration writes them, as in slugs),
// and two of its neighbours, whose Ukrainian text is itself a placeholder. Each says it is a
// translation made for the demonstration. They are translations (OriginalId) with their originals'
// dates, departments, tags and photos.
public static class DemoEnglish
{
    public const string ReferenceTitle = "Members of the Poltava Region 1325 Coalition met the EU Advisory Mission in Ukraine (EUAM)";

    static readonly string[] ReferenceBody =
    [
        "Security issues, work with survivors of conflict-related sexual violence (CRSV), countering domestic violence, support for mental health and the recovery of both residents and first-line professionals, and the need to develop local services that help residents: these and other topics were discussed today at a meeting of the EU Advisory Mission in Ukraine (EUAM) with members of the informal expert association “Poltava Region 1325 Coalition”.",
        "The European Union Advisory Mission is a team of experts directly involved in reforming Ukraine’s civilian security sector and bringing it closer to European standards. To carry out its strategic tasks, it holds strategic meetings with key stakeholders at every level: the authorities, law enforcement agencies, civil society and the expert community.",
        "The meeting was held to present the work of the Poltava Region 1325 Coalition and to discuss: the principles of building cooperation at the local level; networking and partnership practices; the challenges that the “Poltava Region 1325 Coalition” faces as an association, and its members face as implementers of their own programmes and initiatives; and how the response to gender-based violence is built locally in the context of protecting human rights, with regard to the rule of law and accountability for international crimes.",
        "Each of the Coalition members present was able to present their own cases at work in the region: developing social services, responding to the challenges of the war and its consequences, working with vulnerable groups, countering domestic and gender-based violence and human trafficking, accompanying survivors of CRSV, and initiatives that support families with children.",
        "We thank our guests from the EUAM, General Law Enforcement Adviser Arsenii MIKHEIEVS, Planning Officer Karolis BUTKEVYCHUS, Law Enforcement Expert Serhii HRYVNIAK and Human Rights Expert Yevheniia KOVALENKO-MARCHENKOVA, for their interesting questions and a lively discussion.",
        "Special thanks to the “SOS Children’s Villages” space for hosting the meeting.",
    ];

    public const string Note = "<p><em>An English version made for the demonstration of the Visnyk platform.</em></p>\n";

    // The Ukrainian titles of the neighbours translated here, and their English titles.
    static readonly (string Original, string Title)[] Neighbours =
    [
        ("Синоптики попереджають про погорішення погодних умов", "Forecasters warn that the weather is getting worse"),
        ("24 серпня відбудеться всесвітня акція «Ланцюг єдності» до Дня Незалежності України", "A worldwide “Chain of Unity” will be held on 24 August for Ukraine’s Independence Day"),
    ];

    // The originals must have their ids (saved) first.
    public static IEnumerable<Article> For(Article reference, IEnumerable<Article> neighbours)
    {
        var translation = Translation(reference, ReferenceTitle,
            "Security, work with survivors of conflict-related sexual violence, countering domestic violence and support for mental health: members of the “Poltava Region 1325 Coalition” met the EU Advisory Mission in Ukraine.",
            string.Concat(ReferenceBody.Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p)}</p>\n")) + Note,
            new PhotoText("Members of the Poltava Region 1325 Coalition and EUAM representatives during the meeting (demonstration image)", "EUAM 1", null));
        translation.SetGallery(reference.Gallery.OrderBy(g => g.Position)
            .Select((g, i) => (g.Image, new PhotoText($"Meeting with the EUAM, photo {i + 2} (demonstration image)", g.Caption.Replace("КМЕС", "EUAM"), null))).ToList());
        yield return translation;
        foreach (var original in neighbours)
        {
            if (Neighbours.FirstOrDefault(n => n.Original == original.Title) is { Title: { } title })
            {
                yield return Translation(original, title,
                    "Demonstration text. The headline is taken from the official website of the Poltava Regional Military Administration; the text of the news item was written to show the platform.",
                    "<p><strong>Demonstration text.</strong> The headline of this news item is taken from the official website of the regional military administration; its text has not been loaded yet, and this placeholder shows how the Visnyk platform presents news.</p>\n" + Note,
                    new PhotoText($"Illustration for the news item “{title}” (demonstration image)", null, null));
            }
        }
    }

    static Article Translation(Article original, string title, string summary, string body, PhotoText lead)
    {
        var article = new Article
        {
            Title = title,
            Slug = Transliteration.Slugify(title),
            Summary = summary,
            Body = body,
            Status = original.Status,
            PublishedAt = original.PublishedAt,
            UpdatedAt = original.UpdatedAt,
            Departments = [.. original.Departments],
            Tags = [.. original.Tags],
            Language = SiteLanguage.English.Code,
            OriginalId = original.Id,
        };
        article.SetLead(original.LeadImage, lead);
        return article;
    }
}
