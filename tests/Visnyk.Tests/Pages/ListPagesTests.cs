using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Visnyk.Tests.Pages;

public class ListPagesTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task A_department_page_shows_its_description_contacts_and_news()
    {
        var doc = await site.Browserless().GetDocumentAsync("/departments/departament-sotsialnoho-zakhystu-naselennia");
        Assert.Equal("Департамент соціального захисту населення", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("соціальну підтримку", doc.QuerySelector(".department-card")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll(".department-card a"), a => a.GetAttribute("href")!.StartsWith("tel:+380"));
        Assert.Contains(doc.QuerySelectorAll(".department-card a"), a => a.GetAttribute("href")!.StartsWith("mailto:"));
        var titles = doc.QuerySelectorAll("main .news-item__title").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(5, titles.Count); // the reference article, its three related, and one of 21 August
        Assert.Contains("Членкині Коаліції 1325 Полтавщини зустрілись з Консультаційною місією ЄС в Україні (КМЄС)", titles);
    }

    [Fact]
    public async Task A_tag_page_lists_the_news_with_that_tag()
    {
        var doc = await site.Browserless().GetDocumentAsync("/tags/sotszakhyst");
        Assert.Equal("Новини з теги «соцзахист»", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(5, doc.QuerySelectorAll("main .news-item").Length);
    }

    [Theory]
    [InlineData("/tags/no-such-tag")]
    [InlineData("/departments/no-such-department")]
    [InlineData("/tags/sotszakhyst?page=2")]
    public async Task Unknown_tags_departments_and_pages_are_not_found(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await site.Browserless().GetAsync(url)).StatusCode);

    // Not a page number at all (QueryRules).
    [Theory]
    [InlineData("/tags/sotszakhyst?page=-1")]
    [InlineData("/departments/no-such-department?page=abc")]
    public async Task Malformed_page_numbers_are_bad_requests(string url) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Browserless().GetAsync(url)).StatusCode);

    // The pages find theirs in the site's chrome snapshot. One added where this instance's snapshot
    // is not forgotten (straight into the database, as another instance or an import would) has
    // its page at once.
    [Fact]
    public async Task A_tag_or_department_added_behind_the_snapshot_has_its_page_at_once()
    {
        var client = site.Browserless();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tags/sotszakhyst")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/departments/departament-sotsialnoho-zakhystu-naselennia")).StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            db.Tags.Add(new Visnyk.Tags.Tag { Name = "нова тема", Slug = "nova-tema-za-znimkom" });
            db.Departments.Add(new Visnyk.Departments.Department { Name = "Новий відділ", Slug = "novyi-viddil-za-znimkom" });
            await db.SaveChangesAsync();
        }
        var tag = await client.GetDocumentAsync("/tags/nova-tema-za-znimkom");
        Assert.Equal("Новини з теги «нова тема»", tag.QuerySelector("h1")!.TextContent.Trim());
        var department = await client.GetDocumentAsync("/departments/novyi-viddil-za-znimkom");
        Assert.Equal("Новий відділ", department.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_site_map_lists_sections_every_department_and_every_tag()
    {
        var doc = await site.Browserless().GetDocumentAsync("/sitemap");
        Assert.Equal("Мапа сайту", doc.QuerySelector("h1")!.TextContent.Trim());
        var hrefs = doc.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToHashSet();
        await using var scope = site.Scope(out var db);
        foreach (var department in await db.Departments.ToListAsync())
        {
            Assert.Contains(department.Path, hrefs);
        }
        foreach (var tag in await db.Tags.ToListAsync())
        {
            Assert.Contains(tag.Path, hrefs);
        }
        Assert.Contains("/news", hrefs);
    }

    [Fact]
    public async Task The_home_page_has_a_lead_story_latest_news_news_by_department_and_the_sign_up_block()
    {
        var doc = await site.Browserless().GetDocumentAsync("/");
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("У Полтаві відбудеться футбольний турнір пам’яті Народного Героя України Степана Чубенка",
            doc.QuerySelector(".lead-story h2")!.TextContent.Trim());
        Assert.Equal(8, doc.QuerySelectorAll("aside.latest .news-item").Length);
        var departmentBlocks = doc.QuerySelectorAll("section.department-news").ToList();
        Assert.True(departmentBlocks.Count >= 2);
        Assert.All(departmentBlocks, b => Assert.InRange(b.QuerySelectorAll(".news-item").Length, 1, 3));
        Assert.NotNull(doc.QuerySelector("section.subscribe a[href='/subscribe']"));
    }
}
