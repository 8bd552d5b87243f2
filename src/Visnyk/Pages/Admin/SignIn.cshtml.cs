using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin;

public class SignInModel(SignInManager<User> signIn, UserManager<User> users, AuditLog audit, SignInThrottle throttle) : PageModel
{
    [BindProperty, Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.EmailRequired)), EmailAddress(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.EmailInvalid)), MaxLength(256)]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PasswordRequired)), DataType(DataType.Password), MaxLength(1000)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Throttled the same whether the address has an account or not.
        var attempt = await throttle.BeginAsync(Email, HttpContext.Connection.RemoteIpAddress);
        if (attempt.RetryAfter is { } wait)
        {
            await audit.WriteAsync(AuditActions.SignInThrottled, details: Email);
            return this.Refuse(wait);
        }
        var user = await users.FindByEmailAsync(Email);
        var result = user is { PasswordHash: not null }
            ? await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false)
            : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (user is not { PasswordHash: not null } || result.IsLockedOut || result.IsNotAllowed)
        {
            DecoyPassword.Check(users.PasswordHasher, Password);
        }
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(attempt);
            await audit.WriteAsync(AuditActions.SignIn, actor: user);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            await throttle.ForgiveAsync(attempt);
            return RedirectToPage("SignInCode", new { ReturnUrl });
        }
        // One answer whether the address is unknown, the password wrong or the account blocked:
        // nothing to learn about accounts (the audit log tells them apart).
        await audit.WriteAsync(result.IsLockedOut ? AuditActions.SignInLockedOut : AuditActions.SignInFailed, details: Email, actor: user);
        ModelState.AddModelError("", Text.SignInFailed);
        return Page();
    }

    // Password-less sign-in with a passkey: the options for the browser, then its answer.
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync(string? credential)
    {
        ModelState.Clear();
        var assertion = await signIn.PerformPasskeyAssertionAsync(credential ?? "");
        if (!assertion.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignInFailed, details: AdminText.AuditPasskeyNotConfirmed);
            ModelState.AddModelError("", AdminText.SignInPasskeyNotConfirmed);
            return Page();
        }
        var user = assertion.User;
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            await audit.WriteAsync(AuditActions.SignInLockedOut, details: AdminText.AuditPasskey, actor: user);
            ModelState.AddModelError("", Text.SignInBlocked);
            return Page();
        }
        // Keep the authenticator's signature counter, which reveals cloned keys.
        await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim("amr", "pop")]);
        await audit.WriteAsync(AuditActions.PasskeySignIn, actor: user);
        return LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url
            : "/admin";
}
