using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin;

// Second step of signing in: a code from the authenticator app, or one of the recovery codes.
public class SignInCodeModel(SignInManager<User> signIn, UserManager<User> users, AuditLog audit, SignInThrottle throttle) : PageModel
{
    [BindProperty, Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.CodeRequired)), MaxLength(64)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Codes are guessed too: the same counters as the password.
        var attempt = await throttle.BeginAsync(user.Email, HttpContext.Connection.RemoteIpAddress);
        if (attempt.RetryAfter is { } wait)
        {
            await audit.WriteAsync(AuditActions.SignInThrottled, details: $"{user.Email}; 2FA", actor: user);
            return this.Refuse(wait);
        }
        var code = Code.Replace(" ", "").Replace("-", "");
        // Six digits: the authenticator app; anything else: a recovery code (used up on success).
        var isTotp = code.Length == 6 && code.All(char.IsAsciiDigit);
        var result = isTotp
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Replace(" ", ""));
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(attempt);
            await audit.WriteAsync(isTotp ? AuditActions.SignIn : AuditActions.RecoveryCodeUsed, details: isTotp ? "TOTP" : string.Format(AdminText.AuditRecoveryCodesLeft, await users.CountRecoveryCodesAsync(user)), actor: user);
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditActions.SignInLockedOut, details: "2FA", actor: user);
            ModelState.AddModelError("", Text.SignInBlocked);
            return Page();
        }
        await audit.WriteAsync(AuditActions.SignInTwoFactorFailed, actor: user);
        ModelState.AddModelError("", AdminText.CodeWrong);
        return Page();
    }
}
