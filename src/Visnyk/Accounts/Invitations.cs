using Microsoft.AspNetCore.Identity;

namespace Visnyk.Accounts;

// Set-up and invitation links: Identity's password-reset token, which expires (AccountsSetup)
// and stops working once a password is set (the security stamp changes).
public static class Invitations
{
    public static async Task<string> LinkAsync(UserManager<User> users, User user, string? publicUrl)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var origin = string.IsNullOrEmpty(publicUrl) ? "http://localhost:5000" : publicUrl.TrimEnd('/');
        return $"{origin}/admin/setup?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
    }
}
