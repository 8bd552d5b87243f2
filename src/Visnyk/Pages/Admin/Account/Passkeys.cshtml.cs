using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin.Account;

// Passkeys (WebAuthn, ASP.NET Core Identity): a key on the phone or computer, unlocked by
// fingerprint, face or PIN, that signs in without a password and cannot be phished. A passkey
// also counts as the second factor the newsroom requires (TwoFactorGate).
public class PasskeysModel(UserManager<User> users, SignInManager<User> signIn, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Passkeys = (await users.GetPasskeysAsync(user)).ToList();
        return Page();
    }

    // Step 1 (from passkeys.js): what the browser needs to create a passkey for this account.
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.Email ?? user.Id,
            DisplayName = user.DisplayName,
        });
        return Content(options, "application/json");
    }

    // Step 2: the new passkey, checked by Identity and stored.
    public async Task<IActionResult> OnPostAddAsync(string credential, string? name)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var attestation = await signIn.PerformPasskeyAttestationAsync(credential ?? "");
        if (!attestation.Succeeded)
        {
            Message = AdminText.PasskeyAddFailed;
            return RedirectToPage();
        }
        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(name) ? string.Format(AdminText.PasskeyDefaultName, clock.GetUtcNow().UtcDateTime) : name.Trim()[..Math.Min(name.Trim().Length, 100)];
        user.MustEnrolTwoFactor = false;
        await users.AddOrUpdatePasskeyAsync(user, passkey);
        await audit.WriteAsync(AuditActions.PasskeyAdded, AuditActions.User(user.Id), passkey.Name, actor: user);
        await signIn.RefreshSignInAsync(user);
        Message = AdminText.PasskeyAdded;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        byte[] credentialId;
        try
        {
            credentialId = Convert.FromBase64String(id);
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        // Only this user's own passkeys; anything else is not there for them (and no removal is audited).
        if (await users.GetPasskeyAsync(user, credentialId) is null)
        {
            return NotFound();
        }
        await users.RemovePasskeyAsync(user, credentialId);
        await signIn.RefreshSignInAsync(user); // keeps this session if the stamp changed
        await audit.WriteAsync(AuditActions.PasskeyRemoved, AuditActions.User(user.Id), actor: user);
        Message = AdminText.PasskeyRemoved;
        return RedirectToPage();
    }
}
