using System.Net;
using AngleSharp.Dom;
using Visnyk.Data;

namespace Visnyk.Tests.Pages.News;

// The reference page, element by element, as the demo content loads it.
public class ArticlePageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    async Task<(string Url, IDocument Page)> ReferenceAsync()
    {
        var client = site.Browserless();
        var news = await client.GetDocumentAsync("/news");
        var link = news.QuerySelectorAll("a").First(a => a.TextContent.Trim() == DemoContent.ReferenceTitle);
        var url = link.GetAttribute("href")!;
        return (url, await client.GetDocumentAsync(url));
    }

    [Fact]
    public async Task Has_a_readable_transliterated_address()
    {
        var (url, _) = await ReferenceAsync();
        Assert.Matches(@"^/news/\d+-chlenkyni-koalitsii-1325-poltavshchyny-zustrilys-z-konsultatsiinoiu-misiieiu-yes$", url);
    }

    [Fact]
    public async Task Starts_with_a_skip_link_to_the_main_content()
    {
        var (_, page) = await ReferenceAsync();
        Assert.Equal("uk", page.DocumentElement.GetAttribute("lang"));
        var first = page.Body!.QuerySelector("a")!;
        Assert.Equal("Перейти до основного вмісту", first.TextContent.Trim());
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.NotNull(page.QuerySelector("body > header"));
        Assert.NotNull(page.QuerySelector("body > footer"));
    }

    [Fact]
    public async Task Has_breadcrumbs_home_and_news()
    {
        var (_, page) = await ReferenceAsync();
        var crumbs = page.QuerySelectorAll("nav.breadcrumbs[aria-label] ol li a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Головна", "/"), ("Новини", "/news")], crumbs);
    }

    [Fact]
    public async Task Has_one_h1_with_the_title_and_the_date_in_kyiv_time()
    {
        var (url, page) = await ReferenceAsync();
        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal(DemoContent.ReferenceTitle, h1.TextContent.Trim());
        Assert.StartsWith(DemoContent.ReferenceTitle, page.Title);
        var time = page.QuerySelector(".article__date time")!;
        Assert.Equal("18 червня 2025, 15:58", time.TextContent.Trim());
        Assert.Equal("2025-06-18T15:58:00+03:00", time.GetAttribute("datetime"));
        Assert.EndsWith(url, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Names_both_publishing_departments_with_links()
    {
        var (_, page) = await ReferenceAsync();
        var departments = page.QuerySelectorAll(".article__departments a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal(
        [
            ("Департамент інформаційної діяльності та комунікацій з громадськістю", "/departments/departament-informatsiinoi-diialnosti-ta-komunikatsii-z-hromadskistiu"),
            ("Департамент соціального захисту населення", "/departments/departament-sotsialnoho-zakhystu-naselennia"),
        ], departments);
        foreach (var (_, href) in departments)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.Browserless().GetAsync(href)).StatusCode);
        }
    }

    [Fact]
    public async Task Shows_the_lead_photo_as_a_figure_with_caption_alt_size_and_srcset()
    {
        var (_, page) = await ReferenceAsync();
        var figure = page.QuerySelector("figure.article__lead")!;
        Assert.Equal("КМЕС 1", figure.QuerySelector("figcaption")!.TextContent.Trim());
        var img = figure.QuerySelector("img")!;
        Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
        Assert.True(int.Parse(img.GetAttribute("width")!) > 0);
        Assert.True(int.Parse(img.GetAttribute("height")!) > 0);
        Assert.Contains(" 480w", img.GetAttribute("srcset"));
        Assert.Contains(" 1440w", img.GetAttribute("srcset"));
        Assert.Contains(".webp 960w", figure.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"));

        var photo = await site.Browserless().GetAsync(img.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", photo.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Shows_the_body_of_the_reference_page()
    {
        var (_, page) = await ReferenceAsync();
        var paragraphs = page.QuerySelectorAll(".article__body p").Select(p => p.TextContent).ToList();
        Assert.Equal(6, paragraphs.Count);
        Assert.StartsWith("Безпекові питання, робота з постраждалими від СНПК", paragraphs[0]);
        Assert.Equal("Окремі слова подяки простору «СОС дитячі містека» за можливість проведення зустрічі.", paragraphs[^1]);
    }

    [Fact]
    public async Task Offers_share_links_without_third_party_scripts()
    {
        var (url, page) = await ReferenceAsync();
        var encoded = Uri.EscapeDataString("http://localhost" + url);
        var links = page.QuerySelectorAll(".share a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(links, l => l.StartsWith("https://www.facebook.com/sharer/sharer.php?u=" + encoded));
        Assert.Contains(links, l => l.StartsWith("https://t.me/share/url?url=" + encoded));
        Assert.Contains(links, l => l.StartsWith("https://x.com/intent/post?url=" + encoded));
        Assert.Contains(links, l => l.StartsWith("viber://forward?text=") && l.Contains(encoded));
        Assert.Contains(links, l => l.StartsWith("mailto:?subject=") && l.Contains(encoded));
        Assert.Contains(page.QuerySelectorAll(".share a.share__copy"), a => a.TextContent.Trim() == "Скопіювати посилання");
        Assert.Equal("Поділитись", page.QuerySelector(".share h2")!.TextContent.Trim());

        // Every script and stylesheet comes from the site itself.
        foreach (var src in page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)
                     .Concat(page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)))
        {
            Assert.StartsWith("/", src);
            Assert.False(src.StartsWith("//"), src);
        }
        Assert.Empty(page.QuerySelectorAll("iframe"));
    }

    [Fact]
    public async Task Lists_tags_linking_to_tag_pages()
    {
        var (_, page) = await ReferenceAsync();
        var tags = page.QuerySelectorAll(".tags a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Коаліція 1325 Полтавщина", "/tags/koalitsiia-1325-poltavshchyna"), ("соцзахист", "/tags/sotszakhyst")], tags);
    }

    [Fact]
    public async Task Shows_the_three_pinned_related_news_with_short_dates()
    {
        var (url, page) = await ReferenceAsync();
        var related = page.QuerySelector("section.related")!;
        Assert.Equal("Новина за темою", related.QuerySelector("h2")!.TextContent.Trim());
        var items = related.QuerySelectorAll(".news-item").ToList();
        Assert.Equal(
        [
            "Жити без бар’єрів: як в Новосанжарському будинку-інтернаті опановують побутові навички",
            "Соціальна політика має бути спрямована на інвестування в майбутнє людини, – Денис Улютін",
            "Україна разом з міжнародними партнерами шукає фінансовий інструмент, щоб запрацювала накопичувальна пенсійна система",
        ], items.Select(i => i.QuerySelector(".news-item__title")!.TextContent.Trim()));
        Assert.All(items, i => Assert.Equal("18/06/2025", i.QuerySelector("time")!.TextContent.Trim()));
        Assert.DoesNotContain(items, i => i.QuerySelector("a")!.GetAttribute("href") == url);
    }

    [Fact]
    public async Task Has_a_gallery_that_is_a_plain_list_with_labelled_controls()
    {
        var (_, page) = await ReferenceAsync();
        var gallery = page.QuerySelector("section.gallery")!;
        var captions = gallery.QuerySelectorAll(".gallery__item figcaption").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["КМЕС 2", "КМЕС 2", "КМЕС", "КМЕС"], captions);
        Assert.All(gallery.QuerySelectorAll(".gallery__item img"), img =>
        {
            Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
            Assert.NotNull(img.GetAttribute("width"));
            Assert.NotNull(img.GetAttribute("height"));
        });
        // Without JavaScript the controls stay hidden and every photo is in the list.
        var controls = gallery.QuerySelector(".gallery__controls")!;
        Assert.True(controls.HasAttribute("hidden"));
        Assert.Equal("Попереднє фото", controls.QuerySelector("button.gallery__prev")!.GetAttribute("aria-label"));
        Assert.Equal("Наступне фото", controls.QuerySelector("button.gallery__next")!.GetAttribute("aria-label"));
        Assert.Empty(gallery.QuerySelectorAll(".gallery__item[hidden]"));
    }

    [Fact]
    public async Task Shows_nine_latest_news_and_a_link_to_more()
    {
        var (_, page) = await ReferenceAsync();
        var latest = page.QuerySelector("aside.latest")!;
        Assert.Equal("Останні новини", latest.QuerySelector("h2")!.TextContent.Trim());
        var items = latest.QuerySelectorAll(".news-item").ToList();
        Assert.Equal(9, items.Count);
        Assert.Equal("У Полтаві відбудеться футбольний турнір пам’яті Народного Героя України Степана Чубенка", items[0].QuerySelector("a")!.TextContent.Trim());
        Assert.Equal("24 серпня відбудеться всесвітня акція «Ланцюг єдності» до Дня Незалежності України", items[^1].QuerySelector("a")!.TextContent.Trim());
        Assert.All(items, i => Assert.Equal("21/08/2025", i.QuerySelector("time")!.TextContent.Trim()));
        var more = latest.QuerySelectorAll("a").Last();
        Assert.Equal(("Більше новин", "/news"), (more.TextContent.Trim(), more.GetAttribute("href")));
    }

    [Fact]
    public async Task Offers_the_sign_up_block_with_a_labelled_address_and_frequency()
    {
        var (_, page) = await ReferenceAsync();
        var block = page.QuerySelector("section.subscribe")!;
        Assert.Equal("Надсилаємо найсвіжіший дайджест новин", block.QuerySelector("h2")!.TextContent.Trim());
        var form = block.QuerySelector("form")!;
        Assert.Equal(("post", "/subscribe"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("Ваша електронна пошта", block.QuerySelector("label[for=subscribe-email]")!.TextContent.Trim());
        Assert.Equal("email", block.QuerySelector("#subscribe-email")!.GetAttribute("type"));
        Assert.Equal("Topics[all]", block.QuerySelector("#subscribe-frequency")!.GetAttribute("name"));
        // The bot trap is out of sight and out of the accessibility tree and the tab order.
        var trap = block.QuerySelector(".trap")!;
        Assert.Equal("true", trap.GetAttribute("aria-hidden"));
        Assert.Equal("-1", trap.QuerySelector("input")!.GetAttribute("tabindex"));
        Assert.Equal("/subscribe", block.QuerySelectorAll("a").Last().GetAttribute("href"));
    }

    [Fact]
    public async Task Has_the_footer_of_the_reference_page_with_a_site_map_link()
    {
        var (_, page) = await ReferenceAsync();
        var footer = page.QuerySelector("body > footer")!;
        var text = footer.TextContent;
        Assert.Contains("Полтавська обласна військова адміністрація", text);
        Assert.Contains("Офіційний веб-сайт", text);
        Assert.Contains("36014, Полтава, вулиця Соборності, 45", text);
        Assert.Contains(footer.QuerySelectorAll("a"), a => a.GetAttribute("href") == "tel:+380532560290" && a.TextContent == "+380 (532) 56-02-90");
        Assert.Contains(footer.QuerySelectorAll("a"), a => a.GetAttribute("href") == "tel:112");
        Assert.Contains(footer.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("mailto:"));
        Assert.Contains("Технічна підтримка сайту", text);
        Assert.Contains("Гаряча лінія", text);
        var licence = footer.QuerySelector("a[rel=license]")!;
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/deed.uk", licence.GetAttribute("href"));
        Assert.Contains("Creative Commons Attribution 4.0 International", text);
        Assert.Contains("Розроблено", text);
        Assert.Contains("За підтримки", text);
        Assert.Contains(footer.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/sitemap" && a.TextContent == "Мапа сайту");
    }

    [Fact]
    public async Task Weighs_under_50_kilobytes_without_photos()
    {
        var (url, page) = await ReferenceAsync();
        var client = site.Browserless();
        long total = (await client.GetByteArrayAsync(url)).Length;
        foreach (var asset in page.QuerySelectorAll("link[rel=stylesheet], script[src], link[rel=icon]"))
        {
            total += (await client.GetByteArrayAsync(asset.GetAttribute("href") ?? asset.GetAttribute("src"))).Length;
        }
        // Uncompressed; over the wire Brotli makes it several times smaller.
        Assert.True(total < 50 * 1024, $"article page with its assets: {total} bytes");
    }

    [Fact]
    public async Task Short_and_stale_addresses_redirect_permanently_to_the_canonical_one()
    {
        var (url, _) = await ReferenceAsync();
        var id = url.Split('/')[2].Split('-')[0];
        var client = site.Browserless();
        foreach (var old in new[] { $"/news/{id}", $"/news/{id}-old-title", $"/news/{id}-%D0%A7%D0%BB%D0%B5%D0%BD" })
        {
            var response = await client.GetAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(url, response.Headers.Location!.ToString());
        }
    }

    [Theory]
    [InlineData("/news/999999")]
    [InlineData("/news/999999-nothing")]
    [InlineData("/news/abc")]
    [InlineData("/news/0")]
    public async Task Unknown_articles_get_the_not_found_page(string url)
    {
        var response = await site.Browserless().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Сторінку не знайдено", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
