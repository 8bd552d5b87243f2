using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin;

public class SignInModel(SignInManager<User> signIn, UserManager<User> users, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Вкажіть адресу електронної пошти."), EmailAddress(ErrorMessage = "Це не схоже на адресу електронної пошти."), MaxLength(256)]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Вкажіть пароль."), DataType(DataType.Password), MaxLength(1000)]
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
        var user = await users.FindByEmailAsync(Email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, actor: user);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditActions.SignInLockedOut, details: Email, actor: user);
            ModelState.AddModelError("", "Забагато невдалих спроб. Вхід для цього облікового запису призупинено на 15 хвилин.");
            return Page();
        }
        // One message whether the address is unknown or the password wrong: no account discovery.
        await audit.WriteAsync(AuditActions.SignInFailed, details: Email, actor: user);
        ModelState.AddModelError("", "Невірна адреса або пароль.");
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
            await audit.WriteAsync(AuditActions.SignInFailed, details: "ключ доступу не підтверджено");
            ModelState.AddModelError("", "Ключ доступу не підтверджено. Увійдіть з паролем.");
            return Page();
        }
        var user = assertion.User;
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            await audit.WriteAsync(AuditActions.SignInLockedOut, details: "ключ доступу", actor: user);
            ModelState.AddModelError("", "Вхід для цього облікового запису призупинено.");
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
