using System.Net;
using Microsoft.AspNetCore.Hosting;
using Visnyk.Accounts;

namespace Visnyk.Tests.Newsroom;

// The site with its public address configured, as in production.
public class PublicUrlSiteFactory : SiteFactory
{
    public const string PublicUrl = "https://news.example.gov.ua";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Visnyk:PublicUrl", PublicUrl);
    }
}

// A set-up link sets a password, nothing more: the second factor still stands, a newer link voids
// older ones, and the link's address comes from the configuration, never from the request.
public class SetupLinkTests(PublicUrlSiteFactory site) : IClassFixture<PublicUrlSiteFactory>
{
    // An administrator asks for a new link for this account; the request comes with this Host.
    async Task<string> NewLinkAsync(HttpClient admin, string userId, string host = "localhost")
    {
        var path = $"/admin/users/edit/{userId}";
        var token = await admin.AntiforgeryTokenAsync(path);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?handler=Link")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        request.Headers.Host = host;
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        return page.QuerySelector("code.invitation-link")!.TextContent.Trim();
    }

    static string PathOf(string link) => new Uri(link).PathAndQuery;

    static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password)
    {
        var path = PathOf(link);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        return await client.PostFormAsync(path, path, ("user", query["user"]!), ("Token", query["token"]!), ("Password", password), ("Repeat", password));
    }

    [Fact]
    public async Task A_set_up_link_for_an_account_with_two_factor_still_asks_for_the_code()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var chief = await site.CreateAsync(Roles.ChiefEditor);
        var link = await NewLinkAsync(admin, chief.Id);

        var stranger = site.Client();
        var set = await SetPasswordAsync(stranger, link, "новий довгий пароль головного редактора");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/admin/signin/code", set.Headers.Location!.OriginalString);
        var denied = await stranger.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/admin/signin", denied.Headers.Location!.AbsolutePath);

        var code = await stranger.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", Newsroom.Code(chief.AuthenticatorKey!)));
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/admin/articles")).StatusCode);
    }

    [Fact]
    public async Task A_new_link_voids_the_older_one()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var older = await NewLinkAsync(admin, editor.Id);
        var newer = await NewLinkAsync(admin, editor.Id);
        var client = site.Client();
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(PathOf(older))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(PathOf(newer))).StatusCode);
    }

    [Fact]
    public async Task The_link_is_on_the_configured_address_whatever_Host_the_request_names()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var link = await NewLinkAsync(admin, editor.Id, host: "attacker.example");
        Assert.StartsWith($"{PublicUrlSiteFactory.PublicUrl}/admin/setup?", link);
        Assert.DoesNotContain("attacker", link);
    }

    [Fact]
    public async Task After_an_administrator_resets_two_factor_the_user_must_enrol_again_even_where_editors_may_skip_it()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        (string, string) name = ("Form.BodyName", "Полтавська обласна військова адміністрація");
        await admin.PostFormAsync("/admin/settings", "/admin/settings", name, ("Form.EditorsMaySkipTwoFactor", "true"));
        try
        {
            var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
            var reset = await admin.PostFormAsync($"/admin/users/edit/{editor.Id}", $"/admin/users/edit/{editor.Id}?handler=ResetTwoFactor");
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
            var client = await site.SignedInAsync(editor); // the password alone now
            var gated = await client.GetAsync("/admin/articles");
            Assert.Equal(HttpStatusCode.Redirect, gated.StatusCode);
            Assert.Equal("/admin/account/two-factor", gated.Headers.Location!.OriginalString);
        }
        finally
        {
            await admin.PostFormAsync("/admin/settings", "/admin/settings", name);
        }
    }
}

// Without Visnyk:PublicUrl the link names no address at all: the request's Host (which anyone can
// send) used to become the link's origin, so a forged Host put the token on the attacker's site.
public class SetupLinkWithoutPublicUrlTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task The_link_never_takes_its_address_from_the_request()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var path = $"/admin/users/edit/{editor.Id}";
        var token = await admin.AntiforgeryTokenAsync(path);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?handler=Link")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        request.Headers.Host = "attacker.example";
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("code.invitation-link")!.TextContent.Trim();
        Assert.StartsWith("/admin/setup?", link);
        Assert.DoesNotContain("attacker", link);
    }
}
