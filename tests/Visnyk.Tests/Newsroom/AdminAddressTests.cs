using System.Net;
using Visnyk.Accounts;

namespace Visnyk.Tests.Newsroom;

// The back office answers at /admin only, not at /ADMIN or /Admin: a proxy's allow-list or a
// cookie path that minds letter case must not be walked around (issue 13, finding 3).
public class AdminAddressTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_back_office_answers_only_at_its_lower_case_address()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        foreach (var path in new[] { "/ADMIN/users", "/Admin/users", "/aDmIn/settings", "/ADMIN" })
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
        var anonymous = site.Browserless();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ADMIN/signin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("/Admin/SignIn", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/admin/signin")).StatusCode);
    }
}

public class AllowListLetterCaseTests(AllowListSiteFactory site) : IClassFixture<AllowListSiteFactory>
{
    [Fact]
    public async Task The_allow_list_holds_whatever_the_letter_case()
    {
        var client = site.Browserless();
        foreach (var path in new[] { "/ADMIN/signin", "/Admin/signin", "/admin/SIGNIN", "/%41dmin/signin" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }
}
