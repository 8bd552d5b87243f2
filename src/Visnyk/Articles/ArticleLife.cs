namespace Visnyk.Articles;

// Everything that can happen to an article. Publishing runs them (who may, audit, alerts,
// eviction); the entity decides from which states each is possible and what the dates become.
public enum ArticleAction
{
    // Text, pictures, departments or tags changed; the state stays.
    Save,
    // An editor who may not publish hands the article to a chief editor.
    Submit,
    // A chief editor publishes an article submitted for review.
    Approve,
    Publish,
    Schedule,
    Unschedule,
    // A published article changed: it keeps its date and shows when it was updated.
    Correct,
    Withdraw,
    // Published in error: taken down for good (410 Gone).
    Remove,
    // An earlier version's text put back (Publishing.RestoreAsync).
    Restore,
    // The scheduler publishes an article whose time has come.
    PublishDue,
}

public partial class Article
{
    public static bool Allows(ArticleStatus from, ArticleAction action) => action switch
    {
        ArticleAction.Save or ArticleAction.Restore => true,
        ArticleAction.Submit => from is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Withdrawn,
        ArticleAction.Approve => from is ArticleStatus.InReview,
        ArticleAction.Publish => from is ArticleStatus.Draft or ArticleStatus.Withdrawn or ArticleStatus.Scheduled,
        ArticleAction.Schedule => from is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Withdrawn or ArticleStatus.Scheduled,
        ArticleAction.Unschedule or ArticleAction.PublishDue => from is ArticleStatus.Scheduled,
        ArticleAction.Correct => from is ArticleStatus.Published,
        ArticleAction.Withdraw => from is ArticleStatus.Published or ArticleStatus.Scheduled,
        ArticleAction.Remove => from is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Withdrawn,
        _ => false,
    };

    // Moves the article on; false, with nothing changed, when the action is not possible now.
    // `at`: the publication time asked for (a schedule must be in the future, a publication not).
    public bool Apply(ArticleAction action, DateTime utcNow, DateTime? at = null)
    {
        if (!Allows(Status, action)
            || action is ArticleAction.Schedule && !(at > utcNow)
            || action is ArticleAction.Publish or ArticleAction.Approve && at > utcNow
            || action is ArticleAction.PublishDue && PublishedAt > utcNow)
        {
            return false;
        }
        switch (action)
        {
            case ArticleAction.Submit:
                Status = ArticleStatus.InReview;
                break;
            case ArticleAction.Approve or ArticleAction.Publish:
                // A first publication takes the time chosen, or now; one after a withdrawal keeps
                // its original date unless another is chosen.
                if (Status is not ArticleStatus.Withdrawn || at is not null)
                {
                    PublishedAt = at ?? utcNow;
                }
                Status = ArticleStatus.Published;
                break;
            case ArticleAction.Schedule:
                (Status, PublishedAt) = (ArticleStatus.Scheduled, at!.Value);
                break;
            case ArticleAction.Unschedule:
                Status = ArticleStatus.Draft;
                break;
            case ArticleAction.PublishDue:
                // The scheduled time is the publication date; the last edit stays the last update.
                Status = ArticleStatus.Published;
                return true;
            case ArticleAction.Withdraw:
                Status = ArticleStatus.Withdrawn;
                RevokePreviews();
                break;
            case ArticleAction.Remove:
                Status = ArticleStatus.Removed;
                RevokePreviews();
                break;
        }
        // Save, Restore and Correct keep the state and the publication date: readers see
        // "Оновлено" with this time (and dateModified, feeds' updated follow it).
        UpdatedAt = utcNow;
        return true;
    }
}
