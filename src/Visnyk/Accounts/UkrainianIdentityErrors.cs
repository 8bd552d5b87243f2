using Microsoft.AspNetCore.Identity;

namespace Visnyk.Accounts;

// Identity's messages, in Ukrainian (Resources/AdminText.resx), for those an editor can meet.
public class UkrainianIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = string.Format(AdminText.PasswordTooShort, length) };
    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = AdminText.SetupLinkInvalid };
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = string.Format(AdminText.UserExists, email) };
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = string.Format(AdminText.UserExists, userName) };
    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = string.Format(AdminText.EmailInvalidNamed, email) };
    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = AdminText.PasswordWrong };
}
