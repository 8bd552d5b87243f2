using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Visnyk.Data;
using static Visnyk.Tests.Pages.News.JsonLd;

namespace Visnyk.Tests.Pages.News;

// The article page's schema.org data, expanded by a JSON-LD processor as a search engine reads it.
public class JsonLdTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<(string Html, string Script)> ArticleAsync(string path)
    {
        var html = await site.CreateClient().GetStringAsync(path);
        var scripts = new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/ld+json']");
        return (html, Assert.Single(scripts).TextContent);
    }

    [Fact]
    public async Task Every_node_of_the_article_page_is_typed_article_organisations_image_breadcrumbs()
    {
        var (_, script) = await ArticleAsync("/news/4");
        var expanded = await ExpandAsync(script);

        var untyped = Nodes(expanded).Where(n => Types(n).Count == 0).Select(n => n.GetRawText()).ToList();
        Assert.True(untyped.Count == 0, $"JSON-LD nodes without @type:\n{string.Join("\n", untyped)}");

        var top = expanded.EnumerateArray().ToList();
        var article = Assert.Single(top, n => Types(n).Contains("NewsArticle"));
        Assert.Equal(DemoContent.ReferenceTitle, Value(article, "headline"));
        Assert.Equal("2025-06-18T15:58:00+03:00", Value(article, "datePublished"));
        var authors = Values(article, "author");
        Assert.Equal(2, authors.Count);
        Assert.All(authors, a => Assert.Equal(["GovernmentOrganization"], Types(a)));
        Assert.All(authors, a => Assert.StartsWith("http://localhost/departments/", Value(a, "url")));
        var publisher = Assert.Single(Values(article, "publisher"));
        Assert.Equal(["GovernmentOrganization"], Types(publisher));
        Assert.False(string.IsNullOrWhiteSpace(Value(publisher, "name")));
        var image = Assert.Single(Values(article, "image"));
        Assert.Equal(["ImageObject"], Types(image));
        Assert.StartsWith("http://localhost/media/", Value(image, "url"));

        var breadcrumbs = Assert.Single(top, n => Types(n).Contains("BreadcrumbList"));
        // itemListElement is unordered in schema.org's context: order the crumbs by position.
        var crumbs = Values(breadcrumbs, "itemListElement").OrderBy(c => int.Parse(Value(c, "position")!)).ToList();
        Assert.All(crumbs, c => Assert.Equal(["ListItem"], Types(c)));
        Assert.Equal(["Головна", "Новини", DemoContent.ReferenceTitle], crumbs.Select(c => Value(c, "name")));
        Assert.Equal("http://localhost/news", Value(crumbs[1], "item"));
    }

    [Fact]
    public async Task Ukrainian_text_is_written_as_letters_not_escapes()
    {
        var (_, script) = await ArticleAsync("/news/4");
        Assert.Contains(DemoContent.ReferenceTitle, script);
        Assert.DoesNotContain("\\u04", script, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_title_with_a_closing_script_tag_stays_inside_the_json_ld()
    {
        const string title = "Нарада </script><script>alert('jsonld')</script> & <!-- <b>кінець</b>";
        int department;
        await using (var scope = site.Scope(out var db))
        {
            department = db.Departments.First().Id;
        }
        var chief = await Newsroom.Newsroom.SignedInAsync(site, await Newsroom.Newsroom.CreateAsync(site, Visnyk.Accounts.Roles.ChiefEditor));
        var published = await Newsroom.Newsroom.PostFormAsync(chief, "/admin/articles/edit", "/admin/articles/edit?handler=Publish",
            ("Form.Title", title), ("Form.Departments", department.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        string path;
        await using (var scope = site.Scope(out var db))
        {
            path = db.Articles.Single(a => a.Title == title).Path;
        }

        var (html, script) = await ArticleAsync(path);
        Assert.DoesNotContain("<script>alert", html);
        var page = new HtmlParser().ParseDocument(html);
        Assert.DoesNotContain(page.Scripts, s => s.TextContent.Contains("alert") && s.Type != "application/ld+json");
        var headline = JsonDocument.Parse(script).RootElement.GetProperty("@graph")[0].GetProperty("headline").GetString();
        Assert.Equal(title, headline);
        Assert.Equal(title, Value(Assert.Single((await ExpandAsync(script)).EnumerateArray(), n => Types(n).Contains("NewsArticle")), "headline"));
    }
}
