using System.ComponentModel.DataAnnotations;

namespace Visnyk.Newsletter;

public enum MailSecurity
{
    None,
    StartTls,
    Tls,
}

// Configuration section "Visnyk:Mail" (environment Visnyk__Mail__Host and so on; the password
// only from the environment). Without a Host nothing is sent: mail waits in the outbox.
public class MailOptions
{
    public string Host { get; set; } = "";
    [Range(1, 65535)]
    public int Port { get; set; } = 25;
    public MailSecurity Security { get; set; } = MailSecurity.None;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    // Sender, e.g. "Полтавська ОВА <news@example.gov.ua>".
    public string From { get; set; } = "Вісник <news@localhost>";
    // Throttle for this instance; most providers limit the rate of a sender.
    [Range(0.1, 100_000)]
    public double MessagesPerSecond { get; set; } = 20;
    // SMTP connections at once. Also the bound on duplicates after a crash: at most one message
    // per connection can be accepted by the server and not yet recorded as sent.
    [Range(1, 32)]
    public int Connections { get; set; } = 4;
    // Digests, in Kyiv time: every day at DigestTime, and weekly on WeeklyDay at the same time.
    public TimeOnly DigestTime { get; set; } = new(8, 0);
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;
    // Permanent rejections in a row after which an address is no longer mailed.
    [Range(1, 100)]
    public int MaxHardFailures { get; set; } = 3;
    // Temporary failures are retried with growing pauses for this long, then given up.
    [Range(1, 720)]
    public int RetryHours { get; set; } = 48;
    [Range(1, 720)]
    public int ConfirmationHours { get; set; } = 48;
    // Sign-ups: per client address per hour, and confirmation mails per e-mail address per day.
    [Range(1, 10_000)]
    public int SignUpsPerHour { get; set; } = 20;
    [Range(1, 100)]
    public int ConfirmationsPerDay { get; set; } = 3;
    // How long a claimed batch belongs to one instance's sender before another may take it over.
    // Renewed while the round sends; a round takes new messages for half of it.
    [Range(5, 3600)]
    public int ClaimSeconds { get; set; } = 60;
    // This instance in the outbox's claims; must differ between instances running at once and stay
    // the same across restarts (so a restarted instance takes back its own claims at once).
    // Empty: the host name and the search index folder (Visnyk:SearchIndexDirectory).
    [MaxLength(200)]
    public string InstanceId { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
