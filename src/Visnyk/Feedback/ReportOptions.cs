using System.ComponentModel.DataAnnotations;

namespace Visnyk.Feedback;

// Configuration section "Visnyk:Reports": how much the problem-report form (/feedback) takes in.
// Bots are held off by a hidden field and these limits, without a third-party CAPTCHA.
public class ReportOptions
{
    // Reports sent from one client address in an hour.
    [Range(1, 10_000)]
    public int PerHour { get; set; } = 5;
    // Reports one site stores in 24 hours, from everyone: beyond it a flood cannot fill
    // the database, and residents are asked to write by mail instead.
    [Range(1, 1_000_000)]
    public int PerDay { get; set; } = 200;
    // Reports forwarded by mail per site in an hour; the rest wait in the back office.
    [Range(0, 10_000)]
    public int ForwardedPerHour { get; set; } = 30;
}
