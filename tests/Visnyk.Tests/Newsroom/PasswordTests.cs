using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;

namespace Visnyk.Tests.Newsroom;

// NIST SP 800-63B on the set-up page: long enough, no composition rules, nothing attackers try first.
public class PasswordTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    // An invited user's set-up link, as an administrator would send it.
    async Task<(string Path, string Email)> InvitationAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var email = $"invited-{Guid.NewGuid():N}@example.gov.ua";
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Запрошена" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Editor)).Succeeded);
        // Without Visnyk:PublicUrl the link is the path alone.
        return (await Invitations.LinkAsync(users, user, null), email);
    }

    static async Task<HttpResponseMessage> SetAsync(HttpClient client, string path, string password)
    {
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        return await client.PostFormAsync(path, path, ("user", form.QuerySelector("input[name=user]")!.GetAttribute("value")!),
            ("Token", form.QuerySelector("input[name=Token]")!.GetAttribute("value")!), ("Password", password), ("Repeat", password));
    }

    static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".form__errors")?.TextContent ?? "";

    [Theory]
    [InlineData("aaaaaaaaaaaa")]          // twelve characters of one
    [InlineData("qwertyuiop123")]         // in the list of leaked passwords
    [InlineData("Password1234")]          // in the list, whatever the letter case
    [InlineData("abcdefghijklmn")]        // counted out
    public async Task A_common_or_trivial_password_is_refused_with_a_clear_message(string password)
    {
        var (path, _) = await InvitationAsync();
        var client = site.Client();
        var refused = await SetAsync(client, path, password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Text.PasswordCommon, await ErrorsAsync(refused));

        // The link is not used up: a good password still goes through.
        var accepted = await SetAsync(client, path, "черешні цвітуть над Ворсклою");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/admin/account/two-factor", accepted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_password_that_is_mostly_the_own_address_is_refused()
    {
        var (path, email) = await InvitationAsync();
        var refused = await SetAsync(site.Client(), path, email.Split('@')[0] + "2026");
        Assert.Contains(Text.PasswordCommon, await ErrorsAsync(refused));
    }

    [Fact]
    public async Task A_long_uncommon_password_without_digits_or_capitals_is_accepted()
    {
        var (path, _) = await InvitationAsync();
        var accepted = await SetAsync(site.Client(), path, "липовий мед на світанку");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public void Short_passwords_are_left_to_the_length_rule_and_only_12_or_more_characters_are_shipped()
    {
        Assert.False(CommonPasswordValidator.IsGuessable("ab", null));
        Assert.True(CommonPasswordValidator.IsGuessable("1q2w3e4r5t6y", null));
        Assert.False(CommonPasswordValidator.IsGuessable("1q2w3e4r5t6y7u8i9o0p-зелений", null));
    }
}
