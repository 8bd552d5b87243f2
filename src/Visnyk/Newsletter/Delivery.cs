namespace Visnyk.Newsletter;

public enum DeliveryStatus
{
    Waiting = 0,
    // Claimed by one instance's sender until ClaimedUntil; after that, anyone may take it again.
    Sending = 1,
    Sent = 2,
    Failed = 3,
    // Not sent because the subscriber left or became undeliverable before its turn.
    Cancelled = 4,
}

// One message to one address: the outbox. Rows are written with the decision to send (a
// confirmation asked for, a mailing expanded) and only the sender changes them afterwards.
public class Delivery
{
    public long Id { get; set; }
    // Null for a confirmation mail (the address is not a subscriber yet) and a forwarded report.
    public int? MailingId { get; set; }
    // A resident's problem report forwarded to the site's administrators (SiteSettings.ReportsTo).
    public int? ProblemReportId { get; set; }
    public int? SubscriberId { get; set; }
    public required string To { get; set; }
    // Confirmation: the confirmation token. Digest: the article ids chosen for this subscriber.
    public string? Payload { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    // Who holds it while Sending: the instance (MailSender.InstanceId, so that a restarted instance
    // takes back its own claims at once) and the round (a fresh token each, so that results are
    // recorded only by the round that still holds the row).
    public string? Owner { get; set; }
    public Guid? Claim { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    public string? Error { get; set; }

    // A confirmation mail: neither a mailing's letter nor a forwarded report (a query's condition).
    public static readonly System.Linq.Expressions.Expression<Func<Delivery, bool>> IsConfirmation = d => d.MailingId == null && d.ProblemReportId == null;
}
