namespace Visnyk.Accounts;

// Failed sign-in tries counted for one key (SignInThrottle): a client address, an account, or an
// account from one address. The key names an account only by a hash of its address.
public class SignInCounter
{
    public const int MaxKeyLength = 80;

    public string Key { get; set; } = "";
    // The failures in a row, forgotten after a quiet day or reset by a sign-in.
    public int Failures { get; set; }
    public DateTime LastFailureAt { get; set; }
    // The next try is refused (429) before this time.
    public DateTime NotBefore { get; set; }
    // For an account from one address: it signed in from there, so the account's own delay does not apply.
    public DateTime? TrustedUntil { get; set; }
    // Changed by every update, so that two instances counting at once cannot both pass.
    public long Version { get; set; }
}
