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
    // ArticleId of "articles of this row's site were saved by a process that serves no pages" (a
    // command: seed, import): nothing there evicted what readers see, so every instance drops the
    // site's cached pages and in-memory copies as it reads this, as for WholeSite; the articles'
    // own changes beside it say what to index. One per save (ChangeRecord), in the same transaction.
    public const int Outside = -2;

    public long Id { get; set; }
    public int ArticleId { get; set; }
    public DateTime At { get; set; }
}
