using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Visnyk.Accounts;
using Visnyk.Audit;

namespace Visnyk.Tests.Newsroom;

// A passkey without a browser: a P-256 key held by the test, stored for the account as Identity
// stores one (the browser tests make them with Chromium's virtual authenticator), and WebAuthn
// assertions signed with it, sent to /admin/signin as passkeys.js sends them.
public sealed class TestPasskey : IDisposable
{
    readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    uint signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    // The public key as a COSE_Key: {1 (kty): 2 (EC2), 3 (alg): -7 (ES256), -1 (crv): 1 (P-256), -2: x, -3: y}.
    byte[] CoseKey()
    {
        var p = key.ExportParameters(false).Q;
        return [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. p.X!, 0x22, 0x58, 0x20, .. p.Y!];
    }

    public async Task AddToAsync(SiteFactory site, string userId, string name)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var info = new UserPasskeyInfo(CredentialId, CoseKey(), DateTimeOffset.UtcNow, 0, ["internal"], isUserVerified: true,
            isBackupEligible: false, isBackedUp: false, attestationObject: [0xA0], clientDataJson: "{}"u8.ToArray()) { Name = name };
        Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(userId))!, info)).Succeeded);
    }

    // Signing in with this passkey from a fresh client: the options (a challenge), then the assertion.
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(SiteFactory site, string userId)
    {
        var client = site.Client();
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var options = await client.PostFormAsync("/admin/signin", "/admin/signin?handler=PasskeyOptions");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var challenge = JsonDocument.Parse(await options.Content.ReadAsStringAsync()).RootElement.GetProperty("challenge").GetString()!;

        var clientData = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = "webauthn.get", ["challenge"] = challenge, ["origin"] = "http://localhost", ["crossOrigin"] = false,
        });
        var count = BitConverter.GetBytes(++signCount);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(count);
        }
        byte[] authenticatorData = [.. SHA256.HashData("localhost"u8), 0x05 /* user present, verified */, .. count];
        var signature = key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var id = WebEncoders.Base64UrlEncode(CredentialId);
        var credential = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id, ["rawId"] = id, ["type"] = "public-key", ["clientExtensionResults"] = new Dictionary<string, object>(),
            ["response"] = new Dictionary<string, string>
            {
                ["clientDataJSON"] = WebEncoders.Base64UrlEncode(clientData),
                ["authenticatorData"] = WebEncoders.Base64UrlEncode(authenticatorData),
                ["signature"] = WebEncoders.Base64UrlEncode(signature),
                ["userHandle"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(userId)),
            },
        });
        return (client, await client.PostFormAsync("/admin/signin", "/admin/signin?handler=Passkey", ("credential", credential)));
    }

    public void Dispose() => key.Dispose();
}

// Removing a passkey at /admin/account/passkeys: it leaves the list and signs in no more; it no
// longer counts as the second factor; only its owner can remove it.
public class PasskeyRemovalTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static async Task<List<string>> ListedAsync(HttpClient client) =>
        (await Html.ParseAsync(await client.GetStringAsync("/admin/account/passkeys"))).QuerySelectorAll("ul.passkeys li").Select(li => li.TextContent.Trim()).ToList();

    static Task<HttpResponseMessage> RemoveAsync(HttpClient client, TestPasskey passkey) =>
        client.PostFormAsync("/admin/account/passkeys", "/admin/account/passkeys?handler=Remove", ("id", Convert.ToBase64String(passkey.CredentialId)));

    async Task<List<AuditEntry>> AuditAsync(string action, string userId)
    {
        await using var scope = site.Scope(out var db);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action && e.UserId == userId).ToListAsync();
    }

    [Fact]
    public async Task A_removed_passkey_leaves_the_list_signs_in_no_more_and_no_longer_stands_for_the_second_factor()
    {
        // A chief editor whose only second factor is the passkey.
        var chief = await site.CreateAsync(Roles.ChiefEditor, twoFactor: false);
        using var passkey = new TestPasskey();
        await passkey.AddToAsync(site, chief.Id, "Робочий ноутбук");
        var (byPasskey, signedIn) = await passkey.SignInAsync(site, chief.Id);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await byPasskey.GetAsync("/admin/articles")).StatusCode);

        var client = await site.SignedInAsync(chief); // the password alone: the passkey is the second factor
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);
        Assert.Contains(await ListedAsync(client), l => l.StartsWith("Робочий ноутбук"));

        var removed = await RemoveAsync(client, passkey);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await ListedAsync(client));
        Assert.Single(await AuditAsync(AuditActions.PasskeyRemoved, chief.Id));

        var gated = await client.GetAsync("/admin/articles");
        Assert.Equal(HttpStatusCode.Redirect, gated.StatusCode);
        Assert.Equal("/admin/account/two-factor", gated.Headers.Location!.OriginalString);
        var (_, refused) = await passkey.SignInAsync(site, chief.Id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(AdminText.SignInPasskeyNotConfirmed, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_the_owner_can_remove_a_passkey_and_a_try_by_someone_else_records_no_removal()
    {
        var owner = await site.CreateAsync(Roles.ChiefEditor);
        using var passkey = new TestPasskey();
        await passkey.AddToAsync(site, owner.Id, "Телефон");
        var other = await site.CreateAsync(Roles.Administrator);
        var stranger = await site.SignedInAsync(other);

        var attempt = await RemoveAsync(stranger, passkey);
        Assert.Contains(await ListedAsync(await site.SignedInAsync(owner)), l => l.StartsWith("Телефон"));
        var (_, signedIn) = await passkey.SignInAsync(site, owner.Id);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Empty(await AuditAsync(AuditActions.PasskeyRemoved, other.Id));

        // Not a credential id at all.
        var malformed = await stranger.PostFormAsync("/admin/account/passkeys", "/admin/account/passkeys?handler=Remove", ("id", "не base64"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
