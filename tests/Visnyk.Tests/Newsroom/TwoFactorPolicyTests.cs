using System.Net;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// Two-factor sign-in is required of every role unless an administrator relaxes it for editors,
// which the settings page warns about and the audit log records.
public class TwoFactorPolicyTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task An_editor_must_set_up_two_factor_by_default_until_an_administrator_relaxes_it()
    {
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"], twoFactor: false);
        var client = await site.SignedInAsync(editor);
        var gated = await client.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, gated.StatusCode);
        Assert.Equal("/admin/account/two-factor", gated.Headers.Location!.OriginalString);

        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        (string, string) name = ("Form.BodyName", "Полтавська обласна військова адміністрація");
        var before = await Html.ParseAsync(await admin.GetStringAsync("/admin/settings"));
        Assert.False(before.QuerySelector("input[name='Form.EditorsMaySkipTwoFactor']")!.HasAttribute("checked"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/settings", "/admin/settings", name, ("Form.EditorsMaySkipTwoFactor", "true"))).StatusCode);
        var relaxed = await Html.ParseAsync(await admin.GetStringAsync("/admin/settings"));
        Assert.True(relaxed.QuerySelector("input[name='Form.EditorsMaySkipTwoFactor']")!.HasAttribute("checked"));
        Assert.Contains("notice--warning", relaxed.QuerySelector("[data-testid=two-factor-warning]")!.ClassList);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);

        // A form without the box (or with it unticked) requires it again.
        await admin.PostFormAsync("/admin/settings", "/admin/settings", name);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/articles")).StatusCode);
        await using var scope = site.Scope(out var db);
        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.TwoFactorPolicyChanged).OrderBy(e => e.Id).Select(e => e.Details).ToListAsync();
        Assert.Equal(["редакторам дозволено входити без двофакторної автентифікації", "двофакторна автентифікація знову потрібна всім"], entries);
    }
}
