using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin.Account;

// Two-factor set-up: the key for an authenticator app (as a QR code and as text), a code to prove
// it works, then ten recovery codes shown once. Administrators and chief editors cannot use the
// back office until this is done (TwoFactorGate).
public class TwoFactorModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty, Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.TwoFactorCodeRequired)), MaxLength(16)]
    public string Code { get; set; } = "";

    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Enabled { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Enabled = user.TwoFactorEnabled;
        if (!Enabled)
        {
            await ShowKeyAsync(user);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        var code = Code.Replace(" ", "").Replace("-", "");
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), AdminText.TwoFactorCodeWrong);
            await ShowKeyAsync(user);
            return Page();
        }
        user.MustEnrolTwoFactor = false;
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []).ToList();
        await audit.WriteAsync(AuditActions.TwoFactorEnabled, AuditActions.User(user.Id), actor: user);
        await signIn.RefreshSignInAsync(user);
        Enabled = true;
        return Page();
    }

    async Task ShowKeyAsync(User user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            // A new key changes the security stamp, which would end this very session.
            await signIn.RefreshSignInAsync(user);
        }
        Key = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var label = Uri.EscapeDataString($"{AdminText.AuthenticatorIssuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(AdminText.AuthenticatorIssuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
