using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.People;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Caching;
using static Visnyk.Tests.Pages.News.JsonLd;

namespace Visnyk.Tests.People;

// The people in English: their names in the official transliteration, their posts, biographies and
// reception hours as administrators wrote them in English (a field left empty shows the Ukrainian
// one, marked as Ukrainian), at /en/people, on their English pages, their units' and the tree's.
public class PeopleInEnglishTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task A_person_reads_in_English_where_administrators_wrote_it_and_in_Ukrainian_marked_where_not()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        int unit;
        await using (var scope = site.Scope(out var db))
        {
            unit = (await db.Departments.SingleAsync(d => d.Slug == "departament-okhorony-zdorovia")).Id;
        }
        (string, string)[] Fields(string englishPost, string englishBiography) =>
        [
            ("Form.Name", "Гончаренко Тарас Ілліч"), ("Form.JobTitle", "Директор Департаменту охорони здоров’я"), ("Form.DepartmentId", unit.ToString()),
            ("Form.Heads", "true"), ("Form.PageId", ""), ("Form.Position", "10"), ("Form.Phone", "(532) 33-33-33"), ("Form.Email", "health@poltava-ova.example"),
            ("Form.ReceptionHours", "Середа: 10:00–12:00"), ("Form.Biography", "Лікар-хірург.\nКерував обласною лікарнею."),
            ("Form.OtherJobTitles[en]", englishPost), ("Form.OtherBiographies[en]", englishBiography), ("Form.OtherReceptionHours[en]", ""),
        ];
        var created = await admin.PostFormAsync("/admin/people/edit", "/admin/people/edit", Fields(" Director of the Department of Health ", ""));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        const string path = "/en/people/honcharenko-taras-illich";

        var reader = site.Browserless();
        var page = await reader.GetDocumentAsync(path);
        Assert.Equal("en", page.DocumentElement!.GetAttribute("lang"));
        Assert.Equal("Honcharenko Taras Illich", page.QuerySelector("h1")!.TextContent);
        var post = page.QuerySelector(".person__post")!;
        Assert.Equal(("Director of the Department of Health", null), (post.TextContent, post.GetAttribute("lang")));
        // No English biography or hours: the Ukrainian ones, marked as Ukrainian (WCAG 3.1.2).
        Assert.All(page.QuerySelectorAll("#person-biography ~ p"), p => Assert.Equal("uk", p.GetAttribute("lang")));
        Assert.Equal("uk", page.QuerySelector("[data-testid=reception] ul")!.GetAttribute("lang"));
        Assert.Equal(["/en/", "/en/people"], page.QuerySelectorAll(".breadcrumbs a").Select(a => a.GetAttribute("href")));
        // The same person's page in either language, linked both ways.
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).AbsolutePath);
        Assert.Equal(new Dictionary<string, string> { ["uk"] = path[3..], ["en"] = path, ["x-default"] = path[3..] }, alternates);
        // schema.org in English, as a JSON-LD processor reads it.
        var expanded = await ExpandAsync(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var person = Nodes(expanded).Single(n => Types(n).Contains("Person"));
        Assert.Equal(("Honcharenko Taras Illich", "Director of the Department of Health"), (Value(person, "name"), Value(person, "jobTitle")));
        // The Ukrainian page is as it was.
        var ukrainian = await reader.GetDocumentAsync(path[3..]);
        Assert.Equal(("Гончаренко Тарас Ілліч", "Директор Департаменту охорони здоров’я"), (ukrainian.QuerySelector("h1")!.TextContent, ukrainian.QuerySelector(".person__post")!.TextContent));
        // On the English list and their unit's English page, in English.
        foreach (var list in new[] { "/en/people", "/en/departments/departament-okhorony-zdorovia", "/en/sitemap" })
        {
            var links = (await reader.GetDocumentAsync(list)).QuerySelectorAll($"a[href='{path}']");
            Assert.True(links.Any(a => a.TextContent == "Honcharenko Taras Illich"), list);
        }
        await SiteEvictionTests.CachedAsync(reader, [path, "/en/people"]);

        // An English biography written later: shown at once (the cached pages were evicted), in the page's language.
        var saved = await admin.PostFormAsync($"/admin/people/edit/{id}", $"/admin/people/edit/{id}", Fields("Director of the Department of Health", "A surgeon.\n\nHe ran the regional hospital."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await reader.GetDocumentAsync(path);
        Assert.Equal(["A surgeon.", "He ran the regional hospital."], page.QuerySelectorAll("#person-biography ~ p").Select(p => p.TextContent));
        Assert.All(page.QuerySelectorAll("#person-biography ~ p"), p => Assert.Null(p.GetAttribute("lang")));
        await using (var scope = site.Scope(out var db))
        {
            var stored = await db.People.AsNoTracking().SingleAsync(p => p.Id == id);
            var english = Assert.Single(stored.Translations);
            Assert.Equal(("en", "Director of the Department of Health", "A surgeon.\nHe ran the regional hospital.", ""), (english.Language, english.JobTitle, english.Biography, english.ReceptionHours));
            Assert.Contains(await db.AuditEntries.Where(e => e.Action == AuditActions.PersonChanged && e.Subject == $"person:{id}").Select(e => e.Details).ToListAsync(),
                d => d.Contains("He ran the regional hospital."));
        }

        // Too long in English: refused with the reason, nothing saved.
        var tooLong = await admin.PostFormAsync($"/admin/people/edit/{id}", $"/admin/people/edit/{id}", Fields(new string('x', Visnyk.People.Person.MaxJobTitle + 1), ""));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var refused = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await tooLong.Content.ReadAsStringAsync());
        Assert.Contains(string.Format(AdminText.FormTooLong, AdminText.PersonJobTitle, Visnyk.People.Person.MaxJobTitle), refused.QuerySelector(".form__errors")!.TextContent);
        Assert.Equal("Director of the Department of Health", (await reader.GetDocumentAsync(path)).QuerySelector(".person__post")!.TextContent);
    }

    [Fact]
    public async Task The_demo_leadership_reads_in_English_and_the_English_leadership_page_lists_them()
    {
        var reader = site.Browserless();
        var people = await reader.GetDocumentAsync("/en/people");
        var cards = people.QuerySelectorAll(".person-card").ToList();
        Assert.Contains(cards, c => c.QuerySelector(".person-card__name")!.TextContent == "Petrenko Andrii Vasylovych"
            && c.QuerySelector(".person-card__post")!.TextContent == "Head of the Regional Military Administration");
        Assert.All(cards, c => Assert.Null(c.QuerySelector(".person-card__post")!.GetAttribute("lang")));
        // A Ukrainian biography where the demo has no English one, marked.
        var deputy = await reader.GetDocumentAsync("/en/people/shevchuk-oleh-petrovych");
        Assert.All(deputy.QuerySelectorAll("#person-biography ~ p"), p => Assert.Equal("uk", p.GetAttribute("lang")));

        // "Керівництво" translated: its English page lists the same people, in English.
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        int leadership;
        await using (var scope = site.Scope(out var db))
        {
            leadership = await db.SitePages.Where(p => p.PagePath == "/kerivnytstvo" && p.Language == "uk").Select(p => p.Id).SingleAsync();
        }
        var started = await chief.PostFormAsync($"/admin/pages/edit/{leadership}", $"/admin/pages/edit/{leadership}?handler=Translate", ("language", "en"));
        var translation = started.Headers.Location!.OriginalString;
        var published = await chief.PostFormAsync(translation, $"{translation}?handler=Publish",
            ("Form.IsPage", "true"), ("Form.Title", "Leadership"), ("Form.Slug", "leadership"), ("Form.Summary", "The leadership of the administration."), ("Form.Body", "<p>The head and the deputies.</p>"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = await reader.GetDocumentAsync("/en/leadership");
        Assert.Contains(page.QuerySelectorAll(".person-card__name a"), a => a.TextContent == "Petrenko Andrii Vasylovych" && a.GetAttribute("href") == "/en/people/petrenko-andrii-vasylovych");
    }
}
