using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Visnyk.Site;

namespace Visnyk.Accounts;

// Every newsroom user (editors too, unless the site settings relax it for them) must set up
// two-factor authentication before anything else in the back office: its pages (a filter on the
// /Admin folder) and its few endpoints outside Razor Pages (AddEndpointFilter<TwoFactorGate>).
public class TwoFactorGate(UserManager<User> users, SiteChrome chrome) : IAsyncPageFilter, IEndpointFilter
{
    static readonly string[] Open = ["/admin/account/two-factor", "/admin/account/passkeys", "/admin/signout", "/admin/signin", "/admin/setup", "/admin/denied"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await MustEnrolAsync(context.HttpContext))
        {
            context.Result = new RedirectResult(EnrolPath);
            return;
        }
        await next();
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await MustEnrolAsync(context.HttpContext) ? Results.Redirect(EnrolPath) : await next(context);

    const string EnrolPath = "/admin/account/two-factor";

    async Task<bool> MustEnrolAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/admin") || http.User.Identity?.IsAuthenticated != true
            || Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        var user = await users.GetUserAsync(http.User);
        // A passkey is a second factor too (something held, unlocked by something known or
        // by the body); an account with one may skip the authenticator app.
        return user is not null && !user.TwoFactorEnabled && (user.MustEnrolTwoFactor || await MustUseAsync(user)) && (await users.GetPasskeysAsync(user)).Count == 0;
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
