using System.Text.Json;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Notices;
using Visnyk.Tests.Pages;

namespace Visnyk.Tests.Browser;

// Notices of every level at once (a day of mourning too) on the home page, an article and the English
// home, as a reader's browser shows them: axe finds nothing (contrast of each level included), the
// markup is valid, a phone needs no sideways scrolling, and the header and home page turn grey.
// They are taken down at the end: the other browser tests of the collection see the site without them.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class NoticeBrowserTests(BrowserSite site)
{
    [Fact]
    public async Task Notices_of_every_level_are_accessible_valid_and_fit_a_phone()
    {
        Notice[] notices =
        [
            new() { Level = NoticeLevel.Mourning, Text = "День жалоби в Полтавській області за загиблими внаслідок ракетного удару.", Translations = [new() { Language = "en", Text = "A day of mourning in the Poltava region." }] },
            new() { Level = NoticeLevel.Danger, Text = "Повітряна тривога в області. Негайно пройдіть в укриття.", Link = "/news", Translations = [new() { Language = "en", Text = "Air-raid alert in the region. Go to a shelter now." }] },
            new() { Level = NoticeLevel.Warning, Text = "Можливі перебої зі зв’язком і світлом до вечора.", Link = "https://www.energy.example/outages" },
            new() { Level = NoticeLevel.Information, Text = "Пункти незламності працюють цілодобово.", Link = "/news" },
        ];
        await ChangeAsync(db =>
        {
            foreach (var notice in notices)
            {
                (notice.StartsAt, notice.CreatedAt, notice.UpdatedAt) = (DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow, DateTime.UtcNow);
                db.Notices.Add(notice);
            }
            return db.SaveChangesAsync();
        });
        var ids = notices.Select(n => n.Id).ToList();
        try
        {
            foreach (var path in new[] { "/", site.Pages["article"].Path, "/en" })
            {
                var html = await site.Site.CreateClient().GetStringAsync(path);
                var errors = await HtmlValidityTests.ValidateAsync(html, "notices");
                Assert.True(errors.Count == 0, $"{path} with notices: {string.Join("\n", errors)}");
                foreach (var (screen, viewport) in new[] { ("phone", BrowserSite.Phone), ("desktop", BrowserSite.Desktop), ("narrow", new ViewportSize { Width = 320, Height = 640 }) })
                {
                    await using var context = await site.NewContextAsync(viewport, forTools: true);
                    var tab = await context.NewPageAsync();
                    await tab.GotoAsync(path);
                    Assert.Equal(4, await tab.Locator("section.site-notice").CountAsync());
                    Assert.Equal("grayscale(1)", await tab.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).filter"));
                    await tab.AddScriptTagAsync(new() { Path = TestTools.NodeModule("axe-core", "axe.min.js") });
                    var violations = (await tab.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe)).EnumerateArray().ToList();
                    Assert.True(violations.Count == 0, AccessibilityTests.Describe($"{path} with notices at {screen} width", violations));
                    var width = await tab.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                    Assert.True(width <= viewport.Width, $"{path} with notices is {width}px wide at {viewport.Width}px");
                    if (screen == "desktop")
                    {
                        // The header's drop-down menu opens over the greyed page, and takes the clicks there.
                        var menu = tab.Locator(".site-nav details").First;
                        await menu.Locator("summary").ClickAsync();
                        var link = menu.Locator("ul a").Last;
                        Assert.True(await link.EvaluateAsync<bool>("a => { const r = a.getBoundingClientRect(); return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"),
                            $"{path}: the open menu's link is under the page's content");
                    }
                }
            }
        }
        finally
        {
            await ChangeAsync(db => db.Notices.Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync());
        }
    }

    // Written as the newsroom writes them, and the site's pages renewed as its form does.
    async Task ChangeAsync(Func<Visnyk.Data.VisnykDb, Task> change)
    {
        await using var scope = site.Site.Scope(out var db);
        await change(db);
        await scope.ServiceProvider.GetRequiredService<Visnyk.Site.SiteChrome>().ChangedAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>(), default);
    }
}
