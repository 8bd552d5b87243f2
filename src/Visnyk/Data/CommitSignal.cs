namespace Visnyk.Data;

// Tells this process's followers (the search indexer, the mail sender) that a commit they follow
// has happened, so they need not wait for their next look. One per process (a DI singleton);
// other instances see the same commits on their next poll of the database.
public sealed class CommitSignal
{
    [Flags]
    public enum What { None = 0, Articles = 1, Mail = 2 }

    public event Action<What>? Committed;

    public void Raise(What what)
    {
        if (what is not What.None)
        {
            Committed?.Invoke(what);
        }
    }
}
