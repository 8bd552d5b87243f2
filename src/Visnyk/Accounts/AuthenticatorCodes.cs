using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Visnyk.Data;

namespace Visnyk.Accounts;

// Codes from the authenticator app (TOTP, RFC 6238), each good once. Identity's own provider
// takes any code from 90 s before to 90 s after, as often as it is sent: a code seen over a
// shoulder or phished still opens a second session. Here one step (30 s) of clock drift either
// way, and a code's time step is claimed in the database with a conditional update, so two
// sessions (or two instances) cannot both use it, nor any older one.
public class AuthenticatorCodes(VisnykDb db, TimeProvider clock) : IUserTwoFactorTokenProvider<User>
{
    public const string Name = "VisnykAuthenticator";

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }
        return await db.Users
            .Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, step)) == 1;
    }

    // The app makes the codes; the site never sends one.
    public Task<string> GenerateAsync(string purpose, UserManager<User> manager, User user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<User> manager, User user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
}
