using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Visnyk.Accounts;
using Visnyk.Audit;
using Visnyk.Data;
using Visnyk.Site;

namespace Visnyk.Pages.Admin.Account;

// The user's own account: second factors, and the sessions open in other browsers, which the
// user can end at once (a phone left signed in, a shared computer).
public class IndexModel(VisnykDb db, UserManager<User> users, SignInManager<User> signIn, AuditLog audit, TimeProvider clock, IOptions<SiteOptions> options) : PageModel
{
    public int Sessions { get; private set; }
    public int MaxHours => options.Value.Admin.SessionMaxHours;
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync() =>
        Sessions = await Accounts.Sessions.CountAsync(db, users.GetUserId(User)!, clock.GetUtcNow().UtcDateTime, TimeSpan.FromHours(MaxHours));

    public async Task<IActionResult> OnPostEndAllAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var ended = await Accounts.Sessions.EndAllAsync(db, user.Id);
        await audit.WriteAsync(AuditActions.SignOutEverywhere, AuditActions.User(user.Id), string.Format(Text.AccountSessionsEnded, ended), actor: user);
        await signIn.SignOutAsync();
        return Redirect("/admin/signin");
    }
}
