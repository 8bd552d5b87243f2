using Microsoft.AspNetCore.DataProtection;

namespace Visnyk.Newsroom;

// Preview links for unpublished articles: /preview/{token}, where the token is the article id
// signed and encrypted with the site's Data Protection keys and an expiry. Nobody can guess or
// forge one, and it stops working after Lifetime; no sign-in is needed to open it, so an editor
// can send it to a colleague or to the press office.
public class Previews(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Visnyk.Preview").ToTimeLimitedDataProtector();

    public string Link(int articleId) =>
        $"/preview/{protector.Protect(articleId.ToString(), clock.GetUtcNow() + Lifetime)}";

    public int? ArticleId(string token)
    {
        try
        {
            return int.TryParse(protector.Unprotect(token, out var expires), out var id) && expires > clock.GetUtcNow() ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // forged, damaged or expired
        }
    }
}
