namespace Visnyk.Import;

// An address of the old site (a WordPress permalink or /?p=ID) that now answers 301 with the
// address of the article it became. Path is stored decoded and lower-case, without a trailing
// slash (OldAddresses.Key), as requests are looked up.
public class OldAddress
{
    public const int MaxPath = 500;

    public int Id { get; set; }
    public required string Path { get; set; }
    public int ArticleId { get; set; }
}
