namespace Visnyk.Import;

// A WordPress post that became an article, remembered by the old site and its post id, so that
// importing the same export again finds the article instead of adding a second one, and leaves it
// alone unless the post changed (Fingerprint).
public class WordPressPost
{
    public int Id { get; set; }
    // The old site's address (wp:base_site_url), e.g. https://oda.example.gov.ua.
    public required string Site { get; set; }
    public long PostId { get; set; }
    public int ArticleId { get; set; }
    // Hash of what the import read from the post (and how it was asked to map it); "partial:…"
    // when a picture was missing, so that the next run tries its pictures again.
    public string Fingerprint { get; set; } = "";
    // Who wrote it on the old site (display name), as the export names them.
    public string Author { get; set; } = "";
    public DateTime ImportedAt { get; set; }
}
