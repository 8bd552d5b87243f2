namespace Visnyk.Accounts;

// Configuration section "Visnyk:Admin" (environment Visnyk__Admin__SessionMinutes and so on).
public class AdminOptions
{
    // Minutes without a request after which a newsroom session ends.
    public int SessionMinutes { get; set; } = 30;
    // Hours after signing in when a session ends however active it is (a working day).
    public int SessionMaxHours { get; set; } = 9;
    // Sign-in attempts allowed per client address per minute.
    public int SignInsPerMinute { get; set; } = 10;
    // If set, /admin answers only these networks (CIDR, e.g. "10.20.0.0/16", "2001:db8::/32"):
    // the hardening advised after the January 2022 defacements. Empty: any address.
    public List<string> AllowedNetworks { get; set; } = [];
}
