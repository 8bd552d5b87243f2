using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.People;
using Visnyk.Site;
using Visnyk.Tests.Caching;
using Visnyk.Tests.Newsroom;
using static Visnyk.Tests.Pages.News.JsonLd;

namespace Visnyk.Tests.People;

// The people a site presents: the leadership and heads of units, each on their own page and as
// schema.org Person, on their unit's page and on the pages that list them; their contacts kept in
// one record, so a changed phone number is right everywhere at once; found by /search.
public class PeopleTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static async Task<AngleSharp.Html.Dom.IHtmlDocument> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    static string Script(AngleSharp.Html.Dom.IHtmlDocument page) =>
        Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent;

    [Fact]
    public async Task The_demo_leadership_is_listed_has_pages_and_is_described_as_schema_org_Person()
    {
        var reader = site.Browserless();
        var people = await ReadAsync(reader, "/people");
        Assert.Equal(["Керівництво", "Керівники структурних підрозділів"], people.QuerySelectorAll("main h2").Select(h => h.TextContent));
        var names = people.QuerySelectorAll(".person-card__name a").Select(a => a.TextContent).ToList();
        Assert.Equal("Петренко Андрій Васильович", names[0]);
        Assert.Contains("Мельник Наталія Іванівна", names);

        // The tree's "Керівництво" page lists the leadership from the same records.
        var leadership = await ReadAsync(reader, "/kerivnytstvo");
        Assert.Equal(["Петренко Андрій Васильович", "Коваленко Ірина Миколаївна", "Шевчук Олег Петрович"],
            leadership.QuerySelectorAll("#page-people ~ .people .person-card__name").Select(h => h.TextContent));

        var path = "/people/" + Transliteration.Slugify("Мельник Наталія Іванівна");
        var page = await ReadAsync(reader, path);
        Assert.Equal("Мельник Наталія Іванівна", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Понеділок: 10:00–12:00"], page.QuerySelectorAll("[data-testid=reception] li").Select(li => li.TextContent));
        var expanded = await ExpandAsync(Script(page));
        var untyped = Nodes(expanded).Where(n => Types(n).Count == 0).Select(n => n.GetRawText()).ToList();
        Assert.True(untyped.Count == 0, $"JSON-LD nodes without @type:\n{string.Join("\n", untyped)}");
        var person = Assert.Single(expanded.EnumerateArray(), n => Types(n).Contains("Person"));
        Assert.Equal("Мельник Наталія Іванівна", Value(person, "name"));
        Assert.Equal("Директорка Департаменту соціального захисту населення", Value(person, "jobTitle"));
        Assert.Equal("+380 (532) 56-02-91", Value(person, "telephone"));
        var unit = Assert.Single(Values(person, "worksFor"));
        Assert.Equal(["GovernmentOrganization"], Types(unit));
        Assert.Equal("Департамент соціального захисту населення", Value(unit, "name"));
        var breadcrumbs = Assert.Single(expanded.EnumerateArray(), n => Types(n).Contains("BreadcrumbList"));
        Assert.Equal(["Головна", "Керівництво та посадові особи", "Мельник Наталія Іванівна"],
            Values(breadcrumbs, "itemListElement").OrderBy(c => int.Parse(Value(c, "position")!)).Select(c => Value(c, "name")));

        // The unit's page shows its head, and names them as its employee by the same node.
        var department = await ReadAsync(reader, "/departments/departament-sotsialnoho-zakhystu-naselennia");
        Assert.Equal(["Мельник Наталія Іванівна"], department.QuerySelectorAll("#department-people ~ .people .person-card__name").Select(h => h.TextContent));
        var organization = Assert.Single((await ExpandAsync(Script(department))).EnumerateArray(), n => Types(n).Contains("GovernmentOrganization"));
        var employee = Assert.Single(Values(organization, "employee"));
        Assert.Equal(["Person"], Types(employee));
        Assert.Equal($"http://localhost{path}#person", employee.GetProperty("@id").GetString());
        Assert.Equal(person.GetProperty("@id").GetString(), employee.GetProperty("@id").GetString());

        // Listed where machines look for pages too.
        Assert.Contains($"<loc>http://localhost{path}</loc>", await reader.GetStringAsync("/sitemaps/pages.xml"));
        Assert.NotNull((await ReadAsync(reader, "/sitemap")).QuerySelector($"#people ~ ul a[href='{path}']"));
        foreach (var hostile in new[] { "/people/..%2F..%2Fadmin", "/people/%E2%80%AE", "/people/" + new string('a', 5000), "/people/<script>" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(hostile)).StatusCode);
        }
    }

    [Fact]
    public async Task A_phone_number_changed_once_is_changed_on_every_page_that_shows_the_person()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        int unit;
        string unitPath;
        await using (var scope = site.Scope(out var db))
        {
            var department = await db.Departments.SingleAsync(d => d.Slug == "departament-okhorony-zdorovia");
            (unit, unitPath) = (department.Id, department.Path);
        }
        (string, string)[] Fields(string phone) =>
        [
            ("Form.Name", "Гончаренко Тарас Ілліч"), ("Form.JobTitle", "Директор Департаменту охорони здоров’я"), ("Form.DepartmentId", unit.ToString()),
            ("Form.Heads", "true"), ("Form.PageId", ""), ("Form.Position", "10"), ("Form.Phone", phone), ("Form.Email", "health-head@poltava-ova.example"),
            ("Form.ReceptionHours", " Середа: 10:00–12:00 \n\n"), ("Form.Biography", "Лікар-хірург.\nКерував обласною лікарнею."),
        ];
        var created = await admin.PostFormAsync("/admin/people/edit", "/admin/people/edit", Fields("(532) 11-11-11"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var path = "/people/honcharenko-taras-illich";

        var reader = site.Browserless();
        string[] shown = [path, unitPath, "/people"];
        foreach (var page in shown)
        {
            var html = await reader.GetStringAsync(page);
            Assert.True(html.Contains("(532) 11-11-11"), $"{page} does not show the phone:\n{html[html.IndexOf("<main", StringComparison.Ordinal)..]}");
        }
        await SiteEvictionTests.CachedAsync(reader, [.. shown, "/departments"]);

        var saved = await admin.PostFormAsync($"/admin/people/edit/{id}", $"/admin/people/edit/{id}", Fields("(532) 22-22-22"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        foreach (var page in new[] { path, unitPath, "/people" })
        {
            var html = await reader.GetStringAsync(page);
            Assert.Contains("(532) 22-22-22", html);
            Assert.DoesNotContain("11-11-11", html);
        }
        Assert.Contains("Гончаренко Тарас Ілліч", await reader.GetStringAsync("/departments"));
        await using (var scope = site.Scope(out var db))
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            Assert.Equal("Середа: 10:00–12:00", person.ReceptionHours);
            Assert.Contains(await db.AuditEntries.Where(e => e.Action == AuditActions.PersonChanged && e.Subject == $"person:{id}").Select(e => e.Details).ToListAsync(),
                d => d.Contains("22-22-22"));
        }

        // Removed: gone from their page and their unit's.
        var removed = await admin.PostFormAsync($"/admin/people/edit/{id}", $"/admin/people/edit/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("Гончаренко", await reader.GetStringAsync(unitPath));
    }

    [Fact]
    public async Task A_unit_has_one_head_and_a_person_refers_to_nothing_of_another_site()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var other = await Visnyk.Tests.Site.OtherSite.CreateAsync(site, 71, "people-hromada.test");
        int education;
        await using (var scope = site.Scope(out var db))
        {
            education = (await db.Departments.SingleAsync(d => d.Slug == "departament-osvity-i-nauky")).Id;
        }
        var saved = await admin.PostFormAsync("/admin/people/edit", "/admin/people/edit",
            ("Form.Name", "Кравченко Олена Петрівна"), ("Form.JobTitle", "В. о. директора Департаменту освіти і науки"),
            ("Form.DepartmentId", education.ToString()), ("Form.Heads", "true"), ("Form.Position", "20"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal(["Кравченко Олена Петрівна"], await db.People.Where(p => p.DepartmentId == education && p.Heads).Select(p => p.Name).ToListAsync());
        }

        // The other site's department, its page, the same address again, a head without a unit: refused, nothing saved.
        var before = await CountAsync();
        foreach (var fields in new (string, string)[][]
        {
            [("Form.Name", "Чужий Підрозділ"), ("Form.DepartmentId", other.DepartmentId.ToString())],
            [("Form.Name", "Кравченко Олена Петрівна")],
            [("Form.Name", "Без Підрозділу"), ("Form.Heads", "true")],
            [("Form.Name", "Чужа Сторінка"), ("Form.PageId", "999999")],
            [("Form.Name", "Погана Адреса"), ("Form.Slug", "../../admin")],
            [("Form.Name", "")],
            [("Form.Name", "!!!")],
        })
        {
            var refused = await admin.PostFormAsync("/admin/people/edit", "/admin/people/edit", fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull(new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector(".form__errors li"));
        }
        Assert.Equal(before, await CountAsync());

        // Editors do not keep the administration's people.
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]));
        Assert.NotEqual(HttpStatusCode.OK, (await editor.GetAsync("/admin/people")).StatusCode);
        var token = await editor.AntiforgeryTokenAsync("/admin/articles");
        var post = await editor.PostAsync("/admin/people/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Form.Name"] = "Редакторський Запис" }));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && post.Headers.Location?.OriginalString.StartsWith("/admin/people") != true,
            $"{(int)post.StatusCode} {post.Headers.Location}");
        Assert.Equal(before, await CountAsync());
    }

    async Task<int> CountAsync()
    {
        await using var scope = site.Scope(out var db);
        return await db.People.CountAsync();
    }

    [Fact]
    public async Task Search_finds_people_by_a_word_form_of_their_post_or_name()
    {
        await Visnyk.Tests.Search.SearchSite.CaughtUpAsync(site);
        var reader = site.Browserless();
        async Task<List<string>> FoundAsync(string query) =>
            (await ReadAsync(reader, "/search?q=" + Uri.EscapeDataString(query))).QuerySelectorAll(".search-people__item a").Select(a => a.TextContent).ToList();

        Assert.Equal(["Коваленко Ірина Миколаївна", "Шевчук Олег Петрович"], await FoundAsync("заступника начальника"));
        Assert.Equal(["Мельник Наталія Іванівна"], await FoundAsync("Мельника"));
        var education = await FoundAsync("директора освіти");
        Assert.Contains("Бондар Сергій Олексійович", education);
        Assert.DoesNotContain("Мельник Наталія Іванівна", education);
        Assert.Empty(await FoundAsync("субсидія"));
    }
}
