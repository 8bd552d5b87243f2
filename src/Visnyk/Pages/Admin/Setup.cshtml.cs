using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin;

// Where a set-up or invitation link leads: the new user chooses a password. The link works once
// and expires (Identity's password-reset token, see AccountsSetup); a newer link voids it.
public class SetupModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string UserId { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty, Required(ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PasswordRequired)), DataType(DataType.Password), MaxLength(1000)]
    public string Password { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Compare(nameof(Password), ErrorMessageResourceType = typeof(AdminText), ErrorMessageResourceName = nameof(AdminText.PasswordsDiffer))]
    public string Repeat { get; set; } = "";

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, Token))
        {
            return Expired();
        }
        Email = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId);
        if (user is null)
        {
            return Expired();
        }
        Email = user.Email;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                return Expired();
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }
            return Page();
        }
        await audit.WriteAsync(AuditActions.PasswordSet, AuditActions.User(user.Id), actor: user);
        // The link vouches for the password, not for the second factor: sign in as with the
        // form, so an account with an authenticator still asks for its code.
        var signedIn = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false);
        if (signedIn.RequiresTwoFactor)
        {
            return Redirect("/admin/signin/code");
        }
        return Redirect(signedIn.Succeeded ? "/admin/account/two-factor" : "/admin/signin");
    }

    IActionResult Expired()
    {
        Response.StatusCode = StatusCodes.Status410Gone;
        ViewData["Expired"] = true;
        return Page();
    }
}
