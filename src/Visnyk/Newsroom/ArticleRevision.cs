namespace Visnyk.Newsroom;

// A copy of an article's text as it was saved: every save adds one, so any earlier version can be
// compared and restored. Autosaves (IsAutosave) are kept one per article and user and replaced as
// the editor types; they never change the article itself.
public class ArticleRevision
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime SavedAt { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public bool IsAutosave { get; set; }
    // What the save did ("article.publish", "restore of revision 12", ...).
    public string Action { get; set; } = "";
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public string Departments { get; set; } = "";
    public string Tags { get; set; } = "";
}
