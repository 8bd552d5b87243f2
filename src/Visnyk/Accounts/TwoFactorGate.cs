using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Every newsroom user (editors too, unless the site settings relax it for them) must set up
// two-factor authentication before anything else in the back office.
public class TwoFactorGate(UserManager<User> users, SiteChrome chrome) : IAsyncPageFilter
{
    static readonly string[] Open = ["/admin/account/two-factor", "/admin/account/passkeys", "/admin/signout", "/admin/signin", "/admin/setup", "/admin/denied"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path;
        if (path.StartsWithSegments("/admin") && http.User.Identity?.IsAuthenticated == true
            && !Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            var user = await users.GetUserAsync(http.User);
            // A passkey is a second factor too (something held, unlocked by something known or
            // by the body); an account with one may skip the authenticator app.
            if (user is not null && !user.TwoFactorEnabled && (user.MustEnrolTwoFactor || await MustUseAsync(user)) && (await users.GetPasskeysAsync(user)).Count == 0)
            {
                context.Result = new RedirectResult("/admin/account/two-factor");
                return;
            }
        }
        await next();
    }

    async Task<bool> MustUseAsync(User user)
    {
        if (await users.IsInRoleAsync(user, Roles.Administrator) || await users.IsInRoleAsync(user, Roles.ChiefEditor))
        {
            return true;
        }
        return !(await chrome.GetAsync()).Settings.EditorsMaySkipTwoFactor;
    }
}
