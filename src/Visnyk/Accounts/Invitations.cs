using Microsoft.AspNetCore.Identity;

namespace Visnyk.Accounts;

// Set-up and invitation links: Identity's password-reset token, which expires (AccountsSetup)
// and stops working once a password is set (the security stamp changes). A link sets the
// password only; the second factor stays (SetupModel).
public static class Invitations
{
    // publicUrl: Visnyk:PublicUrl, never the request's Host (which anyone can send, making the
    // site hand out a link to their own server); without one the link is a path on this site.
    public static async Task<string> LinkAsync(UserManager<User> users, User user, string? publicUrl)
    {
        // A new stamp voids every older link of this user (and ends their sessions: the account
        // is being recovered, and whoever holds it now should not keep it).
        await users.UpdateSecurityStampAsync(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var origin = string.IsNullOrEmpty(publicUrl) ? "" : publicUrl.TrimEnd('/');
        return $"{origin}/admin/setup?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
    }
}
