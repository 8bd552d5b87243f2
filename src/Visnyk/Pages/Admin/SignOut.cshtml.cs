using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Pages.Admin;

public class SignOutModel(SignInManager<User> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.WriteAsync(AuditActions.SignOut);
        await signIn.SignOutAsync();
        return Redirect("/admin/signin");
    }
}
