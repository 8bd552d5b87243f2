namespace Visnyk.Newsroom;

// A correction or update note shown under a published article with its date (as GOV.UK's
// "change notes"): readers see that, when and why the article changed.
public class ChangeNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime At { get; set; }
    public string Text { get; set; } = "";
}
