using System.Net;
using OtpNet;
using Visnyk.Accounts;

namespace Visnyk.Tests.Newsroom;

// An authenticator code opens one session only, and only while it is current (one step of drift).
public class OneTimeCodeTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    // The password step in a fresh browser: the site then asks for the code.
    async Task<HttpClient> AtCodeStepAsync(Newsroom.Account account)
    {
        var client = site.Client();
        var response = await client.PostFormAsync("/admin/signin", "/admin/signin", ("Email", account.Email), ("Password", Newsroom.Password));
        Assert.Equal("/admin/signin/code", response.Headers.Location!.OriginalString.Split('?')[0]);
        return client;
    }

    static Task<HttpResponseMessage> SendCodeAsync(HttpClient client, string code) =>
        client.PostFormAsync("/admin/signin/code", "/admin/signin/code", ("Code", code));

    [Fact]
    public async Task The_same_code_does_not_open_a_second_session()
    {
        var chief = await site.CreateAsync(Roles.ChiefEditor);
        var first = await AtCodeStepAsync(chief);
        var second = await AtCodeStepAsync(chief);
        var code = new Totp(Base32Encoding.ToBytes(chief.AuthenticatorKey!)).ComputeTotp();

        Assert.Equal(HttpStatusCode.Redirect, (await SendCodeAsync(first, code)).StatusCode);
        var replay = await SendCodeAsync(second, code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("Невірний код.", await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/admin/articles")).StatusCode);
    }

    [Fact]
    public async Task A_code_a_minute_old_is_refused_and_a_code_one_step_ahead_is_taken()
    {
        var editor = await site.CreateAsync(Roles.Editor, ["departament-osvity-i-nauky"]);
        var totp = new Totp(Base32Encoding.ToBytes(editor.AuthenticatorKey!));
        var client = await AtCodeStepAsync(editor);
        var old = await SendCodeAsync(client, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(-60)));
        Assert.Contains("Невірний код.", await old.Content.ReadAsStringAsync());
        // A phone whose clock runs up to 30 s fast still works.
        Assert.Equal(HttpStatusCode.Redirect, (await SendCodeAsync(client, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);
    }
}
