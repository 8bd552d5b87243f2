namespace Visnyk.Articles;

// One row per saved change to an article (its text, state, date, departments or tags), written
// in the same transaction as the change (ChangeRecord). Every instance of the site
// follows this log by id to keep its own search index in step with the database.
public class ArticleChange
{
    // ArticleId of a request to rebuild the whole index (the reindex command, bulk loads).
    public const int Everything = 0;
    // ArticleId of "everything of this row's site changed at once" (a site imported or restored
    // in place, `reindex --site`): its documents are put again from the database, and every cached
    // page and in-memory copy of the site is dropped, on every instance.
    public const int WholeSite = -1;

    public long Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime At { get; set; }
}
