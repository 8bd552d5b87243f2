using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Site;

// With Visnyk:KeyCertificate the Data Protection keys in the database are encrypted with a
// certificate kept outside it (issue 13, finding 13): the stored XML holds no key material, and
// the site still signs and reads its cookies.
public class KeyEncryptionTests(KeyEncryptionTests.EncryptedKeysSite site) : IClassFixture<KeyEncryptionTests.EncryptedKeysSite>
{
    public class EncryptedKeysSite : SiteFactory
    {
        public string CertificatePath { get; } = Path.Combine(Path.GetTempPath(), $"visnyk-keys-{Guid.NewGuid():N}.pfx");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Visnyk keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pkcs12, "пароль сертифіката"));
            builder.UseSetting("Visnyk:KeyCertificate", CertificatePath);
            builder.UseSetting("Visnyk:KeyCertificatePassword", "пароль сертифіката");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(CertificatePath);
        }
    }

    [Fact]
    public async Task Stored_keys_are_encrypted_with_the_certificate_and_sign_in_still_works()
    {
        // Signing in writes cookies and antiforgery tokens: the key ring is made and used.
        var client = await site.SignedInAsync(await site.CreateAsync(Roles.ChiefEditor));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);

        await using var scope = site.Scope(out var db);
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = System.Xml.Linq.XElement.Parse(key.Xml!);
            // Plain keys keep the secret in <masterKey><value>; encrypted ones in <encryptedSecret>.
            Assert.DoesNotContain(xml.Descendants(), e => e.Name.LocalName == "masterKey");
            Assert.Single(xml.Descendants(), e => e.Name.LocalName == "encryptedSecret");
        }
    }
}
