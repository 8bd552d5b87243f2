using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Data;
using Visnyk.Tests.Newsletter;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Search;

namespace Visnyk.Tests.Site;

// The English site under /en: its own address space, its own strings, only English articles; and
// a translation written in the newsroom, linked both ways once it is published.
public class LanguageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task English_pages_live_under_en_in_English_and_the_rest_answers_404_there()
    {
        var client = site.Browserless();
        var home = await client.GetAsync("/en");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var page = Parse(await home.Content.ReadAsStringAsync());
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        // The UI speaks English (Text.en.resx), and its links stay in English.
        var nav = page.QuerySelector("nav.site-nav")!;
        Assert.Contains(nav.QuerySelectorAll("a"), a => a.TextContent == "News" && a.GetAttribute("href") == "/en/news");
        Assert.DoesNotContain(nav.QuerySelectorAll("a"), a => a.TextContent == "Новини");
        // The English home and news list show no Ukrainian news (at most a translation another test published).
        var news = Parse(await client.GetStringAsync("/en/news"));
        Assert.All(news.QuerySelectorAll(".news-item__title"), a => Assert.StartsWith("/en/news/", a.GetAttribute("href")));
        Assert.NotEmpty(Parse(await client.GetStringAsync("/news")).QuerySelectorAll(".news-item__title"));
        // The same page's versions: hreflang both ways and x-default (the Ukrainian one).
        var alternates = news.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).AbsolutePath);
        Assert.Equal("/news", alternates["uk"]);
        Assert.Equal("/en/news", alternates["en"]);
        Assert.Equal("/news", alternates["x-default"]);

        // Pages not written in English yet (an untranslated page of the tree), the signed files, the newsroom, the API and media files are not under /en.
        foreach (var path in new[] { "/en/kerivnytstvo", "/en/documents/files/1-none.pdf", "/en/admin", "/en/admin/articles", "/en/api/v1/news", "/en/media/none.jpg", "/en/no-such-page", "/en/feeds/departments/x.rss" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
        // The 404 page itself is in English, and says so in its lang.
        var missing = Parse(await (await client.GetAsync("/en/no-such-page")).Content.ReadAsStringAsync());
        Assert.Equal("en", missing.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page not found", missing.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("uk", Parse(await (await client.GetAsync("/no-such-page")).Content.ReadAsStringAsync()).DocumentElement.GetAttribute("lang"));

        // A Ukrainian article asked for under /en leads to its own address; its switch says the English home has to do.
        var reference = await ReferenceAsync(Untranslated);
        var moved = await client.GetAsync($"/en/news/{reference.Id}-{reference.Slug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"/news/{reference.Id}-{reference.Slug}", moved.Headers.Location!.OriginalString);
        var article = Parse(await client.GetStringAsync($"/news/{reference.Id}-{reference.Slug}"));
        Assert.Empty(article.QuerySelectorAll("link[hreflang]"));
        var toEnglish = Assert.Single(article.QuerySelectorAll(".language-switch a"));
        Assert.Equal("/en", toEnglish.GetAttribute("href"));
        Assert.Equal("en", toEnglish.GetAttribute("lang"));
        Assert.Contains("not available in English", toEnglish.TextContent);
    }

    [Fact]
    public async Task A_translation_is_written_submitted_published_and_linked_both_ways()
    {
        var reference = await ReferenceAsync(ToTranslate);
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, reference.Departments));
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var original = $"/news/{reference.Id}-{reference.Slug}";
        var anonymous = site.Browserless();

        // The original's page is cached, its switch leading to the English home page.
        var hit = await Mail.EventuallyAsync(() => anonymous.GetAsync(original), r => r.Headers.Age is not null, seconds: 10);
        Assert.True(hit.Headers.Age is not null, "the original's page is not served from the output cache");
        Assert.Equal("/en", Parse(await hit.Content.ReadAsStringAsync()).QuerySelector(".language-switch a")!.GetAttribute("href"));

        // "Додати переклад англійською" on the original's editor makes the English draft, once.
        var editPath = $"/admin/articles/edit/{reference.Id}";
        Assert.Contains("Додати переклад англійською", await editor.GetStringAsync(editPath));
        var started = await editor.PostFormAsync(editPath, $"{editPath}?handler=Translate", ("language", "en"));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var translationEdit = started.Headers.Location!.OriginalString;
        var again = await editor.PostFormAsync(editPath, $"{editPath}?handler=Translate", ("language", "en"));
        Assert.Equal(translationEdit, again.Headers.Location!.OriginalString);
        var unknown = await editor.PostFormAsync(editPath, $"{editPath}?handler=Translate", ("language", "xx"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var translationId = int.Parse(translationEdit[(translationEdit.LastIndexOf('/') + 1)..]);
        // The editor shows the original beside the form.
        var form = Parse(await editor.GetStringAsync(translationEdit));
        Assert.Contains(ToTranslate, form.QuerySelector(".translation-original")!.TextContent);

        const string title = "Poltava hosts a football tournament in memory of Stepan Chubenko, People's Hero of Ukraine";
        (string, string)[] fields =
        [
            ("Form.Title", title),
            ("Form.Summary", "A football tournament in memory of Stepan Chubenko will be held in Poltava."),
            ("Form.Body", "<p>The tournament is open to youth teams of the region.</p>"),
            .. reference.DepartmentIds.Select(d => ("Form.Departments", d.ToString())),
        ];
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(translationEdit, $"{translationEdit}?handler=Submit", fields)).StatusCode);
        // Submitted, not public.
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/en/news"));
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync(translationEdit, $"{translationEdit}?handler=Publish", fields)).StatusCode);

        // Its own address from its English title, in English.
        string slug;
        await using (site.Scope(out var db))
        {
            var translation = await db.Articles.SingleAsync(a => a.Id == translationId);
            Assert.Equal("en", translation.Language);
            Assert.Equal(reference.Id, translation.OriginalId);
            Assert.Equal(ArticleStatus.Published, translation.Status);
            slug = translation.Slug;
            Assert.StartsWith("poltava-hosts-a-football-tournament-in-memory-of-stepan-chubenko", slug);
        }
        var english = $"/en/news/{translationId}-{slug}";
        var page = Parse(await anonymous.GetStringAsync(english));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("en_GB", page.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        // Dates in English, Kyiv time ("21 August 2025, 17:45").
        Assert.Contains(page.QuerySelectorAll("time"), t => System.Text.RegularExpressions.Regex.IsMatch(t.TextContent, @"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d\d:\d\d$"));
        Assert.Equal(Alternates(original, english), Links(page));
        Assert.Equal(original, page.QuerySelector(".language-switch a")!.GetAttribute("href"));
        // The original's cached page was evicted: it now links to its translation.
        var originalPage = Parse(await anonymous.GetStringAsync(original));
        Assert.Equal(Alternates(original, english), Links(originalPage));
        Assert.Equal(english, originalPage.QuerySelector(".language-switch a")!.GetAttribute("href"));
        Assert.Contains("In English", originalPage.QuerySelector(".language-switch a")!.TextContent);
        // In the English lists, in none of the Ukrainian ones; its Ukrainian address leads to its own.
        Assert.Contains(Parse(await anonymous.GetStringAsync("/en/news")).QuerySelectorAll(".news-item__title"), a => a.GetAttribute("href") == english);
        Assert.Contains(Parse(await anonymous.GetStringAsync("/en")).QuerySelectorAll("a"), a => a.GetAttribute("href") == english);
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/news"));
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/"));
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/api/v1/news"));
        var wrongLanguage = await anonymous.GetAsync($"/news/{translationId}-{slug}");
        Assert.Equal(HttpStatusCode.MovedPermanently, wrongLanguage.StatusCode);
        Assert.Equal(english, wrongLanguage.Headers.Location!.OriginalString);
        // The original's editor now opens the translation instead of making another.
        Assert.Contains($"/admin/articles/edit/{translationId}", await editor.GetStringAsync(editPath));

        // "Потребує перекладу": published Ukrainian news without an English version; this one is no longer there.
        var work = Parse(await chief.GetStringAsync("/admin/translations?language=en"));
        var needed = work.QuerySelector(".translations-needed")!.TextContent;
        Assert.Contains(Untranslated, needed);
        Assert.DoesNotContain(ToTranslate, needed);
        Assert.Null(work.QuerySelector(".translations-out-of-date"));
        Assert.Equal(HttpStatusCode.BadRequest, (await chief.GetAsync("/admin/translations?language=xx")).StatusCode);

        // The original corrected after the translation was published: the translation may be out of date.
        (string, string)[] corrected =
        [
            ("Form.Title", ToTranslate), ("Form.Summary", "Турнір перенесено на неділю."), ("Form.Body", "<p>Турнір відбудеться в неділю.</p>"),
            .. reference.DepartmentIds.Select(d => ("Form.Departments", d.ToString())),
        ];
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync(editPath, $"{editPath}?handler=Publish", corrected)).StatusCode);
        Assert.Contains(title, Parse(await chief.GetStringAsync("/admin/translations?language=en")).QuerySelector(".translations-out-of-date")!.TextContent);
        Assert.Contains("Оригінал змінено після публікації цього перекладу", await editor.GetStringAsync(translationEdit));
        // Published again (corrected), it follows the original as it reads now.
        Assert.Equal(HttpStatusCode.Redirect, (await chief.PostFormAsync(translationEdit, $"{translationEdit}?handler=Publish", fields)).StatusCode);
        Assert.Null(Parse(await chief.GetStringAsync("/admin/translations?language=en")).QuerySelector(".translations-out-of-date"));
        Assert.DoesNotContain("Оригінал змінено після публікації цього перекладу", await editor.GetStringAsync(translationEdit));
    }

    [Fact]
    public async Task The_demo_reads_in_both_languages_the_reference_article_linked_to_its_translation()
    {
        var client = site.Browserless();
        var english = Parse(await client.GetStringAsync("/en"));
        var link = english.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == Visnyk.Data.DemoEnglish.ReferenceTitle)?.GetAttribute("href");
        Assert.NotNull(link);
        Assert.StartsWith("/en/news/", link);
        Assert.Equal(3, Parse(await client.GetStringAsync("/en/news")).QuerySelectorAll(".news-item__title").Count(a => !a.TextContent.Contains("Chubenko")));

        var page = Parse(await client.GetStringAsync(link));
        var original = page.QuerySelector(".language-switch a")!.GetAttribute("href")!;
        Assert.StartsWith("/news/", original);
        Assert.Equal(Alternates(original, link), Links(page));
        var ukrainian = Parse(await client.GetStringAsync(original));
        Assert.Equal(DemoContent.ReferenceTitle, ukrainian.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(Alternates(original, link), Links(ukrainian));
        Assert.Equal("18 June 2025, 15:58", page.QuerySelector("time")!.TextContent.Trim());
        Assert.Contains("Karolis BUTKEVYCHUS", page.QuerySelector("main")!.TextContent);

        // The English feed (read by .NET's syndication reader): English news only, at their English addresses.
        using (var reader = System.Xml.XmlReader.Create(await client.GetStreamAsync("/en/feeds/news.rss")))
        {
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
            Assert.Equal("en", feed.Language);
            Assert.Contains(feed.Items, i => i.Title.Text == Visnyk.Data.DemoEnglish.ReferenceTitle);
            Assert.All(feed.Items, i => Assert.StartsWith("/en/news/", i.Links[0].Uri.AbsolutePath));
        }
        using (var reader = System.Xml.XmlReader.Create(await client.GetStreamAsync("/feeds/news.rss")))
        {
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
            Assert.Equal("uk", feed.Language);
            Assert.All(feed.Items, i => Assert.StartsWith("/news/", i.Links[0].Uri.AbsolutePath));
        }

        // schema.org as a JSON-LD processor reads it: an English NewsArticle, its breadcrumbs in English.
        var expanded = await Visnyk.Tests.Pages.News.JsonLd.ExpandAsync(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var article = Assert.Single(expanded.EnumerateArray(), n => Visnyk.Tests.Pages.News.JsonLd.Types(n).Contains("NewsArticle"));
        Assert.Equal("en", Visnyk.Tests.Pages.News.JsonLd.Value(article, "inLanguage"));
        Assert.Equal(Visnyk.Data.DemoEnglish.ReferenceTitle, Visnyk.Tests.Pages.News.JsonLd.Value(article, "headline"));
        // Related news in English only: the Ukrainian neighbours have no English version but two.
        Assert.All(page.QuerySelectorAll("main a[href^='/news/']"), a => Assert.Fail($"a Ukrainian article linked from the English page: {a.GetAttribute("href")}"));
    }

    [Fact]
    public async Task English_search_reads_English_words_and_finds_English_articles_only()
    {
        await site.CaughtUpAsync();
        var client = site.Browserless();
        // A form of a word its text does not have finds the reference article's translation (Lucene's English stemmer: "meets", "missions"), its words marked.
        foreach (var query in new[] { "meets", "Meeting", "advisory missions" })
        {
            var found = Parse(await client.GetStringAsync("/en/search?q=" + Uri.EscapeDataString(query)));
            Assert.Equal("en", found.DocumentElement.GetAttribute("lang"));
            var hit = found.QuerySelectorAll(".search-result").SingleOrDefault(r => r.QuerySelector(".search-result__title")!.TextContent.Trim() == Visnyk.Data.DemoEnglish.ReferenceTitle);
            Assert.True(hit is not null, $"{query}: {string.Join(" | ", found.QuerySelectorAll(".search-result__title").Select(t => t.TextContent.Trim()))}");
            Assert.NotEmpty(hit.QuerySelectorAll("mark"));
            Assert.StartsWith("/en/news/", hit.QuerySelector("a")!.GetAttribute("href"));
            // Its links stay in English: the order, the feed, the form.
            Assert.All(found.QuerySelectorAll(".search-order a, .search-feeds a"), a => Assert.StartsWith("/en/", a.GetAttribute("href")));
            Assert.Equal("/en/search", found.QuerySelector("form#search")!.GetAttribute("action"));
        }
        // A query in one language finds that language's articles only.
        var english = Parse(await client.GetStringAsync("/en/search?q=" + Uri.EscapeDataString("місія")));
        Assert.Empty(english.QuerySelectorAll(".search-result"));
        var ukrainian = Parse(await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("місія")));
        Assert.NotEmpty(ukrainian.QuerySelectorAll(".search-result"));
        Assert.All(ukrainian.QuerySelectorAll(".search-result a"), a => Assert.DoesNotContain("/en/", a.GetAttribute("href")));
        Assert.Empty(Parse(await client.GetStringAsync("/search?q=meetings")).QuerySelectorAll(".search-result"));

        // The search's feed in English, read by .NET's syndication reader.
        using var reader = System.Xml.XmlReader.Create(await client.GetStreamAsync("/en/feeds/search.rss?q=meetings"));
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        Assert.Equal("en", feed.Language);
        Assert.Contains(feed.Items, i => i.Title.Text == Visnyk.Data.DemoEnglish.ReferenceTitle);
        Assert.All(feed.Items, i => Assert.StartsWith("/en/news/", i.Links[0].Uri.AbsolutePath));
        Assert.StartsWith("Search: ", feed.Title.Text);
    }

    [Fact]
    public async Task The_header_and_footer_speak_the_pages_language_where_administrators_gave_it()
    {
        var client = site.Browserless();
        // The demo's English settings: the body's name in English (so not marked Ukrainian).
        var english = Parse(await client.GetStringAsync("/en/news"));
        var name = english.QuerySelector(".site-name__body")!;
        Assert.Equal("Poltava Regional Military Administration", name.TextContent);
        Assert.Null(name.GetAttribute("lang"));
        Assert.Equal("45 Sobornosti Street, Poltava, 36014", english.QuerySelector(".site-footer__contacts dd")!.TextContent);

        // An administrator gives the English name only: the English pages show it, the rest stays Ukrainian and says so.
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var saved = await admin.PostFormAsync("/admin/settings", "/admin/settings",
            ("Form.BodyName", "Полтавська обласна військова адміністрація"), ("Form.Tagline", "Офіційний веб-сайт"),
            ("Form.Translations[0].Language", "en"), ("Form.Translations[0].BodyName", "  Poltava Oblast Military Administration "),
            ("Form.Translations[1].Language", "xx"), ("Form.Translations[1].BodyName", "Ignored"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        english = Parse(await client.GetStringAsync("/en/news"));
        Assert.Equal("Poltava Oblast Military Administration", english.QuerySelector(".site-name__body")!.TextContent);
        var tagline = english.QuerySelector(".site-name__tagline")!;
        Assert.Equal("Офіційний веб-сайт", tagline.TextContent);
        Assert.Equal("uk", tagline.GetAttribute("lang"));
        var ukrainian = Parse(await client.GetStringAsync("/news"));
        Assert.Equal("Полтавська обласна військова адміністрація", ukrainian.QuerySelector(".site-name__body")!.TextContent);
        Assert.Null(ukrainian.QuerySelector(".site-name__tagline")!.GetAttribute("lang"));
        await using (site.Scope(out var db))
        {
            var settings = await db.SiteSettings.SingleAsync();
            Assert.Equal(["en"], settings.Translations.Select(t => t.Language));
        }
        // The settings page shows the English fields as saved.
        var form = Parse(await admin.GetStringAsync("/admin/settings"));
        Assert.Equal("Poltava Oblast Military Administration", form.QuerySelector("input[name='Form.Translations[0].BodyName']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Departments_and_tags_are_named_in_English_on_English_pages_where_administrators_named_them()
    {
        var client = site.Browserless();
        // The demo's names: the reference article's translation names its departments and tags in English (not marked Ukrainian).
        var link = Parse(await client.GetStringAsync("/en")).QuerySelectorAll("a").First(a => a.TextContent.Trim() == Visnyk.Data.DemoEnglish.ReferenceTitle).GetAttribute("href")!;
        var page = Parse(await client.GetStringAsync(link));
        var department = Assert.Single(page.QuerySelectorAll(".article__departments a"), a => a.TextContent == "Department of Social Protection");
        Assert.Null(department.GetAttribute("lang"));
        var tag = Assert.Single(page.QuerySelectorAll("a[href^='/en/tags/']"), a => a.TextContent.Trim() == "social protection");
        Assert.Null(tag.GetAttribute("lang"));
        Assert.Contains("social protection", Parse(await client.GetStringAsync(tag.GetAttribute("href")!)).QuerySelector("h1")!.TextContent);
        var original = Parse(await client.GetStringAsync(page.QuerySelector(".language-switch a")!.GetAttribute("href")!));
        Assert.Contains(original.QuerySelectorAll(".article__departments a"), a => a.TextContent == "Департамент соціального захисту населення");

        // An administrator names a department in English: its English pages say so at once, and the log keeps it.
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        Visnyk.Departments.Department civil;
        await using (site.Scope(out var db))
        {
            civil = await db.Departments.AsNoTracking().SingleAsync(d => d.Name == "Управління з питань цивільного захисту");
        }
        var edit = $"/admin/departments/edit/{civil.Id}";
        Assert.Equal("Office of Civil Protection", Parse(await admin.GetStringAsync(edit)).QuerySelector("input[name='Form.OtherNames[en]']")!.GetAttribute("value"));
        var saved = await admin.PostFormAsync(edit, edit, ("Form.Name", civil.Name), ("Form.Slug", civil.Slug), ("Form.Description", civil.Description),
            ("Form.Address", civil.Address), ("Form.Phone", civil.Phone), ("Form.Email", civil.Email), ("Form.ReceptionHours", civil.ReceptionHours),
            ("Form.Position", civil.Position.ToString()), ("Form.OtherNames[en]", " Civil Protection Office "), ("Form.OtherNames[xx]", "ignored"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var weather = Parse(await client.GetStringAsync("/en/news")).QuerySelectorAll("a").First(a => a.TextContent.Trim() == "Forecasters warn that the weather is getting worse").GetAttribute("href")!;
        Assert.Contains(Parse(await client.GetStringAsync(weather)).QuerySelectorAll(".article__departments a"), a => a.TextContent == "Civil Protection Office");
        await using (site.Scope(out var db))
        {
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Subject == $"department:{civil.Id}" && e.Details.Contains("Civil Protection Office")));
        }

        // A tag's English name given and then taken away: the Ukrainian one shows again, marked as Ukrainian.
        int business;
        await using (site.Scope(out var db))
        {
            business = await db.Tags.Where(t => t.Name == "бізнес").Select(t => t.Id).SingleAsync();
        }
        var named = await admin.PostFormAsync("/admin/tags", "/admin/tags?handler=Translate", ("TagId", business.ToString()), ("Language", "en"), ("Name", " entrepreneurship "));
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        Assert.Contains("entrepreneurship", Parse(await client.GetStringAsync("/en/tags/biznes")).QuerySelector("h1")!.TextContent);
        Assert.Contains("бізнес", Parse(await client.GetStringAsync("/tags/biznes")).QuerySelector("h1")!.TextContent);
        Assert.Equal("entrepreneurship", Parse(await admin.GetStringAsync("/admin/tags")).QuerySelector($"input#name-en-{business}")!.GetAttribute("value"));
        await admin.PostFormAsync("/admin/tags", "/admin/tags?handler=Translate", ("TagId", business.ToString()), ("Language", "en"), ("Name", ""));
        var heading = Parse(await client.GetStringAsync("/en/tags/biznes")).QuerySelector("h1")!;
        Assert.Equal("News on the topic “бізнес”", heading.TextContent.Trim());
        Assert.Equal("бізнес", heading.QuerySelector("span[lang=uk]")!.TextContent);
        Assert.Null(Parse(await client.GetStringAsync("/tags/biznes")).QuerySelector("h1 [lang]"));
        // Wherever English pages name it: the subscribe form's topics, the search's facets.
        Assert.Contains(Parse(await client.GetStringAsync("/en/subscribe")).QuerySelectorAll(".topic label"), l => l.TextContent == "Civil Protection Office" && l.GetAttribute("lang") is null);
        var subscribeForm = Parse(await client.GetStringAsync("/en/subscribe?tag=biznes"));
        Assert.Equal("uk", subscribeForm.QuerySelectorAll(".topic label").Single(l => l.TextContent == "бізнес").GetAttribute("lang"));
        await site.CaughtUpAsync(); // the search index
        var facets = Parse(await client.GetStringAsync("/en/search?q=weather&tag=biznes")).QuerySelectorAll("label[for^=department-] > span:first-child, label[for^=tag-] > span:first-child");
        Assert.Contains(facets, f => f.TextContent == "бізнес"); // chosen, so shown
        Assert.All(facets, f => Assert.Equal(System.Text.RegularExpressions.Regex.IsMatch(f.TextContent, @"\p{IsCyrillic}") ? "uk" : null, f.GetAttribute("lang")));
        // Only the site's other languages have names of their own.
        var refused = await admin.PostFormAsync("/admin/tags", "/admin/tags?handler=Translate", ("TagId", business.ToString()), ("Language", "uk"), ("Name", "інша"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Departments_the_site_map_and_the_accessibility_statement_read_in_English()
    {
        var client = site.Browserless();
        var list = Parse(await client.GetStringAsync("/en/departments"));
        Assert.Equal("en", list.DocumentElement.GetAttribute("lang"));
        Assert.Equal(("/departments", "/en/departments"), (Alternate(list, "uk"), Alternate(list, "en")));
        // Each department as administrators wrote it in English: its name, what it does, its address; its head's name transliterated, their page in English.
        var social = list.QuerySelectorAll(".department-card").Single(c => c.QuerySelector("h2")!.TextContent.Trim() == "Department of Social Protection");
        Assert.Null(social.QuerySelector("h2 a")!.GetAttribute("lang"));
        var path = social.QuerySelector("h2 a")!.GetAttribute("href")!;
        Assert.Equal("/en/departments/departament-sotsialnoho-zakhystu-naselennia", path);
        Assert.StartsWith("Provides social support", social.QuerySelector("p")!.TextContent);
        Assert.Null(social.QuerySelector("p")!.GetAttribute("lang"));
        var head = social.QuerySelector("a[href^='/en/people/']")!;
        Assert.Equal(("Melnyk Nataliia Ivanivna", null), (head.TextContent, head.GetAttribute("hreflang")));
        Assert.Contains(social.QuerySelectorAll("dd"), dd => dd.TextContent == "45 Sobornosti Street, Poltava, 36014" && dd.GetAttribute("lang") is null);

        // Its page: English contacts and hours, its English news only, its English feed, its people in English; its pages and documents stay on the Ukrainian page.
        var page = Parse(await client.GetStringAsync(path));
        Assert.Equal("Department of Social Protection", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Monday–Thursday: 9:00–18:00", page.QuerySelector("[data-testid=reception]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=reception] ul")!.GetAttribute("lang"));
        var news = page.QuerySelectorAll(".news-item__title").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(news);
        Assert.All(news, href => Assert.StartsWith("/en/news/", href));
        Assert.Contains(page.QuerySelectorAll(".news-item__title"), a => a.TextContent.Trim() == Visnyk.Data.DemoEnglish.ReferenceTitle);
        Assert.NotNull(page.QuerySelector("#department-people"));
        Assert.Equal("Melnyk Nataliia Ivanivna", page.QuerySelector("#department-people ~ ul .person-card__name a[href^='/en/people/']")!.TextContent);
        Assert.Null(page.QuerySelector("#department-pages"));
        Assert.Equal(path, Alternate(page, "en"));
        Assert.Equal(path[3..], Alternate(page, "uk"));
        Assert.NotNull(Parse(await client.GetStringAsync(path[3..])).QuerySelector("#department-people"));
        var expanded = await Visnyk.Tests.Pages.News.JsonLd.ExpandAsync(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var organization = Assert.Single(Visnyk.Tests.Pages.News.JsonLd.Nodes(expanded), n => n.TryGetProperty("@id", out var id) && id.GetString()!.EndsWith(path + "#organization"));
        Assert.Equal("Department of Social Protection", Visnyk.Tests.Pages.News.JsonLd.Value(organization, "name"));
        var feedPath = page.QuerySelector("link[type='application/rss+xml'][href*='/departments/']")!.GetAttribute("href")!;
        Assert.StartsWith("/en/feeds/departments/", feedPath);
        using (var reader = System.Xml.XmlReader.Create(await client.GetStreamAsync(feedPath)))
        {
            var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
            Assert.Contains("Department of Social Protection", feed.Title.Text);
            Assert.All(feed.Items, i => Assert.StartsWith("/en/news/", i.Links[0].Uri.AbsolutePath));
            Assert.Contains(feed.Items, i => i.Title.Text == Visnyk.Data.DemoEnglish.ReferenceTitle);
        }

        // An English description taken away: the page, cached a moment ago, shows the Ukrainian one, marked as Ukrainian.
        Visnyk.Departments.Department health;
        await using (site.Scope(out var db))
        {
            health = await db.Departments.AsNoTracking().SingleAsync(d => d.Name == "Департамент охорони здоров’я");
        }
        var healthPath = $"/en/departments/{health.Slug}";
        var cached = await Mail.EventuallyAsync(() => client.GetAsync(healthPath), r => r.Headers.Age is not null, seconds: 10);
        Assert.True(cached.Headers.Age is not null, "the department's English page is not served from the output cache");
        Assert.StartsWith("Organises medical care", Parse(await cached.Content.ReadAsStringAsync()).QuerySelector(".department-card p")!.TextContent);
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var edit = $"/admin/departments/edit/{health.Id}";
        var form = Parse(await admin.GetStringAsync(edit));
        Assert.StartsWith("Organises medical care", form.QuerySelector("textarea[name='Form.OtherDescriptions[en]']")!.TextContent);
        // The Ukrainian fields as they are; in English a name, no description, a shorter address, and hours.
        Task<HttpResponseMessage> SaveAsync(string englishHours) => admin.PostFormAsync(edit, edit, ("Form.Name", health.Name), ("Form.Slug", health.Slug),
            ("Form.Description", health.Description), ("Form.Address", health.Address), ("Form.Phone", health.Phone), ("Form.Email", health.Email),
            ("Form.ReceptionHours", health.ReceptionHours), ("Form.Position", health.Position.ToString()), ("Form.OtherNames[en]", "Department of Health"),
            ("Form.OtherDescriptions[en]", " "), ("Form.OtherAddresses[en]", "45 Sobornosti Street, Poltava"), ("Form.OtherReceptionHours[en]", englishHours));
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(new string('x', 1001))).StatusCode); // refused: the hours are too long
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(" Monday: 9:00–13:00 \n\n Friday: closed ")).StatusCode);
        var changed = Parse(await client.GetStringAsync(healthPath));
        var description = changed.QuerySelector(".department-card p")!;
        Assert.Equal((health.Description, "uk"), (description.TextContent, description.GetAttribute("lang")));
        Assert.Equal(["Monday: 9:00–13:00", "Friday: closed"], changed.QuerySelectorAll("[data-testid=reception] li").Select(li => li.TextContent));
        await using (site.Scope(out var db))
        {
            var entry = await db.AuditEntries.OrderBy(e => e.Id).LastAsync(e => e.Subject == $"department:{health.Id}");
            Assert.Contains("Organises medical care", entry.Details);
            Assert.Contains("45 Sobornosti Street, Poltava", entry.Details);
        }

        // The site map: English sections, departments, people (in the official transliteration), the tree's translated pages and tags.
        var map = Parse(await client.GetStringAsync("/en/sitemap"));
        Assert.Equal("en", map.DocumentElement.GetAttribute("lang"));
        Assert.All(map.QuerySelectorAll("main a"), a => Assert.StartsWith("/en", a.GetAttribute("href")));
        Assert.Contains(map.QuerySelectorAll("main a"), a => a.GetAttribute("href") == path && a.TextContent == "Department of Social Protection");
        Assert.Contains(map.QuerySelectorAll(".tags__list a"), a => a.TextContent == "social protection" && a.GetAttribute("lang") is null);
        Assert.Contains(map.QuerySelectorAll("#people ~ ul a"), a => a.GetAttribute("href") == "/en/people/melnyk-nataliia-ivanivna" && a.TextContent == "Melnyk Nataliia Ivanivna");
        Assert.Contains(map.QuerySelectorAll("#site-pages ~ ul a"), a => a.GetAttribute("href") == "/en/about-the-region/history");

        // The accessibility statement in English, the body named in English.
        var statement = Parse(await client.GetStringAsync("/en/accessibility"));
        Assert.Equal("en", statement.DocumentElement.GetAttribute("lang"));
        Assert.Equal(("/accessibility", "/en/accessibility"), (Alternate(statement, "uk"), Alternate(statement, "en")));
        Assert.DoesNotContain("Полтавська", statement.QuerySelector(".statement > p")!.TextContent);
        // The footer leads to both in the page's language.
        Assert.Contains(statement.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "/en/sitemap");
        Assert.Contains(statement.QuerySelectorAll("footer a"), a => a.GetAttribute("href") == "/en/accessibility");
    }

    [Fact]
    public async Task A_department_named_in_English_before_its_other_texts_could_be_reads_as_it_did()
    {
        int id;
        await using (site.Scope(out var db))
        {
            var sport = await db.Departments.SingleAsync(d => d.Name == "Управління фізичної культури і спорту");
            id = sport.Id;
            // The JSON as the NameTranslations migration's code wrote it: a name alone.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Departments\" SET \"Translations\" = '[{{\"Language\":\"en\",\"Name\":\"Sport Office\"}}]' WHERE \"Id\" = {0}", id);
        }
        await using (site.Scope(out var db))
        {
            var own = Assert.Single((await db.Departments.AsNoTracking().SingleAsync(d => d.Id == id)).Translations);
            Assert.Equal(("en", "Sport Office", "", "", ""), (own.Language, own.Name, own.Description, own.Address, own.ReceptionHours));
        }
    }

    static string? Alternate(IHtmlDocument page, string language) =>
        page.QuerySelector($"link[rel=alternate][hreflang={language}]") is { } link ? new Uri(link.GetAttribute("href")!).AbsolutePath : null;

    [Fact]
    public async Task The_open_data_API_answers_in_either_language_and_links_each_article_to_its_translations()
    {
        await site.CaughtUpAsync(); // the search index, for ?q
        var client = site.Browserless();
        static System.Text.Json.JsonElement Item(System.Text.Json.JsonDocument list, string title) =>
            list.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title);
        static string Path(System.Text.Json.JsonElement item, string property = "url") => new Uri(item.GetProperty(property).GetString()!).AbsolutePath;

        // Ukrainian first: an answer cached for it must not be given for English (the cache varies by lang).
        using var ukrainian = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/news?pageSize=100"));
        Assert.All(ukrainian.RootElement.GetProperty("items").EnumerateArray(), i => Assert.Equal("uk", i.GetProperty("language").GetString()));
        var original = Item(ukrainian, DemoContent.ReferenceTitle);
        using var english = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/news?lang=en&pageSize=100"));
        var items = english.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("en", i.GetProperty("language").GetString()));
        Assert.All(items, i => Assert.StartsWith("/en/news/", Path(i)));
        var translation = Item(english, Visnyk.Data.DemoEnglish.ReferenceTitle);
        Assert.Contains("Department of Social Protection", translation.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("social protection", translation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        // Each names the other.
        var toOriginal = Assert.Single(translation.GetProperty("translations").EnumerateArray());
        Assert.Equal(("uk", original.GetProperty("id").GetInt32(), Path(original)), (toOriginal.GetProperty("language").GetString(), toOriginal.GetProperty("id").GetInt32(), Path(toOriginal)));
        var toTranslation = Assert.Single(original.GetProperty("translations").EnumerateArray());
        Assert.Equal(("en", translation.GetProperty("id").GetInt32(), Path(translation)), (toTranslation.GetProperty("language").GetString(), toTranslation.GetProperty("id").GetInt32(), Path(toTranslation)));

        // One article by id in its own language, with its translations; text search in English.
        using var article = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/news/{translation.GetProperty("id").GetInt32()}"));
        Assert.Equal("en", article.RootElement.GetProperty("language").GetString());
        Assert.Equal("uk", Assert.Single(article.RootElement.GetProperty("translations").EnumerateArray()).GetProperty("language").GetString());
        Assert.Contains("Department of Social Protection", article.RootElement.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        using var found = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/news?lang=en&q=meets"));
        Assert.Equal(translation.GetProperty("id").GetInt32(), Assert.Single(found.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        using var tags = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/tags?lang=en"));
        var social = tags.RootElement.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "social protection");
        Assert.StartsWith("/en/tags/", Path(social));
        // Departments with what their English page says; people with their English posts and pages.
        using var departments = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/departments?lang=en"));
        var department = departments.RootElement.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Department of Social Protection");
        Assert.Equal("/en/departments/departament-sotsialnoho-zakhystu-naselennia", Path(department));
        Assert.StartsWith("Provides social support", department.GetProperty("description").GetString());
        Assert.Equal("45 Sobornosti Street, Poltava, 36014", department.GetProperty("address").GetString());
        Assert.Contains("Monday–Thursday: 9:00–18:00", department.GetProperty("reception").EnumerateArray().Select(r => r.GetString()));
        using var ukrainianDepartments = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/departments"));
        Assert.Contains(ukrainianDepartments.RootElement.GetProperty("items").EnumerateArray(), d => Path(d) == "/departments/departament-sotsialnoho-zakhystu-naselennia");
        using var people = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/people?lang=en"));
        var head = people.RootElement.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Melnyk Nataliia Ivanivna");
        Assert.Equal(("/en/people/melnyk-nataliia-ivanivna", "Director of the Department of Social Protection", "Department of Social Protection"),
            (Path(head), head.GetProperty("jobTitle").GetString(), head.GetProperty("department").GetString()));

        // A language the site does not have: a problem, not a guess.
        foreach (var path in new[] { "/api/v1/news?lang=fr", "/api/v1/tags?lang=xx", "/api/v1/departments?lang=%00", "/api/v1/news?lang=en&lang=uk", "/api/v1/people?lang=de" })
        {
            var bad = await client.GetAsync(path);
            Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, $"{path}: {bad.StatusCode}");
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }
    }

    static Dictionary<string, string> Alternates(string ukrainian, string english) => new() { ["uk"] = ukrainian, ["en"] = english, ["x-default"] = ukrainian };

    static Dictionary<string, string> Links(IHtmlDocument page) =>
        page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).AbsolutePath);

    record Reference(int Id, string Slug, string[] Departments, int[] DepartmentIds);

    // Demo news that the demo does not translate: one this class translates, one it leaves alone.
    const string ToTranslate = "У Полтаві відбудеться футбольний турнір пам’яті Народного Героя України Степана Чубенка";
    const string Untranslated = "Олена Зеленська взяла участь у щорічній освітній конференції «Серпнева-2025»";

    async Task<Reference> ReferenceAsync(string title)
    {
        await using var scope = site.Scope(out var db);
        var article = await db.Articles.Include(a => a.Departments).SingleAsync(a => a.Title == title && a.Language == "uk");
        return new Reference(article.Id, article.Slug, article.Departments.Select(d => d.Slug).ToArray(), article.Departments.Select(d => d.Id).ToArray());
    }
}
