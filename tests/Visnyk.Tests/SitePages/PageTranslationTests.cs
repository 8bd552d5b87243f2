using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Pages.News;
using static Visnyk.Tests.SitePages.PageTreeTests;

namespace Visnyk.Tests.SitePages;

// The site's pages in English: a page's translation is written from its original in the newsroom,
// published on its own, and stands where its original does, under its own English address; the
// menu, breadcrumbs, site maps, search and language switch follow. All through HTTP.
public class PageTranslationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    internal static (string, string)[] TranslationFields(string title, string slug, params int[] departments) =>
    [
        ("Form.IsPage", "true"), ("Form.Title", title), ("Form.Slug", slug), ("Form.Summary", $"About {title}"),
        ("Form.Body", $"<p>The text of the page “{title}”.</p>"), .. departments.Select(d => ("Form.Departments", d.ToString())),
    ];

    // "Додати переклад англійською" on a page's editor: the translation's id.
    internal static async Task<int> TranslateAsync(HttpClient client, int page)
    {
        var path = $"/admin/pages/edit/{page}";
        var started = await client.PostFormAsync(path, $"{path}?handler=Translate", ("language", "en"));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/pages/edit/", location);
        return int.Parse(location["/admin/pages/edit/".Length..]);
    }

    static Dictionary<string, string> Links(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).AbsolutePath);

    [Fact]
    public async Task A_translated_page_stands_where_its_original_does_at_its_own_English_address()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (ukrainian, english) = (Unique("rozdil"), Unique("section"));
        var top = await PageAsync(chief, "Publish", PageFields("Розділ для перекладу", ukrainian, inMenu: true, position: 95));
        var child = await PageAsync(chief, "Publish", PageFields("Підрозділ для перекладу", "pidrozdil", parent: top, inMenu: true));

        // The translation's editor: its place is its original's, so no place fields; it has no address until it is saved.
        var topEnglish = await TranslateAsync(chief, top);
        Assert.Equal(topEnglish, await TranslateAsync(chief, top));
        var form = await chief.GetDocumentAsync($"/admin/pages/edit/{topEnglish}");
        Assert.Null(form.QuerySelector("select[name='Form.ParentId']"));
        Assert.Contains("Розділ для перекладу", form.QuerySelector(".translation-original")!.TextContent);
        Assert.Null((await ReloadAsync(topEnglish)).PagePath);
        await PageAsync(chief, "Publish", TranslationFields("Section to translate", english), topEnglish);
        // "Потребує перекладу" for pages: the untranslated one, linked to its editor; not the translated one, and not among the news.
        var work = await chief.GetDocumentAsync("/admin/translations?language=en&kind=pages");
        var needed = work.QuerySelectorAll(".translations-needed tbody a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal($"/admin/pages/edit/{child}", needed["Підрозділ для перекладу"]);
        Assert.DoesNotContain("Розділ для перекладу", needed.Keys);
        Assert.DoesNotContain("Підрозділ для перекладу", (await chief.GetDocumentAsync("/admin/translations?language=en")).QuerySelector(".translations-needed")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await chief.GetAsync("/admin/translations?kind=documents")).StatusCode);
        // Its slug from its own title when none is typed.
        var childEnglish = await TranslateAsync(chief, child);
        await PageAsync(chief, "Publish", TranslationFields("Subsection to translate", ""), childEnglish);
        Assert.Equal($"/{english}/subsection-to-translate", (await ReloadAsync(childEnglish)).PagePath);

        var reader = site.Client();
        var page = await reader.GetDocumentAsync($"/en/{english}/subsection-to-translate");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Subsection to translate", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("en_GB", page.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        Assert.Equal(["/en/", $"/en/{english}"], page.QuerySelectorAll(".breadcrumbs a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["Home", "Section to translate"], page.QuerySelectorAll(".breadcrumbs a").Select(a => a.TextContent));
        // The English menu: the translated section with its translated page, as the original's menu has them.
        var section = page.QuerySelectorAll(".site-nav details").Single(d => d.QuerySelector("summary")!.TextContent == "Section to translate");
        Assert.Equal([$"/en/{english}", $"/en/{english}/subsection-to-translate"], section.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("page", section.QuerySelector($"a[href='/en/{english}/subsection-to-translate']")!.GetAttribute("aria-current"));
        // hreflang both ways and the switch, from either side.
        Dictionary<string, string> versions = new() { ["uk"] = $"/{ukrainian}/pidrozdil", ["en"] = $"/en/{english}/subsection-to-translate", ["x-default"] = $"/{ukrainian}/pidrozdil" };
        Assert.Equal(versions, Links(page));
        Assert.Equal($"/{ukrainian}/pidrozdil", page.QuerySelector(".language-switch a")!.GetAttribute("href"));
        var original = await reader.GetDocumentAsync($"/{ukrainian}/pidrozdil");
        Assert.Equal(versions, Links(original));
        Assert.Equal($"/en/{english}/subsection-to-translate", original.QuerySelector(".language-switch a")!.GetAttribute("href"));
        // schema.org in English, as a JSON-LD processor reads it.
        var expanded = await JsonLd.ExpandAsync(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var webPage = JsonLd.Nodes(expanded).Single(n => JsonLd.Types(n).Contains("WebPage"));
        Assert.Equal("en", JsonLd.Value(webPage, "inLanguage"));
        Assert.Equal(["Home", "Section to translate", "Subsection to translate"],
            JsonLd.Nodes(expanded).Where(n => JsonLd.Types(n).Contains("ListItem")).Select(n => JsonLd.Value(n, "name")));
        // The site maps: the English one nests it under its section; the XML one names both versions of each.
        var map = await reader.GetDocumentAsync("/en/sitemap");
        var item = map.QuerySelectorAll("#site-pages ~ ul > li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == $"/en/{english}");
        Assert.Equal($"/en/{english}/subsection-to-translate", item.QuerySelector(":scope > ul > li > a")!.GetAttribute("href"));
        XNamespace sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9", xhtml = "http://www.w3.org/1999/xhtml";
        var urls = XDocument.Parse(await reader.GetStringAsync("/sitemaps/pages.xml")).Root!.Elements(sitemap + "url")
            .ToDictionary(u => new Uri(u.Element(sitemap + "loc")!.Value).AbsolutePath,
                u => u.Elements(xhtml + "link").ToDictionary(l => l.Attribute("hreflang")!.Value, l => new Uri(l.Attribute("href")!.Value).AbsolutePath));
        Assert.Equal(versions, urls[$"/en/{english}/subsection-to-translate"]);
        Assert.Equal(versions, urls[$"/{ukrainian}/pidrozdil"]);

        // The original moved under an untranslated section: its translation stands at the English top
        // level, and its old English address leads there.
        var elsewhere = await PageAsync(chief, "Publish", PageFields("Неперекладений розділ", Unique("inshyi")));
        await PageAsync(chief, "Publish", PageFields("Підрозділ для перекладу", "pidrozdil", parent: elsewhere, inMenu: true), child);
        Assert.Equal("/subsection-to-translate", (await ReloadAsync(childEnglish)).PagePath);
        await AssertMovedAsync(reader, $"/en/{english}/subsection-to-translate", "/en/subsection-to-translate");
        var moved = await reader.GetDocumentAsync("/en/subsection-to-translate");
        Assert.Equal(["Home"], moved.QuerySelectorAll(".breadcrumbs a").Select(a => a.TextContent));
        Assert.Empty((await reader.GetDocumentAsync($"/en/{english}")).QuerySelectorAll(".page__sections a"));

        // The English section renamed: its old address leads to the new one.
        await PageAsync(chief, "Publish", TranslationFields("Section to translate", english + "-renamed"), topEnglish);
        await AssertMovedAsync(reader, $"/en/{english}", $"/en/{english}-renamed");
        // Withdrawn in Ukrainian, the section leaves the English site too.
        await PageAsync(chief, "Withdraw", PageFields("Розділ для перекладу", ukrainian, inMenu: true, position: 95), top);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/en/{english}-renamed")).StatusCode);
        Assert.DoesNotContain("Section to translate", await reader.GetStringAsync("/en"));
    }

    [Fact]
    public async Task A_translation_cannot_take_an_English_address_another_page_has_and_a_department_editor_keeps_to_their_own()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (first, second) = (Unique("pershyi"), Unique("druhyi"));
        var english = Unique("taken");
        var one = await TranslateAsync(chief, await PageAsync(chief, "Publish", PageFields("Перший", first)));
        var two = await TranslateAsync(chief, await PageAsync(chief, "Publish", PageFields("Другий", second)));
        await PageAsync(chief, "Publish", TranslationFields("First", english), one);

        // The same English address: refused with the reason, nothing saved.
        var path = $"/admin/pages/edit/{two}";
        var refused = await chief.PostFormAsync(path, $"{path}?handler=Publish", TranslationFields("Second", english));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"/{english}", (await refused.Content.ReadAsStringAsync()).Split("form__errors")[1]);
        Assert.Null((await ReloadAsync(two)).PagePath);
        // A reserved address at the top: refused too.
        var reserved = await chief.PostFormAsync(path, $"{path}?handler=Publish", TranslationFields("News", "news"));
        Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        Assert.Null((await ReloadAsync(two)).PagePath);

        // A department's editor translates their own department's page, and may not rename a top-level one's translation (a draft: a live one is not theirs to change at all).
        var health = await DepartmentIdAsync("departament-okhorony-zdorovia");
        var theirs = await PageAsync(chief, "Publish", PageFields("Сторінка департаменту", Unique("storinka"), departments: health));
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-okhorony-zdorovia"]));
        var translation = await TranslateAsync(editor, theirs);
        await PageAsync(chief, "Save", [.. TranslationFields("Department page", Unique("department-page")), ("Form.Departments", health.ToString())], translation);
        var rename = await editor.PostFormAsync($"/admin/pages/edit/{translation}", $"/admin/pages/edit/{translation}?handler=Save",
            [.. TranslationFields("Department page", Unique("renamed")), ("Form.Departments", health.ToString())]);
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        // Another department's page: not theirs to translate.
        var education = await DepartmentIdAsync("departament-osvity-i-nauky");
        var other = await PageAsync(chief, "Publish", PageFields("Сторінка освіти", Unique("osvita"), departments: education));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/admin/pages/edit/{other}")).StatusCode);
        var denied = await editor.PostFormAsync($"/admin/pages/edit/{theirs}", $"/admin/pages/edit/{other}?handler=Translate", ("language", "en"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.Publications.AnyAsync(a => a.OriginalId == other));
    }

    [Fact]
    public async Task English_search_finds_a_translated_page_by_another_word_form_and_the_demo_has_its_pages_in_English()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("pryiom");
        var translation = await TranslateAsync(chief, await PageAsync(chief, "Publish", PageFields("Прийом громадян англійською", Unique("pryiom"))));
        await PageAsync(chief, "Publish", TranslationFields("Citizens' reception", slug).Where(f => f.Item1 != "Form.Body")
            .Append(("Form.Body", "<p>Lawyers give free consultations every Wednesday.</p>")).ToArray(), translation);
        await Search.SearchSite.CaughtUpAsync(site);
        var reader = site.Client();

        var results = await reader.GetDocumentAsync("/en/search?q=consultation");
        Assert.Contains($"/en/{slug}", results.QuerySelectorAll(".search-pages a").Select(a => a.GetAttribute("href")));
        var pagesOnly = await reader.GetDocumentAsync("/en/search?kind=pages&q=consultation");
        Assert.Contains($"/en/{slug}", pagesOnly.QuerySelectorAll(".search-pages__item a").Select(a => a.GetAttribute("href")));
        // In English the kinds are news and pages; documents and people are Ukrainian only.
        var kinds = results.QuerySelectorAll(".search-kinds a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(kinds, k => k.Contains("kind=pages"));
        Assert.DoesNotContain(kinds, k => k.Contains("kind=documents") || k.Contains("kind=people"));
        // A Ukrainian search does not find the English words.
        Assert.DoesNotContain($"/{slug}", (await reader.GetDocumentAsync("/search?q=consultation")).QuerySelectorAll(".search-pages a").Select(a => a.GetAttribute("href")));

        // The demo: some of its pages in English, in the English menu and footer.
        var home = await reader.GetDocumentAsync("/en");
        Assert.Contains(home.QuerySelectorAll(".site-nav a"), a => a.GetAttribute("href") == "/en/about-the-region/history" && a.TextContent == "History");
        Assert.Contains(home.QuerySelectorAll(".site-footer__pages a"), a => a.GetAttribute("href") == "/en/contacts");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/en/about-the-region/symbols")).StatusCode);
    }

    async Task<int> DepartmentIdAsync(string slug)
    {
        await using var scope = site.Scope(out var db);
        return (await db.Departments.SingleAsync(d => d.Slug == slug)).Id;
    }

    async Task<Visnyk.Articles.Article> ReloadAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        return await db.Publications.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}
