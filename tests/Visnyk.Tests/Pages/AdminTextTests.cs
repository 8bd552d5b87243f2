using System.Text.RegularExpressions;

namespace Visnyk.Tests.Pages;

// The newsroom's text lives in Resources/AdminText.resx, so it can be proof-read and translated in
// one place: no Ukrainian literal in an admin page, its page model, or the messages newsroom users
// read from uploads and accounts. Comments may be in any language.
public partial class AdminTextTests
{
    static readonly string[] AlsoChecked =
    [
        "src/Visnyk/Pages/Shared/_AdminLayout.cshtml",
        "src/Visnyk/Accounts/UkrainianIdentityErrors.cs",
        "src/Visnyk/Media/ImageUpload.cs",
    ];

    [Fact]
    public void Admin_pages_have_no_Ukrainian_literals()
    {
        var admin = TestTools.InRepo("src", "Visnyk", "Pages", "Admin");
        // Every page and every C# file beside them: a page model split into partial files
        // (Articles/Edit.Form.cs, Edit.Parts.cs...) is checked like its .cshtml.cs.
        var files = Directory.EnumerateFiles(admin, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestTools.RepoRoot, f).Replace('\\', '/'))
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Concat(AlsoChecked)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("src/Visnyk/Pages/Admin/Articles/Edit.Form.cs", files);

        var found = files.SelectMany(f => Literals(f).Select(l => $"{f}:{l.Line}: {l.Text}")).ToList();

        Assert.True(found.Count == 0,
            $"{found.Count} lines with Ukrainian text outside Resources/AdminText.resx:\n{string.Join("\n", found.Take(40))}");
    }

    // Lines with Cyrillic letters, leaving out whole-line comments (// and Razor's @* *@).
    static IEnumerable<(int Line, string Text)> Literals(string file)
    {
        var text = RazorComment().Replace(File.ReadAllText(TestTools.InRepo(file)), m => new string('\n', m.Value.Count(c => c == '\n')));
        return text.Split('\n')
            .Select((line, i) => (Line: i + 1, Text: line.Trim()))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && Cyrillic().IsMatch(l.Text));
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();
}
