using System.Text.RegularExpressions;
using Visnyk.Documents;

namespace Visnyk.Articles;

// An official document of the register is an article of kind Document: its text (the accessible
// HTML version) and life are the article's; these are the register's own particulars.
public partial class Article
{
    public DocumentType? DocType { get; set; }
    // As the document gives it ("123", "45-р", "01-12/345").
    public string? DocNumber { get; set; }
    // The number as looked up: lower case, without spaces or a "№" (DocumentNumbers.Key).
    public string? NumberKey { get; set; }
    public DateOnly? SignedOn { get; set; }
    // Who issued it ("Начальник обласної військової адміністрації").
    public string? IssuedBy { get; set; }
    public DocumentStatus DocStatus { get; set; }
    public List<SignedFile> Files { get; set; } = [];
    // The documents this one amends or cancels (those that amend or cancel it are theirs).
    public List<DocumentRelation> Relations { get; set; } = [];

    public bool IsDocument => Kind == ArticleKind.Document;
}

public enum DocumentType { Rozporiadzhennia = 0, Nakaz = 1, Rishennia = 2, Postanova = 3, Inshyi = 9 }

public enum DocumentStatus { InForce = 0, Lapsed = 1, Amended = 2 }

public static partial class DocumentNumbers
{
    public const int MaxNumber = 50, MaxIssuedBy = 300;

    // "№ 45-Р " and "45-р" are the same number.
    public static string Key(string number) => Spaces().Replace(number.Replace("№", "").Trim().ToLowerInvariant(), "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
