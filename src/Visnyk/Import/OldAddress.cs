namespace Visnyk.Import;

// An address of the old site that now answers 301: a WordPress permalink or /?p=ID with the
// article it became (ArticleId), or a category's, tag's or author's archive with the list here
// that took its place (Target, a path of this site). Path is stored decoded and lower-case,
// without a trailing slash (OldAddresses.Key), as requests are looked up.
public class OldAddress
{
    public const int MaxPath = 500;

    public int Id { get; set; }
    public required string Path { get; set; }
    public int? ArticleId { get; set; }
    public string? Target { get; set; }
}
