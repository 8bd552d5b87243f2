using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Visnyk.Tests.Pages;

// Every kind of public page passes html-validate's recommended rules. tests/tools/.htmlvalidate.json
// (JSON: no room for comments there) changes two, for these reasons:
// - long-title off: the title is the editor's full headline plus the administration's name
//   (WCAG 2.4.2); cutting it at 70 characters would hide words, and its length is content, not markup.
// - tel-non-breaking ignores class "tel": site.css keeps those numbers on one line with
//   white-space: nowrap, so the text stays plain digits that copy and paste into a dialler.
public class HtmlValidityTests(HtmlValidityTests.Site site) : IClassFixture<HtmlValidityTests.Site>
{
    public sealed class Site : SiteFactory
    {
        readonly Lazy<Task<IReadOnlyDictionary<string, PublicPage>>> pages;

        public Site() => pages = new(async () =>
        {
            await PublicPages.AddArchiveAsync(this);
            return await PublicPages.FindAsync(CreateClient());
        });

        public Task<IReadOnlyDictionary<string, PublicPage>> PagesAsync() => pages.Value;
    }

    [Theory]
    [MemberData(nameof(PublicPages.Names), MemberType = typeof(PublicPages))]
    public async Task Public_page_is_valid_html(string name)
    {
        var page = (await site.PagesAsync())[name];
        var response = await site.CreateClient().GetAsync(page.Path);
        Assert.Equal(page.Status, response.StatusCode);
        // A reader's page sets no cookie (an antiforgery token's would keep it out of the output cache).
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies), $"{page.Path} sets {string.Join("; ", cookies ?? [])}");
        var html = await response.Content.ReadAsStringAsync();

        var errors = await ValidateAsync(html, name);

        Assert.True(errors.Count == 0, $"{page.Path}: {errors.Count} html-validate message(s)\n{string.Join("\n", errors)}");
    }

    // The page is kept in a temp file to be opened when a test fails. html-validate reads it from
    // standard input: its file-name mode needs Node 22 (fs.globSync), standard input works on Node 20 too.
    internal static async Task<List<string>> ValidateAsync(string html, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"visnyk-{name}-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, html);
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[]
        {
            TestTools.NodeModule("html-validate", "bin", "html-validate.mjs"),
            "--config", TestTools.Require(TestTools.InRepo("tests", "tools", ".htmlvalidate.json")),
            "--formatter", "json", "--stdin", "--stdin-filename", file,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(html);
        node.StandardInput.Close();
        await node.WaitForExitAsync();

        // Exit code 1 means "errors found" and still prints the report; anything else is a broken run.
        var json = (await output).Trim();
        Assert.True(json.StartsWith('['), $"html-validate failed (exit {node.ExitCode}): {await stderr}{json}");

        var lines = html.Split('\n');
        var errors = new List<string>();
        foreach (var result in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            foreach (var m in result.GetProperty("messages").EnumerateArray())
            {
                var line = m.GetProperty("line").GetInt32();
                var source = line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "";
                if (source.Length > 160) source = source[..160] + "…";
                var level = m.GetProperty("severity").GetInt32() == 2 ? "error" : "warning";
                errors.Add($"  {file}:{line}:{m.GetProperty("column").GetInt32()} {level} [{m.GetProperty("ruleId").GetString()}] {m.GetProperty("message").GetString()}\n    {source}");
            }
        }
        if (errors.Count == 0)
        {
            File.Delete(file);
        }
        return errors;
    }
}
