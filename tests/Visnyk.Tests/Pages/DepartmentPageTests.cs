using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Tests.Caching;
using Visnyk.Tests.Newsroom;
using static Visnyk.Tests.Pages.News.JsonLd;

namespace Visnyk.Tests.Pages;

// A department's page as residents and search engines read it: its contacts and reception hours,
// and the same facts as schema.org GovernmentOrganization (expanded by a JSON-LD processor), both
// following an administrator's change at once.
public class DepartmentPageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_page_shows_reception_hours_and_describes_the_department_for_search_engines()
    {
        int id;
        string path;
        await using (var scope = site.Scope(out var db))
        {
            var department = await db.Departments.OrderBy(d => d.Position).FirstAsync();
            (id, path) = (department.Id, department.Path);
        }
        var reader = site.Browserless();
        var (page, script) = await ReadAsync(reader, path);
        Assert.Equal(["Понеділок–четвер: 9:00–18:00", "П’ятниця: 9:00–16:45", "Перерва: 13:00–13:45"],
            page.QuerySelectorAll("[data-testid=reception] li").Select(li => li.TextContent));

        var expanded = await ExpandAsync(script);
        var untyped = Nodes(expanded).Where(n => Types(n).Count == 0).Select(n => n.GetRawText()).ToList();
        Assert.True(untyped.Count == 0, $"JSON-LD nodes without @type:\n{string.Join("\n", untyped)}");
        var top = expanded.EnumerateArray().ToList();
        var organization = Assert.Single(top, n => Types(n).Contains("GovernmentOrganization"));
        Assert.Equal("Департамент інформаційної діяльності та комунікацій з громадськістю", Value(organization, "name"));
        Assert.Equal("http://localhost" + path, Value(organization, "url"));
        Assert.Equal("+380 (532) 56-02-90", Value(organization, "telephone"));
        Assert.Equal("info-dept@poltava-ova.example", Value(organization, "email"));
        var address = Assert.Single(Values(organization, "address"));
        Assert.Equal(["PostalAddress"], Types(address));
        Assert.Equal("36014, Полтава, вулиця Соборності, 45", Value(address, "streetAddress"));
        var contact = Assert.Single(Values(organization, "contactPoint"));
        Assert.Equal(["ContactPoint"], Types(contact));
        Assert.Equal("Прийом громадян", Value(contact, "contactType"));
        Assert.Contains("Понеділок–четвер: 9:00–18:00", Value(contact, "description"));
        var parent = Assert.Single(Values(organization, "parentOrganization"));
        Assert.Equal(["GovernmentOrganization"], Types(parent));
        Assert.Equal("http://localhost/", Value(parent, "url"));
        var breadcrumbs = Assert.Single(top, n => Types(n).Contains("BreadcrumbList"));
        Assert.Equal(["Головна", "Структурні підрозділи", "Департамент інформаційної діяльності та комунікацій з громадськістю"],
            Values(breadcrumbs, "itemListElement").OrderBy(c => int.Parse(Value(c, "position")!)).Select(c => Value(c, "name")));

        // An administrator changes the hours: the cached page and its data follow at once, and the change is audited.
        await SiteEvictionTests.CachedAsync(reader, path);
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var saved = await admin.PostFormAsync($"/admin/departments/edit/{id}", $"/admin/departments/edit/{id}",
            ("Form.Name", "Департамент інформаційної діяльності та комунікацій з громадськістю"), ("Form.Slug", path.Split('/')[^1]),
            ("Form.Address", "36014, Полтава, вулиця Соборності, 45"), ("Form.Phone", "+380 (532) 56-02-90"),
            ("Form.ReceptionHours", "  Вівторок: 10:00–13:00 \n\n Четвер: 14:00–17:00  "), ("Form.Position", "1"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        (page, script) = await ReadAsync(reader, path);
        Assert.Equal(["Вівторок: 10:00–13:00", "Четвер: 14:00–17:00"], page.QuerySelectorAll("[data-testid=reception] li").Select(li => li.TextContent));
        organization = Assert.Single((await ExpandAsync(script)).EnumerateArray(), n => Types(n).Contains("GovernmentOrganization"));
        Assert.Equal("Вівторок: 10:00–13:00; Четвер: 14:00–17:00", Value(Assert.Single(Values(organization, "contactPoint")), "description"));
        // No e-mail now: none in the data either, not even as a null.
        Assert.Null(Value(organization, "email"));
        Assert.DoesNotContain("null", script);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Contains(await db.AuditEntries.Where(e => e.Action == AuditActions.DepartmentChanged && e.Subject == $"department:{id}").Select(e => e.Details).ToListAsync(),
                d => d.Contains("Вівторок: 10:00–13:00"));
        }
    }

    static async Task<(AngleSharp.Html.Dom.IHtmlDocument Page, string Script)> ReadAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var page = new HtmlParser().ParseDocument(html);
        return (page, Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent);
    }
}
