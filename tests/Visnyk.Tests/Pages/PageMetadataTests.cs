using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;

namespace Visnyk.Tests.Pages;

// What a search engine and a feed reader find in each public page's head.
public class PageMetadataTests(HtmlValidityTests.Site site) : IClassFixture<HtmlValidityTests.Site>
{
    [Theory]
    [MemberData(nameof(PublicPages.Names), MemberType = typeof(PublicPages))]
    public async Task Every_public_page_has_a_meta_description_of_its_own(string name)
    {
        var page = (await site.PagesAsync())[name];
        var response = await site.CreateClient().GetAsync(page.Path);
        Assert.Equal(page.Status, response.StatusCode);
        var html = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        var descriptions = html.QuerySelectorAll("head meta[name=description]").Select(m => m.GetAttribute("content") ?? "").ToList();
        var description = Assert.Single(descriptions);
        // A sentence, not a word, and short enough for a search result's snippet.
        Assert.InRange(description.Trim().Length, 30, 320);
        Assert.NotEqual(html.Title, description);
    }

    [Theory]
    [InlineData("tag")]
    [InlineData("department")]
    public async Task Tag_and_department_pages_link_their_own_rss_and_atom_feeds_in_the_head_and_in_the_page(string name)
    {
        var page = (await site.PagesAsync())[name];
        var client = site.CreateClient();
        var html = await client.GetDocumentAsync(page.Path);
        var feedPath = "/feeds" + page.Path.Split('?')[0]; // /tags/x → /feeds/tags/x.rss

        foreach (var (type, format) in new[] { ("application/rss+xml", "rss"), ("application/atom+xml", "atom") })
        {
            var expected = $"{feedPath}.{format}";
            var head = html.QuerySelectorAll($"head link[rel=alternate][type='{type}']").Select(l => l.GetAttribute("href")).ToList();
            Assert.True(head.Contains(expected), $"{page.Path}: no <link rel=alternate type={type} href={expected}> in the head, only {string.Join(", ", head)}");
            var visible = html.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
            Assert.True(visible.Contains(expected), $"{page.Path}: no visible link to {expected}");

            // The link leads to a feed that parses and carries news.
            var response = await client.GetAsync(expected);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var feed = SyndicationFeed.Load(XmlReader.Create(await response.Content.ReadAsStreamAsync()));
            Assert.NotEmpty(feed.Items);
        }
    }
}
