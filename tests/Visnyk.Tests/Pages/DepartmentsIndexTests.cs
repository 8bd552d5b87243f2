using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Visnyk.Tests.Pages;

// /departments lists every structural unit with its contacts and a link to its news; the site's
// menu, a unit's breadcrumbs and the site map lead there.
public class DepartmentsIndexTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_departments_page_lists_every_department_with_its_contacts()
    {
        var client = site.Browserless();
        var response = await client.GetAsync("/departments");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Структурні підрозділи", page.QuerySelector("h1")!.TextContent.Trim());
        List<Visnyk.Departments.Department> departments;
        await using (var scope = site.Scope(out var db))
        {
            departments = await db.Departments.OrderBy(d => d.Position).ThenBy(d => d.Name).ToListAsync();
        }
        Assert.NotEmpty(departments);
        var cards = page.QuerySelectorAll(".department-index > li").ToList();
        Assert.Equal(departments.Select(d => d.Path), cards.Select(c => c.QuerySelector("h2 a")!.GetAttribute("href")));
        foreach (var (department, card) in departments.Zip(cards))
        {
            Assert.Equal(department.Name, card.QuerySelector("h2 a")!.TextContent.Trim());
            if (department.Phone.Length > 0)
            {
                Assert.Contains(department.Phone, card.TextContent);
            }
            if (department.Email.Length > 0)
            {
                Assert.NotNull(card.QuerySelector($"a[href='mailto:{department.Email}']"));
            }
        }
        Assert.Contains(departments, d => d.Phone.Length > 0 || d.Email.Length > 0);

        // The menu, a department's breadcrumbs and the site map link here.
        var departmentPage = await client.GetStringAsync(departments[0].Path);
        Assert.Contains("<li><a href=\"/departments\">Структурні підрозділи</a></li>", departmentPage);
        Assert.Contains("href=\"/departments\"", await client.GetStringAsync("/sitemap"));
    }
}
