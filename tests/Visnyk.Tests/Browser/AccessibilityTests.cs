using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Visnyk.Tests.Browser;

// axe-core on every kind of public page, on a phone and on a desktop: WCAG 2.1 A and AA plus
// axe's best practices, with no violation allowed.
[Collection(BrowserSite.Collection)]
[Trait("Category", "Browser")]
public class AccessibilityTests(BrowserSite site)
{
    internal const string RunAxe = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
          }));
        }
        """;

    public static TheoryData<string, string> PagesAndScreens()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in PublicPages.Kinds)
        {
            data.Add(name, "phone");
            data.Add(name, "desktop");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndScreens))]
    public async Task Public_page_has_no_accessibility_violations(string name, string screen)
    {
        var page = site.Pages[name];
        await using var context = await site.NewContextAsync(screen == "phone" ? BrowserSite.Phone : BrowserSite.Desktop, forTools: true);
        var tab = await context.NewPageAsync();
        var response = await tab.GotoAsync(page.Path);
        Assert.Equal((int)page.Status, response!.Status);

        await tab.AddScriptTagAsync(new() { Path = TestTools.NodeModule("axe-core", "axe.min.js") });
        var violations = (await tab.EvaluateAsync<JsonElement>(RunAxe)).EnumerateArray().ToList();

        Assert.True(violations.Count == 0, Describe($"{page.Path} at {screen} width", violations));
    }

    // WCAG 1.4.10 (reflow), which axe cannot see: at 320 CSS pixels nothing needs sideways scrolling.
    [Theory]
    [MemberData(nameof(PublicPages.Names), MemberType = typeof(PublicPages))]
    public async Task Public_page_fits_a_320_pixel_screen_without_scrolling_sideways(string name)
    {
        await using var context = await site.NewContextAsync(new ViewportSize { Width = 320, Height = 640 });
        var tab = await context.NewPageAsync();
        await tab.GotoAsync(site.Pages[name].Path);

        var wide = await tab.EvaluateAsync<string[]>("""
            () => [...document.body.querySelectorAll('*')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .map(e => e.tagName.toLowerCase() + (e.className ? '.' + [...e.classList].join('.') : ''))
            """);
        var width = await tab.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 320 && wide.Length == 0, $"{site.Pages[name].Path} is {width}px wide at 320px; too wide: {string.Join(", ", wide.Take(10))}");
    }

    internal static string Describe(string where, List<JsonElement> violations)
    {
        var text = new StringBuilder($"{where}: {violations.Count} axe violation(s)\n");
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} {v.GetProperty("helpUrl").GetString()}");
            foreach (var node in v.GetProperty("nodes").EnumerateArray())
            {
                text.AppendLine($"    {node.GetProperty("target").GetString()}");
                foreach (var line in (node.GetProperty("summary").GetString() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    text.AppendLine($"      {line.Trim()}");
                }
            }
        }
        return text.ToString();
    }
}
