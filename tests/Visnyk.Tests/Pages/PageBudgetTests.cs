using System.IO.Compression;

namespace Visnyk.Tests.Pages;

// Pages for 2G (issue 19): the reference article (lead photo, gallery, related news), as a phone that
// accepts Brotli gets it. Its first round trip (the HTML and the stylesheet it needs to show text)
// fits 14 KB, TCP's first window; everything but the photos fits 25 KB; and only the first photo
// loads before the reader scrolls to the others. bench/page-budget.sh prints the same figures from
// the published site.
public class PageBudgetTests(HtmlValidityTests.Site site) : IClassFixture<HtmlValidityTests.Site>
{
    const int FirstRoundTrip = 14 * 1024;
    const int WithoutPhotos = 25 * 1024;

    // The page as the site compresses it on the way out (ResponseCompression, Brotli).
    static async Task<(int Bytes, string Encoding)> ServedAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadAsByteArrayAsync()).Length, string.Join(",", response.Content.Headers.ContentEncoding));
    }

    // A file of wwwroot as a published site sends it: publishing stores a .br beside each (Brotli at
    // its smallest, what MapStaticAssets then serves). The build these tests run from has no .br,
    // and there MapStaticAssets wraps the file in gzip without compressing it, so that is not measured.
    static async Task<int> PublishedAsync(HttpClient client, string path)
    {
        var bytes = await client.GetByteArrayAsync(path);
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(bytes);
        }
        return (int)compressed.Length;
    }

    [Fact]
    public async Task The_article_page_fits_the_first_round_trip_and_loads_its_later_photos_lazily()
    {
        var path = (await site.PagesAsync())["article"].Path;
        var client = site.CreateClient();
        var page = await client.GetDocumentAsync(path);
        var html = await ServedAsync(client, path);
        Assert.Equal("br", html.Encoding);

        var styles = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        var files = styles
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .Concat(page.QuerySelectorAll("link[rel=icon]").Select(l => l.GetAttribute("href")!)).ToList();
        var sizes = new Dictionary<string, int> { [path] = html.Bytes };
        foreach (var file in files)
        {
            sizes[file] = await PublishedAsync(client, file);
        }
        // The manifest is written per site and language (not a file): as served.
        foreach (var manifest in page.QuerySelectorAll("link[rel=manifest]").Select(l => l.GetAttribute("href")!))
        {
            sizes[manifest] = (await ServedAsync(client, manifest)).Bytes;
        }
        var report = string.Join(", ", sizes.Select(s => $"{s.Key}: {s.Value} B"));
        var first = html.Bytes + styles.Sum(s => sizes[s]);
        Assert.True(first <= FirstRoundTrip, $"HTML and stylesheets: {first} B compressed, over {FirstRoundTrip} ({report})");
        Assert.True(sizes.Values.Sum() <= WithoutPhotos, $"the page without photos: {sizes.Values.Sum()} B compressed, over {WithoutPhotos} ({report})");

        // Photos: the first as soon as the page, every later one when the reader comes near it.
        var images = page.QuerySelectorAll("main img").ToList();
        Assert.True(images.Count > 1, $"{path} has {images.Count} photo(s); the check needs more");
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.All(images.Skip(1), i => Assert.Equal("lazy", i.GetAttribute("loading")));
    }

    [Fact]
    public async Task Saving_data_the_gallery_waits_in_a_closed_disclosure_and_the_page_says_it_varies()
    {
        var path = (await site.PagesAsync())["article"].Path;
        var client = site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Save-Data", "on");
        using var response = await client.SendAsync(request);
        Assert.Contains("Save-Data", response.Headers.Vary);
        var saving = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        var details = saving.QuerySelector(".gallery details")!;
        Assert.False(details.HasAttribute("open"));
        Assert.Equal("Показати фото (4)", details.QuerySelector("summary")!.TextContent.Trim());
        Assert.All(details.QuerySelectorAll("img"), i => Assert.Equal("lazy", i.GetAttribute("loading")));

        // From the same output cache, a reader who does not ask gets the gallery open.
        var plain = await client.GetDocumentAsync(path);
        Assert.Null(plain.QuerySelector(".gallery details"));
        Assert.Equal(4, plain.QuerySelectorAll(".gallery img").Length);
    }
}
