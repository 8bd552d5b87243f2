using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Visnyk.Newsroom;

// The difference between two revisions, field by field, line by line (DiffPlex). The body is
// compared as text with one block (paragraph, heading, list item, table row) per line, so a
// changed sentence shows as its paragraph removed and added.
public static partial class RevisionDiff
{
    public record Line(ChangeType Change, string Text);
    public record Field(string Name, IReadOnlyList<Line> Lines)
    {
        public bool Changed => Lines.Any(l => l.Change is not ChangeType.Unchanged);
    }

    public static IReadOnlyList<Field> Compare(ArticleRevision older, ArticleRevision newer) =>
    [
        Of("Заголовок", older.Title, newer.Title),
        Of("Адреса", older.Slug, newer.Slug),
        Of("Анонс", older.Summary, newer.Summary),
        Of("Текст", Blocks(older.Body), Blocks(newer.Body)),
        Of("Підрозділи", older.Departments, newer.Departments),
        Of("Теги", older.Tags, newer.Tags),
    ];

    static Field Of(string name, string older, string newer)
    {
        var model = InlineDiffBuilder.Diff(older, newer, ignoreWhiteSpace: false);
        return new Field(name, model.Lines.Where(l => l.Type is not ChangeType.Imaginary).Select(l => new Line(l.Type, l.Text)).ToList());
    }

    // One block of the body per line.
    static string Blocks(string html) => BlockEnd().Replace(html.Replace("\n", " "), "$0\n").Trim();

    [GeneratedRegex("</(p|h2|h3|h4|li|tr|blockquote|figure|table|ul|ol)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();
}
