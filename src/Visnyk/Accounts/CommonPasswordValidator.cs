using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Visnyk.Accounts;

// NIST SP 800-63B: no composition rules, but no password that attackers try first: one from a list
// of real leaked passwords (CommonPasswords/README.md), a short run repeated or counted out, or
// one that is mostly the account's own address. Identity runs it wherever a password is set.
public class CommonPasswordValidator : IPasswordValidator<User>
{
    public const string ErrorCode = "PasswordCommon";

    // Loaded on first use (44,000 entries, about 3 MB), then kept for the life of the process.
    static readonly Lazy<FrozenSet<string>> common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        Task.FromResult(password is { Length: > 0 } && IsGuessable(password, user.Email)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = Text.PasswordCommon })
            : IdentityResult.Success);

    public static bool IsGuessable(string password, string? email)
    {
        var lower = password.ToLowerInvariant();
        return common.Value.Contains(lower) || IsRepeated(lower) || IsSequence(lower) || IsMostlyAddress(lower, email);
    }

    // "aaaaaaaaaaaa", "abababababab", "123412341234": one to four characters over and over.
    static bool IsRepeated(string password) =>
        Enumerable.Range(1, 4).Any(unit => password.Length > unit
            && Enumerable.Range(unit, password.Length - unit).All(i => password[i] == password[i % unit]));

    // "abcdefghijklm", "987654321098" and the like: each character one step from the one before.
    static bool IsSequence(string password)
    {
        if (password.Length < 3)
        {
            return false;
        }
        var step = password[1] - password[0];
        return step is 1 or -1 && Enumerable.Range(2, password.Length - 2).All(i => password[i] - password[i - 1] == step || IsDigitWrap(password[i - 1], password[i], step));
    }

    static bool IsDigitWrap(char before, char after, int step) =>
        step == 1 ? before == '9' && after == '0' : before == '0' && after == '9';

    // "petrenko2026!" for petrenko@...: what is left without the address must be long enough itself.
    static bool IsMostlyAddress(string password, string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return false;
        }
        var address = email.ToLowerInvariant();
        var name = address.Split('@')[0];
        var rest = password.Replace(address, "", StringComparison.Ordinal);
        if (name.Length >= 3)
        {
            rest = rest.Replace(name, "", StringComparison.Ordinal);
        }
        return rest.Length < password.Length && rest.Length < 12;
    }

    static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Visnyk.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            passwords.Add(line);
        }
        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
