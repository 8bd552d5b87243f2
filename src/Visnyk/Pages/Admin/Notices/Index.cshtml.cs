using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Data;
using Visnyk.Notices;

namespace Visnyk.Pages.Admin.Notices;

// The site's notices: those shown now and those to come, in the order pages show them, then the
// last ones that ended.
[Authorize(Policy = AccountsSetup.NoticesPolicy)]
public class IndexModel(VisnykDb db, TimeProvider clock) : PageModel
{
    const int Ended = 20;

    public DateTime Now { get; private set; }
    public IReadOnlyList<Notice> Current { get; private set; } = [];
    public IReadOnlyList<Notice> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var now = Now;
        // Taken down before it started: over, though its end is still to come.
        Current = [.. Notice.InOrder(await db.Notices.AsNoTracking().Where(n => (n.EndsAt == null || n.EndsAt > now) && !(n.EndsAt <= n.StartsAt)).ToListAsync(ct))];
        Past = await db.Notices.AsNoTracking().Where(n => n.EndsAt <= now || n.EndsAt <= n.StartsAt).OrderByDescending(n => n.UpdatedAt).Take(Ended).ToListAsync(ct);
    }
}
