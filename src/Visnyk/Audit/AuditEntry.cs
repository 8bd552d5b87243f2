namespace Visnyk.Audit;

// One line of the audit log: who did what, when, from where, and what changed. Rows are only
// ever added: the database refuses UPDATE and DELETE on the table (triggers in the migration).
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    // The acting account; null for an anonymous attempt such as a failed sign-in with an unknown address.
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Ip { get; set; } = "";
    // Dotted verb, e.g. "signin.failed", "article.publish" (see AuditActions).
    public string Action { get; set; } = "";
    // What it was done to, e.g. "article:12", "user:…"; empty when nothing in particular.
    public string Subject { get; set; } = "";
    // What changed, readable text (field: before → after).
    public string Details { get; set; } = "";
}
