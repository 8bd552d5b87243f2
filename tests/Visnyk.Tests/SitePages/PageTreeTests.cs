using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Newsletter;
using Visnyk.SitePages;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Pages.News;

namespace Visnyk.Tests.SitePages;

// The site's pages: written in the newsroom's editor, placed in a tree by a chief editor, read at
// the address the tree gives them, with the menu, breadcrumbs and site map following the tree.
// All through HTTP, against the real database.
public class PageTreeTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Education = "departament-osvity-i-nauky";
    const string Health = "departament-okhorony-zdorovia";

    internal static string Unique(string slug) => $"{slug}-{Guid.NewGuid():N}"[..(slug.Length + 9)];

    internal static (string, string)[] PageFields(string title, string slug, int? parent = null, bool inMenu = false, int position = 0, bool inFooter = false, params int[] departments) =>
    [
        ("Form.IsPage", "true"), ("Form.Title", title), ("Form.Slug", slug), ("Form.Summary", $"Про {title}"),
        ("Form.Body", $"<p>Текст сторінки «{title}».</p>"), ("Form.ParentId", parent?.ToString() ?? ""),
        ("Form.Position", position.ToString()), ("Form.InMenu", inMenu ? "true" : "false"), ("Form.InFooter", inFooter ? "true" : "false"),
        .. departments.Select(d => ("Form.Departments", d.ToString())),
    ];

    // Posts the editor's form for a new page (or page id) and returns the page's id from the redirect.
    internal static async Task<int> PageAsync(HttpClient client, string handler, (string, string)[] fields, int? id = null)
    {
        var path = id is null ? "/admin/pages/edit" : $"/admin/pages/edit/{id}";
        var response = await client.PostFormAsync(path, $"{path}?handler={handler}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/pages/edit/", location);
        return int.Parse(location["/admin/pages/edit/".Length..]);
    }

    async Task<int> DepartmentIdAsync(string slug)
    {
        await using var scope = site.Scope(out var db);
        return (await db.Departments.SingleAsync(d => d.Slug == slug)).Id;
    }

    async Task<Article> ReloadAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        return await db.Publications.AsNoTracking().Include(a => a.Departments).SingleAsync(a => a.Id == id);
    }

    [Fact]
    public async Task A_chief_builds_the_tree_and_readers_find_it_in_the_menu_breadcrumbs_and_site_map()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("pro-nas");
        var top = await PageAsync(chief, "Publish", PageFields("Про нас тест", slug, inMenu: true, position: 90));
        var sub = await PageAsync(chief, "Publish", PageFields("Відділ тест", "viddil", parent: top, inMenu: true));
        var hidden = await PageAsync(chief, "Publish", PageFields("Поза меню тест", "poza-meniu", parent: top, inFooter: true));
        var reader = site.CreateClient();

        var page = await reader.GetDocumentAsync($"/{slug}/viddil");
        Assert.Equal("Відділ тест", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Головна", "Про нас тест"], page.QuerySelectorAll(".breadcrumbs a").Select(a => a.TextContent));
        Assert.Equal($"/{slug}", page.QuerySelectorAll(".breadcrumbs a")[1].GetAttribute("href"));
        // The menu: the section as a disclosure (no script needed), its overview and the page marked for the menu.
        var section = page.QuerySelectorAll(".site-nav details").Single(d => d.QuerySelector("summary")!.TextContent == "Про нас тест");
        Assert.Equal("true", section.QuerySelector("summary")!.GetAttribute("aria-current"));
        Assert.Equal([$"/{slug}", $"/{slug}/viddil"], section.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("page", section.QuerySelector($"a[href='/{slug}/viddil']")!.GetAttribute("aria-current"));
        // The footer: the page marked for it, though not in the menu.
        Assert.Equal("Поза меню тест", page.QuerySelector($".site-footer__pages a[href='/{slug}/poza-meniu']")?.TextContent);
        Assert.Null(page.QuerySelector($".site-footer__pages a[href='/{slug}/viddil']"));

        // The section lists all its public pages; the site map nests them under it.
        var parent = await reader.GetDocumentAsync($"/{slug}");
        Assert.Equal([$"/{slug}/viddil", $"/{slug}/poza-meniu"], parent.QuerySelectorAll(".page__sections a").Select(a => a.GetAttribute("href")));
        var map = await reader.GetDocumentAsync("/sitemap");
        var item = map.QuerySelectorAll("#site-pages ~ ul > li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == $"/{slug}");
        Assert.Equal(2, item.QuerySelectorAll(":scope > ul > li > a").Length);
        Assert.Contains($"/{slug}/poza-meniu</loc>", await reader.GetStringAsync("/sitemaps/pages.xml"));

        // schema.org: a WebPage with its breadcrumbs, as a JSON-LD processor reads it.
        var expanded = await JsonLd.ExpandAsync(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var webPage = JsonLd.Nodes(expanded).Single(n => JsonLd.Types(n).Contains("WebPage"));
        Assert.Equal("Відділ тест", JsonLd.Value(webPage, "name"));
        var crumbs = JsonLd.Nodes(expanded).Where(n => JsonLd.Types(n).Contains("ListItem")).Select(n => JsonLd.Value(n, "name")).ToList();
        Assert.Equal(["Головна", "Про нас тест", "Відділ тест"], crumbs);
        Assert.True(hidden > sub);
    }

    [Fact]
    public async Task Moving_or_renaming_a_page_answers_its_old_addresses_and_its_subpages_with_301()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (a, c) = (Unique("rozdil"), Unique("inshyi"));
        var top = await PageAsync(chief, "Publish", PageFields("Розділ", a));
        var child = await PageAsync(chief, "Publish", PageFields("Підсторінка", "pidstorinka", parent: top));
        var other = await PageAsync(chief, "Publish", PageFields("Інший розділ", c));
        var reader = site.Client(); // redirects are seen, not followed
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{a}/pidstorinka")).StatusCode);

        // Renamed: the page and its subpage move; the old addresses lead to the new ones.
        var renamed = a + "-nova";
        await PageAsync(chief, "Publish", PageFields("Розділ", renamed), top);
        Assert.Equal($"/{renamed}/pidstorinka", (await ReloadAsync(child)).PagePath);
        await AssertMovedAsync(reader, $"/{a}", $"/{renamed}");
        await AssertMovedAsync(reader, $"/{a}/pidstorinka", $"/{renamed}/pidstorinka");

        // Moved under another section: every address it ever had leads to where it is now.
        await PageAsync(chief, "Publish", PageFields("Розділ", renamed, parent: other), top);
        await AssertMovedAsync(reader, $"/{a}/pidstorinka", $"/{c}/{renamed}/pidstorinka");
        await AssertMovedAsync(reader, $"/{renamed}", $"/{c}/{renamed}");
        var moved = await reader.GetDocumentAsync($"/{c}/{renamed}/pidstorinka");
        Assert.Equal(["Головна", "Інший розділ", "Розділ"], moved.QuerySelectorAll(".breadcrumbs a").Select(x => x.TextContent));
        var pages = await reader.GetStringAsync("/sitemaps/pages.xml");
        Assert.Contains($"/{c}/{renamed}/pidstorinka</loc>", pages);
        Assert.DoesNotContain($"/{renamed}/pidstorinka</loc>", pages.Replace($"/{c}/{renamed}", ""));
        // An address as typed differently (a trailing slash, capitals) leads to the page's own.
        await AssertMovedAsync(reader, $"/{c.ToUpperInvariant()}/", $"/{c}");
    }

    internal static async Task AssertMovedAsync(HttpClient reader, string from, string to)
    {
        var response = await reader.GetAsync(from);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(to, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(to)).StatusCode);
    }

    [Fact]
    public async Task A_page_cannot_take_the_applications_address_another_pages_or_stand_under_itself()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        foreach (var reserved in new[] { "news", "admin", "search", "feedback" })
        {
            var refused = await chief.PostFormAsync("/admin/pages/edit", "/admin/pages/edit?handler=Save", PageFields("Захоплена адреса", reserved));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains($"Адреса «/{reserved}» належить самому сайту", await refused.Content.ReadAsStringAsync());
        }
        var slug = Unique("odna");
        var top = await PageAsync(chief, "Save", PageFields("Одна", slug));
        var below = await PageAsync(chief, "Save", PageFields("Нижче", "nyzhche", parent: top));
        var twin = await chief.PostFormAsync("/admin/pages/edit", "/admin/pages/edit?handler=Save", PageFields("Двійник", slug));
        Assert.Contains($"Адреса /{slug} вже належить іншій сторінці", await twin.Content.ReadAsStringAsync());
        var loop = await chief.PostFormAsync($"/admin/pages/edit/{top}", $"/admin/pages/edit/{top}?handler=Save", PageFields("Одна", slug, parent: below));
        Assert.Contains("не можна розмістити під нею самою", await loop.Content.ReadAsStringAsync());
        Assert.Null((await ReloadAsync(top)).ParentId);
        await using var scope = site.Scope(out var db);
        Assert.False(await db.SitePages.AnyAsync(p => p.Title == "Захоплена адреса" || p.Title == "Двійник"));
    }

    [Fact]
    public async Task Every_address_of_the_application_is_reserved_from_top_level_pages()
    {
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var first = endpoints.Select(e => e.RoutePattern.PathSegments.FirstOrDefault())
            .Where(s => s is { Parts: [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart] })
            .Select(s => ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)s!.Parts[0]).Content.ToLowerInvariant())
            .Distinct().ToList();
        Assert.Contains("news", first);
        // Only what a page's slug could be: a name with a dot (favicon.svg) never is one.
        bool Slug(string s) => System.Text.RegularExpressions.Regex.IsMatch(s, "^[a-z0-9]+(-[a-z0-9]+)*$");
        var wwwroot = Directory.EnumerateFileSystemEntries(Path.Combine(TestTools.InRepo("src", "Visnyk", "wwwroot")))
            .Select(p => Path.GetFileName(p).ToLowerInvariant());
        Assert.All(first.Concat(wwwroot).Append("media").Where(Slug), s => Assert.Contains(s, PageTree.Reserved));
    }

    [Fact]
    public async Task Pages_never_reach_news_lists_feeds_mail_or_the_api()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var title = $"Сторінка не новина {Guid.NewGuid():N}";
        var slug = Unique("ne-novyna");
        await PageAsync(chief, "Publish", PageFields(title, slug));
        var reader = site.CreateClient();
        Assert.Contains(title, await reader.GetStringAsync($"/{slug}"));
        foreach (var path in new[] { "/", "/news", "/feeds/news.rss", "/feeds/news.atom", "/api/v1/news", "/sitemaps/news-1.xml", "/sitemaps/google-news.xml" })
        {
            Assert.DoesNotContain(title[..20], await reader.GetStringAsync(path));
            Assert.DoesNotContain(slug, await reader.GetStringAsync(path));
        }
        await using var scope = site.Scope(out var db);
        var id = await db.SitePages.Where(p => p.Title == title).Select(p => p.Id).SingleAsync();
        Assert.False(await db.Mailings.AnyAsync(m => m.ArticleId == id));
        // Its news address does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/news/{id}-{slug}")).StatusCode);
    }

    [Fact]
    public async Task The_search_page_lists_pages_found_by_any_word_form_apart_from_the_news()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("konsultatsii");
        var parent = await PageAsync(chief, "Publish", PageFields("Розділ консультацій", Unique("rozdil-konsultatsii")));
        var fields = PageFields("Прийом громадян", slug).Where(f => f.Item1 != "Form.Body")
            .Append(("Form.Body", "<p>Юристи проводять безоплатні консультації щосереди.</p>")).ToArray();
        await PageAsync(chief, "Publish", fields);
        var hidden = await PageAsync(chief, "Publish", PageFields("Консультації в розділі", "u-rozdili", parent: parent));
        await PageAsync(chief, "Withdraw", PageFields("Розділ консультацій", (await ReloadAsync(parent)).Slug), parent);
        await Search.SearchSite.CaughtUpAsync(site);
        var reader = site.CreateClient();

        // Another form of the word: the page is listed at its address, the news results do not hold it.
        var results = await reader.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("консультаціями"));
        var pages = results.QuerySelectorAll(".search-pages a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/{slug}", pages);
        Assert.DoesNotContain(results.QuerySelectorAll(".search-result__title a"), a => a.TextContent.Contains("Прийом громадян"));
        // A page under a withdrawn section is not public, so not listed; a preview or the API never shows pages.
        Assert.DoesNotContain(pages, p => p!.EndsWith("/u-rozdili"));
        // Nor counted: the kind facet's number is of the pages it lists (a hidden page's words are not told).
        var pagesOnly = await reader.GetDocumentAsync("/search?kind=pages&q=" + Uri.EscapeDataString("консультаціями"));
        var listed = pagesOnly.QuerySelectorAll(".search-pages__item a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/{slug}", listed);
        Assert.DoesNotContain(listed, p => p!.EndsWith("/u-rozdili"));
        int Counted(AngleSharp.Dom.IElement? facet) => int.Parse(facet!.QuerySelector(".count")!.TextContent.Trim('(', ')'));
        Assert.Equal(listed.Count, Counted(pagesOnly.QuerySelector(".search-kinds [aria-current=page]")));
        Assert.Equal(listed.Count, Counted(results.QuerySelector(".search-kinds a[href*='kind=pages']")));
        var newsOnly = await reader.GetDocumentAsync("/search?kind=news&q=" + Uri.EscapeDataString("консультаціями"));
        Assert.Equal(listed.Count, Counted(newsOnly.QuerySelector(".search-kinds a[href*='kind=pages']")));
        Assert.DoesNotContain("Прийом громадян", await reader.GetStringAsync("/api/v1/news?q=" + Uri.EscapeDataString("консультаціями")));
        Assert.DoesNotContain("Прийом громадян", await reader.GetStringAsync("/feeds/search.rss?q=" + Uri.EscapeDataString("консультаціями")));
        Assert.True(hidden > 0);
    }

    [Fact]
    public async Task A_department_editor_writes_under_their_own_page_only_and_never_moves_the_menu()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (education, health) = (await DepartmentIdAsync(Education), await DepartmentIdAsync(Health));
        var top = await PageAsync(chief, "Publish", PageFields("Спільний розділ", Unique("spilnyi")));
        var ours = await PageAsync(chief, "Publish", PageFields("Сторінка освіти", "osvita", parent: top, departments: education));
        var theirs = await PageAsync(chief, "Publish", PageFields("Сторінка здоров’я", "zdorovia", parent: top, departments: health));
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Education]));

        // Under their department's page: saved, and the menu flag asked for is not taken.
        var own = await PageAsync(editor, "Save", PageFields("Підсторінка освіти", "pidstorinka", parent: ours, inMenu: true, position: 1, inFooter: true, departments: education));
        var saved = await ReloadAsync(own);
        Assert.Equal((ours, false, false, 0), (saved.ParentId, saved.InMenu, saved.InFooter, saved.Position));
        // Under another department's page, or the body's own, or the top level: refused with the reason.
        foreach (var parent in new int?[] { theirs, top, null })
        {
            var refused = await editor.PostFormAsync("/admin/pages/edit", "/admin/pages/edit?handler=Save", PageFields("Чужа", "chuzha", parent: parent, departments: education));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("лише під сторінкою свого підрозділу", await refused.Content.ReadAsStringAsync());
        }
        // Another department's page: not opened, not changed by a crafted post.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/admin/pages/edit/{theirs}")).StatusCode);
        var crafted = await editor.PostFormAsync("/admin/pages/edit", $"/admin/pages/edit/{theirs}?handler=Save", PageFields("Захоплено", "zdorovia", parent: top, departments: education));
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Equal("Сторінка здоров’я", (await ReloadAsync(theirs)).Title);
        // Their own page cannot be moved out from under its section either.
        var move = await editor.PostFormAsync($"/admin/pages/edit/{own}", $"/admin/pages/edit/{own}?handler=Save", PageFields("Підсторінка освіти", "pidstorinka", parent: theirs, departments: education));
        Assert.Contains("лише під сторінкою свого підрозділу", await move.Content.ReadAsStringAsync());
        Assert.Equal(ours, (await ReloadAsync(own)).ParentId);
    }

    [Fact]
    public async Task A_department_editor_cannot_move_a_section_holding_others_pages_nor_change_a_menu_address()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (education, health) = (await DepartmentIdAsync(Education), await DepartmentIdAsync(Health));
        var top = await PageAsync(chief, "Publish", PageFields("Розділ освіти", Unique("rozdil-osvity"), departments: education));
        // Drafts: an editor who may not publish still saves their department's (a live page is not theirs to change alone).
        var inside = await PageAsync(chief, "Save", PageFields("Освіта всередині", "vseredyni", parent: top, departments: education));
        var theirs = await PageAsync(chief, "Save", PageFields("Здоров’я всередині", "zdorovia", parent: inside, departments: health));
        var menu = await PageAsync(chief, "Save", PageFields("Освіта в меню", "v-meniu", parent: top, inMenu: true, departments: education));
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Education]));
        var pathBefore = (await ReloadAsync(theirs)).PagePath;

        // Renaming or moving the page that holds another department's page: refused, nothing moves.
        foreach (var (slug, parent) in new[] { ("nova-adresa", top), ("vseredyni", menu) })
        {
            var refused = await editor.PostFormAsync($"/admin/pages/edit/{inside}", $"/admin/pages/edit/{inside}?handler=Save",
                PageFields("Освіта всередині", slug, parent: parent, departments: education));
            Assert.Contains("Під цією сторінкою є сторінки інших підрозділів", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(pathBefore, (await ReloadAsync(theirs)).PagePath);
        // A page in the main menu keeps its address unless a chief editor changes it.
        var menuAddress = await editor.PostFormAsync($"/admin/pages/edit/{menu}", $"/admin/pages/edit/{menu}?handler=Save",
            PageFields("Освіта в меню", "inshe-mistse", parent: top, departments: education));
        Assert.Contains("змінює головний редактор", await menuAddress.Content.ReadAsStringAsync());
        Assert.EndsWith("/v-meniu", (await ReloadAsync(menu)).PagePath);
    }

    [Fact]
    public async Task A_restored_version_or_autosave_never_changes_a_pages_address()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("z-versiiamy");
        var id = await PageAsync(chief, "Publish", PageFields("Сторінка з версіями", slug));
        // An autosave takes whatever was typed, an address too; restoring it brings back the text only.
        var autosave = await chief.PostFormAsync($"/admin/pages/edit/{id}", $"/admin/pages/edit/{id}?handler=Autosave",
            ("Form.Title", "Автозбережений заголовок"), ("Form.Slug", "\\evil.example"), ("Form.Body", "<p>Автозбережений текст.</p>"));
        Assert.Equal(HttpStatusCode.OK, autosave.StatusCode);
        long revision;
        await using (site.Scope(out var db))
        {
            revision = await db.Revisions.Where(r => r.ArticleId == id && r.IsAutosave).Select(r => r.Id).SingleAsync();
        }
        var restored = await chief.PostFormAsync($"/admin/articles/history/{id}", $"/admin/articles/history/{id}?handler=Restore&revision={revision}");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal($"/admin/pages/edit/{id}", restored.Headers.Location!.OriginalString);
        var page = await ReloadAsync(id);
        Assert.Equal(("Автозбережений заголовок", slug, $"/{slug}"), (page.Title, page.Slug, page.PagePath));
        Assert.Contains("Автозбережений текст.", await site.CreateClient().GetStringAsync($"/{slug}"));
    }

    [Fact]
    public async Task Pages_from_a_copy_of_a_site_get_addresses_from_their_place_not_from_the_archive()
    {
        // A site of its own: the placing walks every page of the site.
        var otherSite = (await Visnyk.Tests.Site.OtherSite.CreateAsync(site, 70, "imported-pages.test")).Id;
        await using (site.Scope(otherSite, out var db))
        {
            Article Page(string title, string slug, string? claimed) => new()
            {
                Kind = ArticleKind.Page, Title = title, Slug = slug, PagePath = claimed, Status = ArticleStatus.Published,
                PublishedAt = DateTime.UtcNow.AddHours(-1), UpdatedAt = DateTime.UtcNow.AddHours(-1),
            };
            var top = Page("Розділ", "rozdil", "/admin");
            var bad = Page("Погана адреса", "\\evil.example", "/zla");
            var reserved = Page("Зайнята адреса", "news", "/news-2");
            var twin = Page("Двійник", "rozdil", "/rozdil-2");
            db.Articles.AddRange(top, bad, reserved, twin);
            await db.SaveChangesAsync();
            var child = Page("Підсторінка", "pidstorinka", "/elsewhere");
            child.ParentId = top.Id;
            var orphan = Page("Під поганою", "pid-zloiu", "/zla/pid-zloiu");
            orphan.ParentId = bad.Id;
            db.Articles.AddRange(child, orphan);
            await db.SaveChangesAsync();
            await Visnyk.SitePages.PagePlace.PlaceAllAsync(db, null, default);
        }
        await using (site.Scope(otherSite, out var db))
        {
            var paths = await db.SitePages.ToDictionaryAsync(p => p.Title, p => p.PagePath);
            Assert.Equal("/rozdil", paths["Розділ"]);
            Assert.Equal("/rozdil/pidstorinka", paths["Підсторінка"]);
            Assert.Null(paths["Погана адреса"]);
            Assert.Null(paths["Під поганою"]);
            Assert.Null(paths["Зайнята адреса"]);
            Assert.Null(paths["Двійник"]);
        }
    }

    [Fact]
    public async Task A_withdrawn_section_takes_its_pages_off_the_site_and_out_of_the_menu()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("tymchasovyi");
        var top = await PageAsync(chief, "Publish", PageFields("Тимчасовий розділ", slug, inMenu: true));
        await PageAsync(chief, "Publish", PageFields("Його сторінка", "yoho", parent: top, inMenu: true));
        var reader = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/{slug}/yoho")).StatusCode);
        Assert.Contains($"href=\"/{slug}\"", await reader.GetStringAsync("/news"));

        await PageAsync(chief, "Withdraw", PageFields("Тимчасовий розділ", slug, inMenu: true), top);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{slug}/yoho")).StatusCode);
        Assert.DoesNotContain($"href=\"/{slug}", await reader.GetStringAsync("/news"));
        Assert.DoesNotContain(slug, await reader.GetStringAsync("/sitemaps/pages.xml"));
    }

    [Fact]
    public async Task A_cached_page_shows_an_edit_at_once_and_a_retitled_one_in_every_pages_menu()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("keshovana");
        var id = await PageAsync(chief, "Publish", PageFields("Кешована сторінка", slug, inMenu: true));
        var reader = site.CreateClient();
        await Caching.SiteEvictionTests.CachedAsync(reader, $"/{slug}", "/sitemap");

        // The text: its own page only.
        var fields = PageFields("Кешована сторінка", slug, inMenu: true).Where(f => f.Item1 != "Form.Body").Append(("Form.Body", "<p>Виправлений текст.</p>")).ToArray();
        await PageAsync(chief, "Publish", fields, id);
        Assert.Contains("Виправлений текст.", await reader.GetStringAsync($"/{slug}"));
        Assert.NotNull((await reader.GetAsync("/sitemap")).Headers.Age);

        // A draft page shows nowhere: saving one evicts nothing.
        await PageAsync(chief, "Save", PageFields("Чернетка поруч", Unique("chernetka-poruch"), inMenu: true));
        Assert.NotNull((await reader.GetAsync("/sitemap")).Headers.Age);

        // The title: every page shows it in the menu.
        await Caching.SiteEvictionTests.CachedAsync(reader, $"/{slug}");
        await PageAsync(chief, "Publish", PageFields("Перейменована сторінка", slug, inMenu: true), id);
        Assert.Contains("Перейменована сторінка", (await reader.GetDocumentAsync("/sitemap")).QuerySelector(".site-nav")!.TextContent);
        Assert.Contains("Перейменована сторінка", (await reader.GetDocumentAsync($"/{slug}")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_departments_page_lists_its_pages_and_follows_a_change_of_department()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (education, health) = (await DepartmentIdAsync(Education), await DepartmentIdAsync(Health));
        var slug = Unique("posluhy");
        var id = await PageAsync(chief, "Publish", PageFields("Послуги відділу тест", slug, departments: education));
        var reader = site.CreateClient();
        await Caching.SiteEvictionTests.CachedAsync(reader, $"/departments/{Education}", $"/departments/{Health}");
        Assert.Contains($"href=\"/{slug}\"", await reader.GetStringAsync($"/departments/{Education}"));

        await PageAsync(chief, "Publish", PageFields("Послуги відділу тест", slug, departments: health), id);
        Assert.DoesNotContain($"href=\"/{slug}\"", await reader.GetStringAsync($"/departments/{Education}"));
        var page = await reader.GetDocumentAsync($"/departments/{Health}");
        Assert.Equal("Послуги відділу тест", page.QuerySelector($"#department-pages ~ ul a[href='/{slug}']")?.TextContent);
    }

    [Fact]
    public async Task An_unpublished_page_is_shown_by_its_preview_link_only()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var slug = Unique("chernetka");
        var id = await PageAsync(chief, "Save", PageFields("Чернетка сторінки", slug));
        var reader = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{slug}")).StatusCode);
        var editor = await chief.GetDocumentAsync($"/admin/pages/edit/{id}");
        var link = editor.QuerySelector("a.preview-link")!.GetAttribute("href")!;
        link = new Uri(link).PathAndQuery;
        Assert.StartsWith("/preview/page/", link);
        var preview = await reader.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("no-store", preview.Headers.CacheControl!.ToString());
        var document = await Html.ParseAsync(await preview.Content.ReadAsStringAsync());
        Assert.Equal("Чернетка сторінки", document.QuerySelector("h1")!.TextContent);
        Assert.NotNull(document.QuerySelector("meta[name=robots][content=noindex]"));
        // A news preview address does not show a page, nor a page's a news article.
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(link.Replace("/preview/page/", "/preview/"))).StatusCode);
    }
}
