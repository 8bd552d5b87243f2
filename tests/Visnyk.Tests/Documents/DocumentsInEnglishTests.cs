using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Articles;
using Visnyk.Documents;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Documents;

// The register in English: the same acts, in Ukrainian (marked so for screen readers), under the
// English page's words, links and feeds; the signed files at their one address.
public class DocumentsInEnglishTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_register_reads_in_English_with_its_acts_in_Ukrainian_marked_as_such()
    {
        var reader = site.Browserless();
        var register = await reader.GetDocumentAsync("/en/documents");
        Assert.Equal("en", register.DocumentElement!.GetAttribute("lang"));
        Assert.Equal("Documents", register.QuerySelector("h1")!.TextContent);
        var items = register.QuerySelectorAll(".documents__item").ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.StartsWith("/en/documents/", i.QuerySelector(".documents__heading a")!.GetAttribute("href")));
        Assert.All(items, i => Assert.Equal("uk", i.QuerySelector(".documents__title")!.GetAttribute("lang")));
        // The headings in English words ("Order No. 310 of 20.06.2025").
        Assert.Contains(items, i => i.QuerySelector(".documents__heading a")!.TextContent.StartsWith("Order No. ", StringComparison.Ordinal));
        // The Ukrainian register is as it was.
        Assert.All((await reader.GetDocumentAsync("/documents")).QuerySelectorAll(".documents__title"), t => Assert.Null(t.GetAttribute("lang")));

        string path;
        await using (var scope = site.Scope(out var db))
        {
            var document = await db.Documents.Published(DateTime.UtcNow).Include(d => d.Files).FirstAsync(d => d.Files.Count > 0);
            path = $"/documents/{document.Id}-{document.Slug}";
        }
        var page = await reader.GetDocumentAsync("/en" + path);
        Assert.Equal("en", page.DocumentElement!.GetAttribute("lang"));
        Assert.Equal("uk", page.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Equal("uk", page.QuerySelector("#document-text ~ .article__body")!.GetAttribute("lang"));
        Assert.Equal(["/en/", "/en/documents"], page.QuerySelectorAll(".breadcrumbs a").Select(a => a.GetAttribute("href")));
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).AbsolutePath);
        Assert.Equal(new Dictionary<string, string> { ["uk"] = path, ["en"] = "/en" + path, ["x-default"] = path }, alternates);
        // Its signed files at their one address, which answers.
        var file = page.QuerySelector(".document-files a")!.GetAttribute("href")!;
        Assert.StartsWith("/documents/files/", file);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(file)).StatusCode);
        // A wrong slug under /en leads to the English address.
        var moved = await site.Client().GetAsync("/en" + path[..(path.IndexOf('-') + 1)] + "wrong");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/en" + path, moved.Headers.Location!.OriginalString);

        // The English feed: English words, the acts' own links in English.
        using var xml = System.Xml.XmlReader.Create(await reader.GetStreamAsync("/en/feeds/documents.rss"));
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(xml);
        Assert.StartsWith("Documents", feed.Title.Text);
        Assert.All(feed.Items, i => Assert.StartsWith("/en/documents/", i.Links[0].Uri.AbsolutePath));
        using var atomXml = System.Xml.XmlReader.Create(await reader.GetStreamAsync("/en/feeds/documents.atom"));
        var atom = System.ServiceModel.Syndication.SyndicationFeed.Load(atomXml);
        Assert.Contains(atom.Links, l => l.RelationshipType == "self" && l.Uri.AbsolutePath == "/en/feeds/documents.atom");
        Assert.Contains(atom.Links, l => l.RelationshipType == "alternate" && l.Uri.AbsolutePath == "/en/documents");

        // The documents' sitemap names both addresses of each act, each naming the other.
        var sitemap = Visnyk.Tests.Feeds.SitemapSchema.Alternates(Visnyk.Tests.Feeds.SitemapSchema.Parse(await reader.GetStringAsync("/sitemaps/documents.xml")));
        Dictionary<string, string> both = new() { ["uk"] = path, ["en"] = "/en" + path, ["x-default"] = path };
        Assert.Equal(both, sitemap[path]);
        Assert.Equal(both, sitemap["/en" + path]);
        Assert.All(sitemap.Values, links => Assert.Equal(3, links.Count));
    }
}
