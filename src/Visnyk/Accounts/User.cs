using Microsoft.AspNetCore.Identity;
using Visnyk.Departments;

namespace Visnyk.Accounts;

// A newsroom account: an administrator, a chief editor or an editor of some departments.
// Residents have no accounts; subscribers are not users.
public class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    // The departments an editor writes for; chief editors and administrators are not bound to any.
    public List<Department> Departments { get; set; } = [];
    // The time step of the last authenticator code accepted: a code is good once (AuthenticatorCodes).
    public long? LastTotpStep { get; set; }
    // Set when an administrator resets the second factor: enrol again before anything else (TwoFactorGate).
    public bool MustEnrolTwoFactor { get; set; }
}
