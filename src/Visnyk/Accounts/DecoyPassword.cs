using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Visnyk.Accounts;

// Identity answers an unknown address, an account with no password yet, or a blocked one without
// hashing anything: 17 ms against 400 ms for a wrong password, which tells which addresses have
// accounts. Checking the password against this hash of a random one costs the same work.
public static class DecoyPassword
{
    static string? hash;

    public static void Check(IPasswordHasher<User> hasher, string password)
    {
        hash ??= hasher.HashPassword(new User(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(new User(), hash, password);
    }
}
