using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Tests.Newsroom;
using Visnyk.Tests.Pages.News;
using static Visnyk.Tests.SitePages.PageTreeTests;
using static Visnyk.Tests.SitePages.PageTranslationTests;

namespace Visnyk.Tests.SitePages;

// What a department's editor can do to others' English pages through the page translations: nothing
// (an attacker's review of the English page tree). Through HTTP, against the real database.
public class PageTranslationAttackTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    const string Health = "departament-okhorony-zdorovia";

    // An editor without the right to publish moves a draft of their own so that its translation
    // would take the address of the chief's published top-level English page: it does not.
    [Fact]
    public async Task A_department_editor_cannot_displace_another_pages_English_address()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var health = await DepartmentIdAsync(Health);
        var target = Unique("target");
        // The chief's own page, top level, in the menu, translated and published at /en/{target}.
        var contacts = await PageAsync(chief, "Publish", PageFields("Чужа сторінка", Unique("chuzha"), inMenu: true, position: 50));
        var contactsEnglish = await TranslateAsync(chief, contacts);
        await PageAsync(chief, "Publish", TranslationFields("Chief's page", target), contactsEnglish);
        Assert.Equal($"/{target}", (await ReloadAsync(contactsEnglish)).PagePath);
        // The health department's section, earlier in the tree, untranslated.
        var section = await PageAsync(chief, "Publish", PageFields("Розділ охорони здоров'я", Unique("zdorovia"), position: 10, departments: health));

        // The editor (no right to publish: the default) works in drafts only.
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Health]));
        var x = await PageAsync(editor, "Save", PageFields("Проміжна", Unique("promizhna"), parent: section, departments: health));
        var p = await PageAsync(editor, "Save", PageFields("Нападник", Unique("napadnyk"), parent: x, departments: health));
        var xEnglish = await TranslateAsync(editor, x);
        var edu = Unique("edu");
        // A top-level English address is a chief editor's to give (the section above is not translated).
        var refused = await editor.PostFormAsync($"/admin/pages/edit/{xEnglish}", $"/admin/pages/edit/{xEnglish}?handler=Save", TranslationFields("Intermediate", edu, health));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await PageAsync(chief, "Save", TranslationFields("Intermediate", edu, health), xEnglish);
        var pEnglish = await TranslateAsync(editor, p);
        await PageAsync(editor, "Save", TranslationFields("Attacker", target, health), pEnglish);
        Assert.Equal($"/{edu}/{target}", (await ReloadAsync(pEnglish)).PagePath);

        // A move of their own draft, under their own section: allowed, and checked only in Ukrainian.
        await PageAsync(editor, "Save", PageFields("Нападник", (await ReloadAsync(p)).Slug, parent: section, departments: health), p);
        // Its translation would stand at /en/{target}, which the chief's holds: it has no address now, and the editor who moved it is told so, as is the audit log.
        Assert.Null((await ReloadAsync(pEnglish)).PagePath);
        Assert.Contains($"/en/{edu}/{target}", (await editor.GetDocumentAsync($"/admin/pages/edit/{p}")).QuerySelector(".notice[role=status]")!.TextContent);
        await using (var scope = site.Scope(out var db))
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == Visnyk.Audit.AuditActions.PageTranslationUnplaced && e.Subject == $"article:{pEnglish}");
            Assert.Contains($"/en/{edu}/{target}", entry.Details);
        }

        var reader = site.Browserless();
        var before = (await reader.GetAsync($"/en/{target}")).StatusCode;
        // Any public page change refreshes the tree (the chrome's cache was not evicted by the draft's move).
        await PageAsync(chief, "Publish", PageFields("Будь-яка", Unique("bud-iaka"), position: 99));
        var after = (await reader.GetAsync($"/en/{target}")).StatusCode;
        Assert.True(after == HttpStatusCode.OK, $"/en/{target}: {before} right after the move, {after} once the tree reloads; the chief's translation now at {(await ReloadAsync(contactsEnglish)).PagePath ?? "nowhere"}, the editor's at {(await ReloadAsync(pEnglish)).PagePath}");
        Assert.Equal($"/{target}", (await ReloadAsync(contactsEnglish)).PagePath);
    }

    // A department page deep in the tree, whose sections are not translated, would stand at the
    // English top level (and, in the menu in Ukrainian, at the top of the English menu): only a
    // chief editor gives it that address.
    [Fact]
    public async Task A_department_editor_cannot_choose_a_top_level_English_address_or_add_to_the_English_main_menu()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var health = await DepartmentIdAsync(Health);
        var structure = await PageAsync(chief, "Publish", PageFields("Структура (тест)", Unique("struktura"), inMenu: true, position: 60));
        var theirs = await PageAsync(chief, "Publish", PageFields("Департамент (тест)", Unique("departament"), parent: structure, inMenu: true, departments: health));

        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Health]));
        var english = await TranslateAsync(editor, theirs);
        var top = Unique("anything");
        var path = $"/admin/pages/edit/{english}";
        var saved = await editor.PostFormAsync(path, $"{path}?handler=Save", TranslationFields("Health", top, health));
        // Rule: a department editor never sets a top-level address.
        var stored = (await ReloadAsync(english)).PagePath;
        Assert.True(stored is null || stored.Count(c => c == '/') > 1, $"{saved.StatusCode}: the department editor's translation stands at the top level: /en{stored}");
    }

    // Two translations that would swap addresses in one save (a reorder of two top-level pages
    // whose translations share a slug; the unique index on (SiteId, Language, PagePath)): those
    // that hold an address keep it.
    [Fact]
    public async Task Reordering_pages_whose_translations_collide_does_not_fail()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (s, k, z) = (Unique("s"), Unique("k"), Unique("z"));
        var (xSlug, ySlug) = (Unique("iks"), Unique("ihrek"));
        var zPage = await PageAsync(chief, "Publish", PageFields("Z", Unique("zet"), position: 30));
        var x = await PageAsync(chief, "Publish", PageFields("X", xSlug, position: 10));
        var y = await PageAsync(chief, "Publish", PageFields("Y", ySlug, parent: zPage));
        var x1 = await PageAsync(chief, "Publish", PageFields("X1", "x1", parent: x));
        var y1 = await PageAsync(chief, "Publish", PageFields("Y1", "y1", parent: y));
        foreach (var (page, slug) in new[] { (zPage, z), (x, s), (y, s), (x1, k), (y1, k) })
        {
            await PageAsync(chief, "Publish", TranslationFields("T " + slug, slug), await TranslateAsync(chief, page));
        }
        // Y to the top level, after X: its translation loses /en/{s} to X's, and Y1's falls to /en/{k}.
        await PageAsync(chief, "Publish", PageFields("Y", ySlug, position: 20), y);
        await using (var scope = site.Scope(out var db))
        {
            var paths = await db.Publications.Where(a => a.OriginalId == x1 || a.OriginalId == y1 || a.OriginalId == y).ToDictionaryAsync(a => a.OriginalId!.Value, a => a.PagePath);
            Assert.Equal($"/{s}/{k}", paths[x1]);
            Assert.Equal($"/{k}", paths[y1]);
            Assert.Null(paths[y]);
        }
        // Y before X now: X1's and Y1's translations swap their addresses in one save.
        var path = $"/admin/pages/edit/{y}";
        var response = await chief.PostFormAsync(path, $"{path}?handler=Publish", PageFields("Y", ySlug, position: 5));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var scope = site.Scope(out var db))
        {
            var paths = await db.Publications.Where(a => a.OriginalId == x1 || a.OriginalId == y1 || a.OriginalId == y || a.OriginalId == x).ToDictionaryAsync(a => a.OriginalId!.Value, a => a.PagePath);
            Assert.Equal($"/{s}", paths[x]);
            Assert.Equal($"/{s}/{k}", paths[x1]);
            Assert.Equal($"/{k}", paths[y1]);
            Assert.Null(paths[y]);
        }
    }

    // A page given to another department takes its translation along: the first department's
    // editor may no longer edit it.
    [Fact]
    public async Task A_translation_belongs_to_its_originals_departments()
    {
        var chief = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        var (health, education) = (await DepartmentIdAsync(Health), await DepartmentIdAsync("departament-osvity-i-nauky"));
        var section = await PageAsync(chief, "Publish", PageFields("Розділ (переклад)", Unique("rozdil"), position: 70));
        await PageAsync(chief, "Publish", TranslationFields("Section", Unique("section")), await TranslateAsync(chief, section));
        var page = await PageAsync(chief, "Publish", PageFields("Сторінка (переклад)", Unique("storinka"), parent: section, departments: health));
        var editor = await site.SignedInAsync(await site.CreateAsync(Roles.Editor, [Health]));
        var english = await TranslateAsync(editor, page);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"/admin/pages/edit/{english}")).StatusCode);
        // Its editor cannot hand the translation to another department either.
        var handed = await editor.PostFormAsync($"/admin/pages/edit/{english}", $"/admin/pages/edit/{english}?handler=Save", TranslationFields("Page", Unique("page"), education));
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        await PageAsync(editor, "Save", TranslationFields("Page", Unique("page"), health, education), english);
        await using (var scope = site.Scope(out var db))
        {
            Assert.Equal([health], await db.Publications.Where(a => a.Id == english).SelectMany(a => a.Departments).Select(d => d.Id).ToListAsync());
        }
        await PageAsync(chief, "Publish", PageFields("Сторінка (переклад)", (await ReloadAsync(page)).Slug, parent: section, departments: education), page);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/admin/pages/edit/{english}")).StatusCode);
    }

    async Task<int> DepartmentIdAsync(string slug)
    {
        await using var scope = site.Scope(out var db);
        return (await db.Departments.SingleAsync(d => d.Slug == slug)).Id;
    }

    async Task<Visnyk.Articles.Article> ReloadAsync(int id)
    {
        await using var scope = site.Scope(out var db);
        return await db.Publications.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}
