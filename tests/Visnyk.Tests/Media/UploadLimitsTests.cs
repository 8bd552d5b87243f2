using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Media;

// Uploads are bounded (issue 13, finding 12): a request over the limit answers 413 with the site's
// page, a 49-megapixel picture is shrunk while it is decoded, and decodes wait their turn.
// Memory and time for ten such uploads at once: bench/uploads.sh.
public class UploadLimitsTests(UploadLimitsTests.SmallRequestsSite site) : IClassFixture<UploadLimitsTests.SmallRequestsSite>
{
    // Requests up to 1 MB, so the test does not need hundreds of megabytes to cross the limit.
    public class SmallRequestsSite : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Visnyk:Media:MaxRequestMegabytes", "1");
        }
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] data, string name, bool chunked = false)
    {
        var token = await client.AntiforgeryTokenAsync("/admin/media");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(data), "files", name);
        HttpContent content = form;
        if (chunked)
        {
            // The same body without a Content-Length: the limit is found while reading.
            content = new StreamContent(await form.ReadAsStreamAsync());
            content.Headers.ContentType = form.Headers.ContentType;
        }
        return await client.PostAsync("/admin/media", content);
    }

    async Task<int> ImageCountAsync()
    {
        await using var scope = site.Scope(out var db);
        return await db.Images.CountAsync();
    }

    [Fact]
    public async Task An_upload_over_the_request_limit_answers_413_with_the_sites_page_and_stores_nothing()
    {
        var client = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var before = await ImageCountAsync();
        var big = new byte[2 * 1_048_576];
        Random.Shared.NextBytes(big);

        var response = await UploadAsync(client, big, "big.jpg");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(Text.TooLargeTitle, page.QuerySelector("h1")?.TextContent);

        var chunked = await UploadAsync(client, big, "big.jpg", chunked: true);
        Assert.True((int)chunked.StatusCode is >= 400 and < 500, $"chunked: {(int)chunked.StatusCode}");
        Assert.Equal(before, await ImageCountAsync());
    }

    [Fact]
    public async Task A_49_megapixel_picture_is_kept_at_the_largest_size_the_site_shows()
    {
        // 157 KB on disk, 49 million pixels decoded: the review's picture.
        byte[] png;
        using (var huge = (NetVips.Image.Black(7000, 7000, bands: 3) + 96).Cast(NetVips.Enums.BandFormat.Uchar))
        {
            png = huge.PngsaveBuffer(compression: 9);
        }
        var client = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var response = await UploadAsync(client, png, "plan.png");
        // Over this site's 1 MB request limit? No: the file is small; its pixels are many.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Завантажено: plan.png", await response.Content.ReadAsStringAsync());

        await using var scope = site.Scope(out var db);
        var image = await db.Images.OrderByDescending(i => i.Id).FirstAsync();
        Assert.InRange(image.Width, ImageUpload.MaxWidth - 1, ImageUpload.MaxWidth);
        Assert.InRange(image.Height, ImageUpload.MaxWidth - 1, ImageUpload.MaxWidth);
    }

    [Fact]
    public async Task Decodes_beyond_the_configured_number_wait_for_a_free_slot()
    {
        using var queue = new ImageQueue(Options.Create(new SiteOptions { Media = new MediaOptions { DecodeConcurrency = 2 } }));
        var running = 0;
        var most = 0;
        using var release = new ManualResetEventSlim();
        var work = Enumerable.Range(0, 5).Select(_ => queue.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            release.Wait();
            Interlocked.Decrement(ref running);
            return now;
        }, CancellationToken.None)).ToList();

        // Two are inside, three are waiting for a slot.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (queue.Waiting != 3 || Volatile.Read(ref running) != 2)
            {
                await Task.Delay(10, timeout.Token);
            }
        }
        release.Set();
        await Task.WhenAll(work);
        Assert.Equal(2, most);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
