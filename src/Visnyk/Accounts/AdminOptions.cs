namespace Visnyk.Accounts;

// Configuration section "Visnyk:Admin" (environment Visnyk__Admin__SessionMinutes and so on).
public class AdminOptions
{
    // Minutes without a request after which a newsroom session ends.
    public int SessionMinutes { get; set; } = 30;
    // Hours after signing in when a session ends however active it is (a working day).
    public int SessionMaxHours { get; set; } = 9;
    // Sign-in attempts allowed per client address per minute (each instance on its own: a flood guard).
    public int SignInsPerMinute { get; set; } = 10;
    // Failed sign-ins (passwords or two-factor codes) from one client address before each further
    // try must wait: 1 s, then doubling up to SignInMaxDelayMinutes (SignInThrottle, in the database).
    public int SignInFailuresPerAddress { get; set; } = 20;
    // The same for one account (tries from addresses it has not signed in from) and for one account
    // from one address.
    public int SignInFailuresPerAccount { get; set; } = 5;
    public int SignInMaxDelayMinutes { get; set; } = 15;
    // If set, /admin answers only these networks (CIDR, e.g. "10.20.0.0/16", "2001:db8::/32"):
    // the hardening advised after the January 2022 defacements. Empty: any address.
    public List<string> AllowedNetworks { get; set; } = [];
}
